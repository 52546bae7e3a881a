//! Pacing under a provider's limits (pure): at most N messages a minute, spaced evenly (a
//! generic cell rate: one slot every 60/N seconds, no bursts), and at most M recipients a day.
//! Exchange Online allows a mailbox 30 messages a minute and 10,000 recipients a day; a paced
//! message waits for its slot, it does not fail.

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

/// The slot rule: a sender whose next free slot is `next` (`None`: it never sent) asks at
/// `now`. `Ok(new next)` when a slot is free (the caller takes it and stores the new next
/// slot), `Err(when)` the next one is. The slots are kept in the database (see
/// `Store::take_send_slot`), so every instance paces the same sender together.
pub fn take_slot(next: Option<i64>, per_minute: u32, now: i64) -> Result<i64, i64> {
    let interval = 60_000 / i64::from(per_minute.max(1));
    let next = next.unwrap_or(now);
    if next > now {
        return Err(next);
    }
    Ok(now.max(next) + interval)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_a_minute_means_one_every_two_seconds() {
        assert_eq!(take_slot(None, 30, 0), Ok(2_000));
        assert_eq!(take_slot(Some(2_000), 30, 1_000), Err(2_000));
        assert_eq!(take_slot(Some(2_000), 30, 2_000), Ok(4_000));
        assert_eq!(take_slot(Some(4_000), 30, 2_001), Err(4_000));
        // After a quiet spell there is no burst: one slot, then the interval again.
        assert_eq!(take_slot(Some(4_000), 30, 60_000), Ok(62_000));
        assert_eq!(take_slot(Some(62_000), 30, 60_001), Err(62_000));
    }
}
