//! The HTTP API for the platform, under `/api/v1` (JSON, `Authorization: Bearer <token>`).
//! Each handler checks the token first, then hands the request to the service. A session
//! cookie is never looked at here, and a token never opens a browser session.

use super::request::{MessageErrors, MessageRequest};
use super::service::{self, AcceptError, TokenCaller};
use crate::domain::delivery::{DeliveryRecord, DeliveryStatus};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Request bodies above this are refused with 413 before they are read further.
pub const MESSAGE_BODY_LIMIT: usize = 5 * 1024 * 1024;
pub const BATCH_BODY_LIMIT: usize = 64 * 1024 * 1024;
pub const MAX_BATCH: usize = 500;
/// What a client is told to wait when its tenant's queue is full.
const QUEUE_FULL_RETRY_S: u64 = 60;

/// Everything the API refuses with, and how it answers.
#[derive(Debug)]
pub enum ApiV1Error {
    Unauthenticated,
    /// The token's scope does not allow this.
    Forbidden,
    NotFound,
    /// The body is not JSON of the documented shape (unknown fields included).
    Unreadable(String),
    Refused(AcceptError, Shape),
    BatchSize {
        empty: bool,
    },
    Unavailable,
}

/// Whether field errors are reported for one message or by index in a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Single,
    Batch,
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(json!({ "error": code, "message": message }))).into_response()
}

fn fields_json(errors: &MessageErrors) -> Value {
    errors
        .iter()
        .map(|(path, error)| (path.clone(), json!(error)))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

impl IntoResponse for ApiV1Error {
    fn into_response(self) -> Response {
        let (status, code, message) = match self {
            Self::Unauthenticated => {
                let mut response = error(
                    StatusCode::UNAUTHORIZED,
                    "unauthenticated",
                    "Send a live API token as Authorization: Bearer <token>.",
                );
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, "Bearer".parse().unwrap());
                return response;
            }
            Self::Forbidden => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "This token may send but not read: create one with the read scope.".to_owned(),
            ),
            Self::NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                "No such message.".to_owned(),
            ),
            Self::Unreadable(detail) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "unreadable",
                format!("The body is not a message as documented: {detail}"),
            ),
            Self::BatchSize { empty } => {
                let body = json!({ "error": "invalid", "message": "A batch holds 1 to 500 messages.",
                                   "fields": { "messages": if empty { "Required" } else { "TooLong" } } });
                return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
            }
            Self::Refused(AcceptError::Invalid(invalid), shape) => {
                let body = match shape {
                    Shape::Batch => {
                        let messages: Vec<Value> = invalid
                            .iter()
                            .map(|(index, errors)| json!({ "index": index, "fields": fields_json(errors) }))
                            .collect();
                        json!({ "error": "invalid", "message": "Some messages are invalid; none was accepted.", "messages": messages })
                    }
                    Shape::Single => {
                        let errors = invalid
                            .first()
                            .map(|(_, e)| fields_json(e))
                            .unwrap_or_default();
                        json!({ "error": "invalid", "message": "Some fields are invalid.", "fields": errors })
                    }
                };
                return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
            }
            Self::Refused(AcceptError::TooLarge, _) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "Attachments may add up to 3 MB per message.".to_owned(),
            ),
            Self::Refused(AcceptError::KeyReused, _) => (
                StatusCode::CONFLICT,
                "idempotency_key_reused",
                "This Idempotency-Key was used with a different request.".to_owned(),
            ),
            Self::Refused(AcceptError::QueueFull, _) => {
                let mut response = error(
                    StatusCode::TOO_MANY_REQUESTS,
                    "queue_full",
                    "This tenant already has 10,000 messages waiting; try again later.",
                );
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, QUEUE_FULL_RETRY_S.into());
                return response;
            }
            Self::Refused(AcceptError::Store, _) | Self::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "The database did not answer; nothing was accepted. Try again.".to_owned(),
            ),
        };
        error(status, code, &message)
    }
}

/// The caller behind the bearer token.
async fn caller(state: &AppState, headers: &HeaderMap) -> Result<TokenCaller, ApiV1Error> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(ApiV1Error::Unauthenticated)?;
    match service::authenticate(&state.store, bearer).await {
        Ok(Some(caller)) => Ok(caller),
        Ok(None) => Err(ApiV1Error::Unauthenticated),
        Err(_) => Err(ApiV1Error::Unavailable),
    }
}

fn parse<T: for<'de> Deserialize<'de>>(body: &Bytes) -> Result<T, ApiV1Error> {
    serde_json::from_slice(body).map_err(|e| ApiV1Error::Unreadable(e.to_string()))
}

/// A message committed to the outbox.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AcceptedMessage {
    pub id: String,
    /// Always `queued` at first.
    pub status: DeliveryStatus,
    /// `GET` it (with a `read` token) for the status and attempts.
    pub status_url: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AcceptedBatch {
    /// In the order posted.
    pub messages: Vec<AcceptedMessage>,
}

/// Every refusal: a code, a sentence, and field errors where there are some.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// `unauthenticated`, `forbidden`, `not_found`, `unreadable`, `invalid`, `too_large`,
    /// `idempotency_key_reused`, `queue_full` or `unavailable`.
    pub error: String,
    pub message: String,
    /// Single message: the problem of each field, by JSON path (`to[2]`, `subject`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<std::collections::BTreeMap<String, crate::domain::FieldError>>,
    /// Batch: the invalid messages by index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<IndexedErrors>>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct IndexedErrors {
    pub index: usize,
    pub fields: std::collections::BTreeMap<String, crate::domain::FieldError>,
}

fn accepted_json(id: &str) -> AcceptedMessage {
    AcceptedMessage {
        id: id.to_owned(),
        status: DeliveryStatus::Queued,
        status_url: format!("/api/v1/messages/{id}"),
    }
}

/// Queue one message.
///
/// From is always the active provider's sender. Answers 202 once the message is committed to
/// the database; it is then sent (and retried) in the background.
#[utoipa::path(
    post,
    path = "/api/v1/messages",
    request_body = MessageRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "A retry with the same key and body returns the same message")),
    responses(
        (status = 202, description = "Committed to the outbox", body = AcceptedMessage),
        (status = 401, description = "No live token", body = ErrorBody),
        (status = 409, description = "The Idempotency-Key came with another body before", body = ErrorBody),
        (status = 413, description = "Attachments over 3 MB, or a body over 5 MB", body = ErrorBody),
        (status = 422, description = "Invalid fields (`fields`) or an unreadable body", body = ErrorBody),
        (status = 429, description = "10,000 messages already wait; see Retry-After", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn post_message(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiV1Error> {
    let caller = caller(&state, &headers).await?;
    let request: MessageRequest = parse(&body)?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 255);
    let ids = service::accept(
        &state.store,
        &state.outbox,
        &caller.tenant_id,
        &[request],
        key,
    )
    .await
    .map_err(|e| ApiV1Error::Refused(e, Shape::Single))?;
    Ok((StatusCode::ACCEPTED, Json(accepted_json(&ids[0]))).into_response())
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Batch {
    /// 1 to 500 messages.
    pub messages: Vec<MessageRequest>,
}

/// Queue up to 500 messages at once: all in one transaction, or none.
#[utoipa::path(
    post,
    path = "/api/v1/messages/batch",
    request_body = Batch,
    responses(
        (status = 202, description = "All committed", body = AcceptedBatch),
        (status = 401, description = "No live token", body = ErrorBody),
        (status = 413, description = "A message's attachments over 3 MB", body = ErrorBody),
        (status = 422, description = "Invalid messages by index (`messages`); none was queued", body = ErrorBody),
        (status = 429, description = "The queue is full; see Retry-After", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn post_batch(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiV1Error> {
    let caller = caller(&state, &headers).await?;
    let batch: Batch = parse(&body)?;
    if batch.messages.is_empty() || batch.messages.len() > MAX_BATCH {
        return Err(ApiV1Error::BatchSize {
            empty: batch.messages.is_empty(),
        });
    }
    let ids = service::accept(
        &state.store,
        &state.outbox,
        &caller.tenant_id,
        &batch.messages,
        None,
    )
    .await
    .map_err(|e| ApiV1Error::Refused(e, Shape::Batch))?;
    let messages = ids.iter().map(|id| accepted_json(id)).collect();
    Ok((StatusCode::ACCEPTED, Json(AcceptedBatch { messages })).into_response())
}

/// A message's status and every attempt (the token needs the `read` scope).
#[utoipa::path(
    get,
    path = "/api/v1/messages/{id}",
    params(("id" = String, Path, description = "The id the POST answered with")),
    responses(
        (status = 200, description = "The message", body = DeliveryRecord),
        (status = 401, description = "No live token", body = ErrorBody),
        (status = 403, description = "The token may only send", body = ErrorBody),
        (status = 404, description = "No such message for this token's tenant", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn get_message(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiV1Error> {
    let caller = caller(&state, &headers).await?;
    if !caller.scope.can_read() {
        return Err(ApiV1Error::Forbidden);
    }
    match state.store.outbox_message(&caller.tenant_id, &id).await {
        Ok(Some(row)) => Ok(Json(service::record(row)).into_response()),
        // Another tenant's message is not found either.
        Ok(None) => Err(ApiV1Error::NotFound),
        Err(err) => {
            tracing::error!(error = %err, "outbox: could not read a message");
            Err(ApiV1Error::Unavailable)
        }
    }
}

/// The OpenAPI 3.1 document of this API, generated from the handlers and types above.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Mailwright sending API",
        description = "Messages the platform sends through the tenant's active email provider. Authenticate with an API token (Settings > API tokens, or `mailwright token create`) as `Authorization: Bearer <token>`."
    ),
    paths(post_message, post_batch, get_message),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /api/v1/openapi.json` (public: it describes, it reveals nothing).
pub async fn openapi_json() -> Response {
    use utoipa::OpenApi;
    Json(ApiDoc::openapi()).into_response()
}
