//! A calendar date without a time or zone ("2027-03-31"), as the Entra admin center shows a
//! client secret's expiry and as `<input type="date">` sends it. Hand-written rather than a
//! date crate: this module also runs in the browser, where only parsing and comparing matter.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A valid Gregorian date. Serialized as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CalendarDate {
    year: i32,
    month: u8,
    day: u8,
}

impl CalendarDate {
    /// `YYYY-MM-DD` with a real month and day, years 2000 to 2999 (a secret's lifetime).
    pub fn parse(value: &str) -> Option<Self> {
        let mut parts = value.trim().split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(year) && digits(month) && digits(day)) {
            return None;
        }
        Self::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = (2000..=2999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    /// Days since 1970-01-01 (the civil-from-days algorithm by Howard Hinnant).
    pub fn days_since_epoch(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let year_of_era = y - era * 400;
        let day_of_year = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: CalendarDate) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// The date `days` days after 1970-01-01, if it is in the supported range.
    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Self::new(i32::try_from(year).ok()?, month, day)
    }

    /// `days` days later (or earlier when negative).
    pub fn add_days(self, days: i64) -> Option<Self> {
        Self::from_days_since_epoch(self.days_since_epoch() + days)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for CalendarDate {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value).ok_or_else(|| format!("not a date: {value}"))
    }
}

impl From<CalendarDate> for String {
    fn from(date: CalendarDate) -> Self {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::CalendarDate;

    #[test]
    fn parses_only_real_dates_in_iso_form() {
        assert_eq!(
            CalendarDate::parse("2027-03-31").unwrap().to_string(),
            "2027-03-31"
        );
        assert!(CalendarDate::parse(" 2028-02-29 ").is_some());
        for bad in [
            "",
            "2027-02-29",
            "2100-02-29",
            "2027-04-31",
            "2027-13-01",
            "2027-00-10",
            "2027-3-31",
            "31/03/2027",
            "2027-03-31T00:00",
            "1999-12-31",
            "+027-03-31",
            "2027-03-3a",
        ] {
            assert_eq!(CalendarDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn counts_days_across_months_years_and_leap_days() {
        let date = |s| CalendarDate::parse(s).unwrap();
        assert_eq!(date("2000-01-01").days_since_epoch(), 10_957);
        assert_eq!(date("2026-11-30").days_until(date("2026-12-30")), 30);
        assert_eq!(date("2028-02-28").days_until(date("2028-03-01")), 2);
        assert_eq!(date("2027-01-01").days_until(date("2026-12-31")), -1);
        for days in [10_957, 20_000, 20_422, 30_000, 40_000] {
            let d = CalendarDate::from_days_since_epoch(days).unwrap();
            assert_eq!(d.days_since_epoch(), days, "{d}");
        }
        assert_eq!(date("2026-12-25").add_days(7), Some(date("2027-01-01")));
    }
}
