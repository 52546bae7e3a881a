//! When a Microsoft Entra client secret's expiry needs the admins' attention: the banner from
//! 30 days before, and reminder emails from 7 days before and on the day. Pure rules on dates;
//! the server brings today's date (a parameter, so tests choose the day).

use super::date::CalendarDate;
use serde::{Deserialize, Serialize};

/// Every admin page warns from this many days before the expiry.
pub const WARN_DAYS: i64 = 30;
/// The admins get an email from this many days before.
pub const REMIND_DAYS: i64 = 7;

/// What the banner shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretExpiry {
    pub expires_on: CalendarDate,
    /// Negative once the date has passed; 0 on the day.
    pub days_left: i64,
}

impl SecretExpiry {
    pub fn expired(&self) -> bool {
        self.days_left < 0
    }
}

/// The banner's warning, from [`WARN_DAYS`] before the expiry on.
pub fn warning(expires_on: CalendarDate, today: CalendarDate) -> Option<SecretExpiry> {
    let days_left = today.days_until(expires_on);
    (days_left <= WARN_DAYS).then_some(SecretExpiry {
        expires_on,
        days_left,
    })
}

/// The two reminder emails of one expiry date; each is sent once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    /// From 7 days before.
    WeekBefore,
    /// On the day (or the first check after it, if the server was down).
    OnTheDay,
}

impl Reminder {
    /// Stable name for storage.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WeekBefore => "week_before",
            Self::OnTheDay => "on_the_day",
        }
    }
}

/// The reminder due on `today`, if any. Once the week-before reminder is sent, the next one is
/// the day's; days long past the expiry get none (the banner and the failing check say it).
pub fn reminder_due(expires_on: CalendarDate, today: CalendarDate) -> Option<Reminder> {
    let days_left = today.days_until(expires_on);
    if (1..=REMIND_DAYS).contains(&days_left) {
        Some(Reminder::WeekBefore)
    } else if (-REMIND_DAYS..=0).contains(&days_left) {
        Some(Reminder::OnTheDay)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(date: &str) -> CalendarDate {
        CalendarDate::parse(date).unwrap()
    }

    #[test]
    fn the_banner_warns_from_thirty_days_before() {
        let expires = on("2027-01-31");
        assert_eq!(warning(expires, on("2026-12-31")), None);
        let first = warning(expires, on("2027-01-01")).unwrap();
        assert_eq!((first.days_left, first.expired()), (30, false));
        assert_eq!(warning(expires, on("2027-01-31")).unwrap().days_left, 0);
        let after = warning(expires, on("2027-02-02")).unwrap();
        assert_eq!((after.days_left, after.expired()), (-2, true));
    }

    #[test]
    fn reminders_fall_a_week_before_and_on_the_day() {
        let expires = on("2027-01-31");
        let due = |today| reminder_due(expires, on(today));
        assert_eq!(due("2027-01-23"), None);
        assert_eq!(due("2027-01-24"), Some(Reminder::WeekBefore));
        assert_eq!(due("2027-01-30"), Some(Reminder::WeekBefore));
        assert_eq!(due("2027-01-31"), Some(Reminder::OnTheDay));
        assert_eq!(due("2027-02-07"), Some(Reminder::OnTheDay));
        assert_eq!(due("2027-02-08"), None);
    }
}
