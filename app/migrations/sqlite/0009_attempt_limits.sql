-- Failed sign-ins and password reset requests, counted per account and per client address in
-- fixed windows. In the database, not in each process, so that every instance of a deployment
-- counts the same attempts. Times are Unix milliseconds.
CREATE TABLE attempt_window (
    -- 'sign_in' or 'reset'.
    purpose TEXT NOT NULL,
    -- 'account:<address, lower case>' or 'client:<IP address>'.
    subject TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    failures INTEGER NOT NULL,
    PRIMARY KEY (purpose, subject)
);
