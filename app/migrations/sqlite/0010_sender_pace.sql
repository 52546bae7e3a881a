-- The next free sending slot of each paced sender (a Microsoft 365 mailbox, or a tenant's SMTP
-- server with a sending limit), shared by every instance on the database. Unix milliseconds.
CREATE TABLE sender_pace (
    sender TEXT PRIMARY KEY NOT NULL,
    next_slot INTEGER NOT NULL
);
