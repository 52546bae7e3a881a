//! Server functions of the delivery log and the paused-sending banner. Each authorizes the
//! caller (a tenant admin) first and reads only their tenant.

use crate::domain::delivery::{DeliveryPage, DeliveryQuery, SendingPaused};
use crate::domain::secret_expiry::SecretExpiry;
use crate::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Messages per page of the delivery log.
pub const PAGE_SIZE: i64 = 25;

#[server(endpoint = "deliveries/list", input = Json)]
pub async fn list_deliveries(query: DeliveryQuery) -> Result<DeliveryPage, ApiError> {
    use crate::domain::delivery::DeliveryCursor;
    use crate::store::LogFilter;
    let caller = crate::auth::authorize_email_settings()
        .await
        .map_err(ApiError::respond)?;
    let state = crate::state::AppState::current()?;
    let recipient = query.recipient.trim();
    let filter = LogFilter {
        status: query.status,
        category: query.category,
        recipient: (!recipient.is_empty()).then(|| recipient.to_owned()),
        before: query.before.map(|c| (c.created_at_ms, c.id)),
    };
    let mut rows = state
        .store
        .delivery_log(&caller.tenant_id, &filter, PAGE_SIZE + 1)
        .await
        .map_err(|e| ApiError::from(e).respond())?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let older = more
        .then(|| rows.last())
        .flatten()
        .map(|row| DeliveryCursor {
            created_at_ms: row.created_at,
            id: row.id.clone(),
        });
    Ok(DeliveryPage {
        records: rows
            .into_iter()
            .map(crate::outbox::service::record)
            .collect(),
        older,
    })
}

/// The client secret's expiry date from 30 days before it (and after it); `None` otherwise, and
/// for anyone who is not an admin of the tenant. Asked by every admin page, like
/// [`sending_status`].
#[server(endpoint = "email-provider/secret-expiry", input = Json)]
pub async fn secret_expiry_notice() -> Result<Option<SecretExpiry>, ApiError> {
    let Ok(caller) = crate::auth::authorize_email_settings().await else {
        return Ok(None);
    };
    let state = crate::state::AppState::current()?;
    let today = crate::clock::today_utc();
    crate::secret_expiry::banner(&state, &caller.tenant_id, today)
        .await
        .map_err(|e| ApiError::from(e).respond())
}

/// Since when and why the tenant's sending is paused, or else its provider fails the background
/// check; `None` while neither, and for anyone who is not an admin of the tenant. Every page
/// asks (the banner), so a refusal must not set the page's status: the page itself decides who
/// may see it.
#[server(endpoint = "sending/status", input = Json)]
pub async fn sending_status() -> Result<Option<SendingPaused>, ApiError> {
    let Ok(caller) = crate::auth::authorize_email_settings().await else {
        return Ok(None);
    };
    let state = crate::state::AppState::current()?;
    crate::provider_health::alert(&state, &caller.tenant_id)
        .await
        .map_err(|e| ApiError::from(e).respond())
}
