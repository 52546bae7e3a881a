//! Sending for the platform (server only): messages posted to the API are committed to the
//! outbox, then a worker sends them through the tenant's active provider, retrying temporary
//! failures with back-off and pausing a tenant whose configuration is broken.
//!
//! | module | what |
//! |---|---|
//! | [`request`] | the posted message and its validation (pure) |
//! | [`pacing`] | messages a minute and recipients a day per Microsoft 365 mailbox (pure) |
//! | [`retry`] | temporary, permanent or configuration failure; when to try again (pure) |
//! | [`service`] | accepting messages, reading their status, API tokens |
//! | [`worker`] | claiming due messages, handing them to senders, recording attempts |
//! | [`send`] | one tenant's sending (connections, limits) and one attempt at one message |
//! | [`api`] | the HTTP handlers under `/api/v1` |

pub mod api;
pub mod pacing;
pub mod request;
pub mod retry;
pub mod send;
pub mod service;
pub mod worker;

pub use service::{Outbox, OutboxConfig};
