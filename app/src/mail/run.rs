//! One send attempt: every step gets its own time limit, cut short by an overall deadline, so
//! a silent peer can delay a send but never hang it.

use super::error::MailError;
use crate::domain::test_email::SendStep;
use std::future::Future;
use std::time::Duration;
use tokio::time::Instant;

pub struct Run {
    deadline: Instant,
}

impl Run {
    /// A send that must end within `total`.
    pub fn within(total: Duration) -> Self {
        Self {
            deadline: Instant::now() + total,
        }
    }

    /// Time left before the deadline.
    pub fn remaining(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }

    pub async fn step<T>(
        &mut self,
        step: SendStep,
        limit: Duration,
        work: impl Future<Output = Result<T, MailError>>,
    ) -> Result<T, MailError> {
        let limit = limit.min(self.remaining());
        match tokio::time::timeout(limit, work).await {
            Ok(result) => result,
            Err(_) => Err(MailError::timeout(step, limit.as_secs().max(1))),
        }
    }
}
