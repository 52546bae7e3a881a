//! Endpoints for operators: health checks for load balancers and orchestrators, and
//! Prometheus metrics. Public: they say whether this instance is up and can reach its
//! database, and aggregate counts that name no tenant, user or address.

use app::state::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde_json::{json, Value};
use std::time::Duration;

/// The process is running and serving HTTP.
pub async fn live() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// The instance can serve requests: its database answers within 2 seconds.
pub async fn ready(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let database = match tokio::time::timeout(Duration::from_secs(2), state.store.ping()).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(err)) => Err(err.to_string()),
        Err(_) => Err("no answer within 2 s".to_owned()),
    };
    match database {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({ "status": "ok", "database": "ok" })),
        ),
        Err(reason) => {
            tracing::warn!(%reason, "not ready: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": reason })),
            )
        }
    }
}

/// Prometheus metrics in the OpenMetrics text format.
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.queue_stats(app::clock::unix_now_ms()).await {
        Ok(stats) => state.metrics.set_queue(&stats),
        Err(err) => tracing::warn!(error = %err, "metrics: could not read the outbox"),
    }
    match app::provider_health::failing_by_cause(&state).await {
        Ok(failing) => state.metrics.set_failing(&failing),
        Err(err) => tracing::warn!(error = %err, "metrics: could not read the health checks"),
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        state.metrics.render(),
    )
}
