//! The client-credentials token request (RFC 6749 4.4) on the `oauth2` crate, with an error
//! type that keeps what Microsoft adds to the standard error body (`error_codes`, `trace_id`,
//! `correlation_id`, `timestamp`): the AADSTS number is what tells a wrong secret from an
//! expired one. The HTTP exchange goes through the client's own reqwest client (its timeouts,
//! no redirects), so a failed request keeps its typed error.

use super::{AppCredentials, MicrosoftClient, MicrosoftEndpoints, Scope};
use crate::domain::test_email::{FailureCause, SendStep};
use crate::mail::error::MailError;
use crate::mail::run::Run;
use crate::secret::Secret;
use oauth2::basic::{
    BasicRevocationErrorResponse, BasicTokenIntrospectionResponse, BasicTokenType,
};
use oauth2::{
    AuthType, ClientId, ClientSecret, EmptyExtraTokenFields, HttpRequest, HttpResponse,
    RequestTokenError, StandardRevocableToken, StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};

pub(super) struct Token {
    pub access_token: Secret,
    pub expires_in: u64,
}

/// The identity platform's error body.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
pub struct TokenError {
    pub error: String,
    #[serde(default)]
    pub error_description: String,
    #[serde(default)]
    pub error_codes: Vec<u64>,
    #[serde(default)]
    pub trace_id: Option<String>,
    #[serde(default)]
    pub correlation_id: Option<String>,
    #[serde(default)]
    pub timestamp: Option<String>,
}

impl oauth2::ErrorResponse for TokenError {}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error, self.error_description)
    }
}

/// An OAuth 2.0 client of the identity platform with Microsoft's error body; the token
/// endpoint is set per request (it names the directory).
type TokenClient = oauth2::Client<
    TokenError,
    StandardTokenResponse<EmptyExtraTokenFields, BasicTokenType>,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
>;

/// Microsoft's token lifetime when an answer does not say (one hour).
const DEFAULT_LIFETIME_S: u64 = 3600;

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
    let oauth = TokenClient::new(ClientId::new(credentials.app.client_id.clone()))
        .set_client_secret(ClientSecret::new(credentials.secret.expose().to_owned()))
        // Microsoft takes the secret in the form (client_secret_post).
        .set_auth_type(AuthType::RequestBody)
        .set_token_uri(TokenUrl::from_url(url));
    // The status of the answer, for one that is neither a token nor an OAuth 2.0 error.
    let status = Arc::new(Mutex::new(None));
    let http = {
        let (http, status) = (client.http().clone(), status.clone());
        move |request: HttpRequest| {
            let (http, status) = (http.clone(), status.clone());
            async move {
                let response = http.execute(reqwest::Request::try_from(request)?).await?;
                if let Ok(mut seen) = status.lock() {
                    *seen = Some(response.status());
                }
                let mut answer = HttpResponse::new(Vec::new());
                *answer.status_mut() = response.status();
                *answer.headers_mut() = response.headers().clone();
                *answer.body_mut() = response.bytes().await?.to_vec();
                Ok::<_, reqwest::Error>(answer)
            }
        }
    };
    let limit = client.timeouts().request;
    run.step(step, limit, async {
        let answer = oauth
            .exchange_client_credentials()
            .add_scope(oauth2::Scope::new(scope.as_str().to_owned()))
            .request_async(&http)
            .await;
        match answer {
            Ok(token) => Ok(Token {
                access_token: Secret::new(token.access_token().secret().clone()),
                expires_in: token
                    .expires_in()
                    .map_or(DEFAULT_LIFETIME_S, |lifetime| lifetime.as_secs()),
            }),
            Err(RequestTokenError::ServerResponse(error)) => Err(classify(&error)),
            Err(RequestTokenError::Request(error)) => Err(MailError::from_http(step, &error)),
            Err(RequestTokenError::Parse(..) | RequestTokenError::Other(_)) => {
                let status = status.lock().ok().and_then(|s| *s);
                let mut error = MailError::new(
                    step,
                    FailureCause::UnexpectedAnswer,
                    match status {
                        Some(status) if status.is_success() => {
                            format!("HTTP {status}: the answer is not a token")
                        }
                        Some(status) => {
                            format!("HTTP {status} without an OAuth 2.0 error: check the login URL")
                        }
                        None => "no answer that is a token".to_owned(),
                    },
                );
                error.code = status
                    .filter(|s| !s.is_success())
                    .map(|s| u32::from(s.as_u16()));
                Err(error)
            }
        }
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
            correlation_id: None,
            timestamp: None,
        };
        assert_eq!(classify(&expired).cause, FailureCause::ClientSecretExpired);
        let bare = TokenError {
            error: "invalid_tenant".into(),
            error_description: String::new(),
            error_codes: vec![],
            trace_id: None,
            correlation_id: None,
            timestamp: None,
        };
        assert_eq!(classify(&bare).cause, FailureCause::TenantNotFound);
    }
}
