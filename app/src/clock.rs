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
