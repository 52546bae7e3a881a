-- The platform's messages go out through SMTP at most this many a minute (NULL: no limit).
ALTER TABLE smtp_settings ADD COLUMN rate_per_minute INTEGER CHECK (rate_per_minute > 0);
