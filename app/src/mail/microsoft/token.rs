//! The client-credentials token request (RFC 6749 4.4) and its errors. A plain form POST with
//! our own serde types, because the oauth2 crate drops `error_codes` and `trace_id`: the AADSTS
//! number is what tells a wrong secret from an expired one.

use super::{AppCredentials, MicrosoftClient, MicrosoftEndpoints, Scope};
use crate::domain::test_email::{FailureCause, SendStep};
use crate::mail::error::MailError;
use crate::mail::run::Run;
use crate::secret::Secret;
use serde::Deserialize;

pub(super) struct Token {
    pub access_token: Secret,
    pub expires_in: u64,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    expires_in: u64,
}

/// The identity platform's error body (only the fields we use).
#[derive(Debug, Deserialize, PartialEq, Eq)]
pub struct TokenError {
    pub error: String,
    #[serde(default)]
    pub error_description: String,
    #[serde(default)]
    pub error_codes: Vec<u64>,
    #[serde(default)]
    pub trace_id: Option<String>,
}

pub(super) async fn request(
    client: &MicrosoftClient,
    credentials: &AppCredentials,
    scope: Scope,
    run: &mut Run,
) -> Result<Token, MailError> {
    let step = SendStep::TokenRequest;
    let url = MicrosoftEndpoints::join(
        &client.endpoints().login,
        &[&credentials.app.tenant_id, "oauth2", "v2.0", "token"],
    );
    let form = [
        ("client_id", credentials.app.client_id.as_str()),
        ("client_secret", credentials.secret.expose()),
        ("scope", scope.as_str()),
        ("grant_type", "client_credentials"),
    ];
    let limit = client.timeouts().request;
    run.step(step, limit, async {
        let response = client
            .http()
            .post(url)
            .form(&form)
            .send()
            .await
            .map_err(|e| MailError::from_http(step, &e))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| MailError::from_http(step, &e))?;
        if status.is_success() {
            let token: TokenResponse = serde_json::from_slice(&body).map_err(|_| {
                MailError::new(
                    step,
                    FailureCause::UnexpectedAnswer,
                    format!("HTTP {status}: the answer is not a token"),
                )
            })?;
            return Ok(Token {
                access_token: Secret::new(token.access_token),
                expires_in: token.expires_in,
            });
        }
        Err(match serde_json::from_slice::<TokenError>(&body) {
            Ok(error) => classify(&error),
            Err(_) => MailError::new(
                step,
                FailureCause::UnexpectedAnswer,
                format!("HTTP {status} without an OAuth 2.0 error: check the login URL"),
            )
            .with_code(u32::from(status.as_u16())),
        })
    })
    .await
}

/// Explains a token error by its AADSTS number, falling back on the OAuth 2.0 error code.
pub fn classify(error: &TokenError) -> MailError {
    let code = error.error_codes.first().copied();
    let cause = match code {
        Some(90002) => FailureCause::TenantNotFound,
        Some(900023) => FailureCause::TenantIdMalformed,
        Some(700016) => FailureCause::AppNotFound,
        Some(7000215) => FailureCause::ClientSecretInvalid,
        Some(7000222) => FailureCause::ClientSecretExpired,
        Some(70011 | 1002012) => FailureCause::ScopeInvalid,
        _ => match error.error.as_str() {
            "invalid_tenant" => FailureCause::TenantNotFound,
            "unauthorized_client" => FailureCause::AppNotFound,
            "invalid_client" => FailureCause::ClientSecretInvalid,
            "invalid_scope" => FailureCause::ScopeInvalid,
            "temporarily_unavailable" => FailureCause::TemporaryFailure,
            _ => FailureCause::TokenRefused,
        },
    };
    // The first line is the message; the rest repeats the trace and correlation IDs.
    let message = error.error_description.lines().next().unwrap_or_default();
    let detail = if message.is_empty() {
        error.error.clone()
    } else {
        format!("{}: {message}", error.error)
    };
    let mut failure = MailError::new(SendStep::TokenRequest, cause, detail)
        .with_reference(error.trace_id.clone());
    failure.code = code.and_then(|c| u32::try_from(c).ok());
    failure
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aadsts_numbers_decide_the_cause() {
        let body = r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: t-1\r\nCorrelation ID: c-1","error_codes":[7000215],"trace_id":"t-1","correlation_id":"c-1"}"#;
        let error: TokenError = serde_json::from_str(body).unwrap();
        let e = classify(&error);
        assert_eq!(e.cause, FailureCause::ClientSecretInvalid);
        assert_eq!(e.code, Some(7000215));
        assert_eq!(e.reference.as_deref(), Some("t-1"));
        assert_eq!(
            e.detail,
            "invalid_client: AADSTS7000215: Invalid client secret provided."
        );
        let expired = TokenError {
            error: "invalid_client".into(),
            error_description: String::new(),
            error_codes: vec![7000222],
            trace_id: None,
        };
        assert_eq!(classify(&expired).cause, FailureCause::ClientSecretExpired);
        let bare = TokenError {
            error: "invalid_tenant".into(),
            error_description: String::new(),
            error_codes: vec![],
            trace_id: None,
        };
        assert_eq!(classify(&bare).cause, FailureCause::TenantNotFound);
    }
}
