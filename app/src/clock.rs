//! The server's clock (server only): RFC 3339 for what people read (audit log, last change),
//! Unix seconds for what only code compares (session and reset-link lifetimes).

/// Now in UTC as RFC 3339, to the second ("2026-11-22T14:05:09Z").
pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

pub fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Now in Unix milliseconds (the outbox schedules to the millisecond).
pub fn unix_now_ms() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

/// A Unix time in milliseconds as RFC 3339, UTC, to the second.
pub fn rfc3339_from_ms(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// Today's date in UTC (Entra shows a secret's expiry as a date; UTC is as good a day
/// boundary as any when the warnings start days before).
pub fn today_utc() -> crate::domain::date::CalendarDate {
    let days = time::OffsetDateTime::now_utc()
        .unix_timestamp()
        .div_euclid(86_400);
    crate::domain::date::CalendarDate::from_days_since_epoch(days)
        .expect("the clock is between the years 2000 and 2999")
}
