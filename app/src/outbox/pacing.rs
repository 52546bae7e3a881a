//! Pacing under a provider's limits (pure): at most N messages a minute, spaced evenly (a
//! generic cell rate: one slot every 60/N seconds, no bursts), and at most M recipients a day.
//! Exchange Online allows a mailbox 30 messages a minute and 10,000 recipients a day; a paced
//! message waits for its slot, it does not fail.

use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub per_minute: u32,
    pub recipients_per_day: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            per_minute: 30,
            recipients_per_day: 10_000,
        }
    }
}

/// The next free slot (Unix ms) of each sender, in this process.
#[derive(Debug, Default)]
pub struct Pacer {
    next_slot: Mutex<HashMap<String, i64>>,
}

impl Pacer {
    /// Takes a slot for `sender` at `now` if one is free: `Ok(())`, or `Err(when)` the next
    /// one is.
    pub fn take(&self, sender: &str, per_minute: u32, now: i64) -> Result<(), i64> {
        let interval = 60_000 / i64::from(per_minute.max(1));
        let mut slots = self.next_slot.lock().unwrap_or_else(|e| e.into_inner());
        let next = slots.get(sender).copied().unwrap_or(now);
        if next > now {
            return Err(next);
        }
        slots.insert(sender.to_owned(), now.max(next) + interval);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_a_minute_means_one_every_two_seconds() {
        let pacer = Pacer::default();
        assert_eq!(pacer.take("a@x", 30, 0), Ok(()));
        assert_eq!(pacer.take("a@x", 30, 1_000), Err(2_000));
        assert_eq!(
            pacer.take("b@x", 30, 1_000),
            Ok(()),
            "each sender has its own slots"
        );
        assert_eq!(pacer.take("a@x", 30, 2_000), Ok(()));
        assert_eq!(pacer.take("a@x", 30, 2_001), Err(4_000));
        // After a quiet spell there is no burst: one slot, then the interval again.
        assert_eq!(pacer.take("a@x", 30, 60_000), Ok(()));
        assert_eq!(pacer.take("a@x", 30, 60_001), Err(62_000));
    }
}
