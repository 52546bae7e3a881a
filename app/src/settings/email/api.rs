//! Server functions of the Email provider page. Each one authorizes the caller first, then hands
//! the validated input to the service. Their URLs are stable (`/api/email-provider/...`).

use crate::domain::audit::{AuditPage, AuditPageRequest};
use crate::domain::connection_check::ConnectionCheckReport;
use crate::domain::microsoft::GraphForm;
use crate::domain::provider::EmailProviderView;
use crate::domain::provider::LastTest;
use crate::domain::smtp::SmtpForm;
use crate::domain::test_email::TestEmailRequest;
use crate::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "email-provider/get", input = Json)]
pub async fn get_email_provider() -> Result<EmailProviderView, ApiError> {
    use super::service;
    let caller = crate::auth::authorize_email_settings()
        .await
        .map_err(ApiError::respond)?;
    service::load(&caller).await.map_err(ApiError::respond)
}

#[server(endpoint = "email-provider/smtp", input = Json)]
pub async fn save_smtp_settings(
    form: SmtpForm,
    based_on: Option<i64>,
) -> Result<EmailProviderView, ApiError> {
    use super::service;
    let caller = crate::auth::authorize_email_settings()
        .await
        .map_err(ApiError::respond)?;
    service::save_smtp(&caller, &form, based_on)
        .await
        .map_err(ApiError::respond)
}

#[server(endpoint = "email-provider/microsoft365", input = Json)]
pub async fn save_microsoft365_settings(
    form: GraphForm,
    based_on: Option<i64>,
) -> Result<EmailProviderView, ApiError> {
    use super::service;
    let caller = crate::auth::authorize_email_settings()
        .await
        .map_err(ApiError::respond)?;
    service::save_graph(&caller, &form, based_on)
        .await
        .map_err(ApiError::respond)
}

#[server(endpoint = "email-provider/delete", input = Json)]
pub async fn delete_email_provider(based_on: Option<i64>) -> Result<EmailProviderView, ApiError> {
    use super::service;
    let caller = crate::auth::authorize_email_settings()
        .await
        .map_err(ApiError::respond)?;
    service::delete(&caller, based_on)
        .await
        .map_err(ApiError::respond)
}

#[server(endpoint = "email-provider/test", input = Json)]
pub async fn send_test_email(request: TestEmailRequest) -> Result<LastTest, ApiError> {
    use super::service;
    let caller = crate::auth::authorize_email_settings()
        .await
        .map_err(ApiError::respond)?;
    service::send_test(&caller, &request)
        .await
        .map_err(ApiError::respond)
}

/// Checks the saved configuration without sending anything.
#[server(endpoint = "email-provider/check", input = Json)]
pub async fn check_connection() -> Result<ConnectionCheckReport, ApiError> {
    use super::service;
    let caller = crate::auth::authorize_email_settings()
        .await
        .map_err(ApiError::respond)?;
    service::check_connection(&caller)
        .await
        .map_err(ApiError::respond)
}

#[server(endpoint = "email-provider/audit", input = Json)]
pub async fn get_audit_log(request: AuditPageRequest) -> Result<AuditPage, ApiError> {
    use super::service;
    let caller = crate::auth::authorize_email_settings()
        .await
        .map_err(ApiError::respond)?;
    service::audit_log(&caller, request.before)
        .await
        .map_err(ApiError::respond)
}
