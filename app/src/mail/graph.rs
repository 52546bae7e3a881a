//! Microsoft 365 through Microsoft Graph: a client-credentials token, then
//! `POST {graph}/v1.0/users/{sender}/sendMail`. 202 means accepted (not delivered).

use super::error::MailError;
use super::message::OutgoingEmail;
use super::microsoft::{AppCredentials, MicrosoftClient, MicrosoftEndpoints, Scope};
use super::run::Run;
use super::transcript::{Transcript, BLANK};
use super::{Accepted, Checked, Mailer};
use crate::domain::connection_check::CheckScope;
use crate::domain::test_email::{FailureCause, SendStep, Speaker};
use async_trait::async_trait;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::json;
use std::time::Duration;

/// The whole send, token included, ends within this.
pub const TOTAL_LIMIT: Duration = Duration::from_secs(30);
/// Throttling waits longer than this are reported instead of waited out.
const MAX_WAIT: Duration = Duration::from_secs(5);
const MAX_ATTEMPTS: u32 = 3;

pub struct GraphMailer {
    client: MicrosoftClient,
    credentials: AppCredentials,
    /// The sender mailbox (UserPrincipalName).
    sender: String,
}

impl GraphMailer {
    pub fn new(client: MicrosoftClient, credentials: AppCredentials, sender: String) -> Self {
        Self {
            client,
            credentials,
            sender,
        }
    }

    async fn post(
        &self,
        run: &mut Run,
        token: &str,
        body: &serde_json::Value,
        transcript: &Transcript,
    ) -> Result<Attempt, MailError> {
        let step = SendStep::GraphSend;
        let url = MicrosoftEndpoints::join(
            &self.client.endpoints().graph,
            &["v1.0", "users", &self.sender, "sendMail"],
        );
        // The bearer token is a secret: the transcript names it only.
        transcript.line(
            Speaker::Client,
            format!("POST {url} (Authorization: Bearer {BLANK})"),
        );
        let limit = self.client.timeouts().request;
        run.step(step, limit, async {
            let response = self
                .client
                .http()
                .post(url)
                .bearer_auth(token)
                .json(body)
                .send()
                .await
                .map_err(|e| MailError::from_http(step, &e))?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = response
                .bytes()
                .await
                .map_err(|e| MailError::from_http(step, &e))?;
            Ok(Attempt {
                status,
                request_id: header(&headers, "request-id"),
                retry_after: retry_after(&headers),
                error: serde_json::from_slice::<GraphErrorBody>(&body)
                    .ok()
                    .map(|b| b.error),
            })
        })
        .await
    }
}

struct Attempt {
    status: StatusCode,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    error: Option<GraphError>,
}

impl Attempt {
    /// The answer as one transcript line: status, request-id, Graph's error.
    fn summary(&self) -> String {
        let mut line = self.status.to_string();
        if let Some(id) = &self.request_id {
            line.push_str(&format!(", request-id {id}"));
        }
        if let Some(retry) = self.retry_after {
            line.push_str(&format!(", Retry-After {}", retry.as_secs()));
        }
        if let Some(error) = &self.error {
            line.push_str(&format!(": {} {}", error.code, error.message));
        }
        line
    }
}

#[derive(Deserialize)]
struct GraphErrorBody {
    error: GraphError,
}

#[derive(Deserialize)]
struct GraphError {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
    /// The schema spells it `innererror`, the examples `innerError`.
    #[serde(default, alias = "innererror", rename = "innerError")]
    inner_error: Option<InnerError>,
}

#[derive(Deserialize)]
struct InnerError {
    #[serde(rename = "request-id")]
    request_id: Option<String>,
}

#[async_trait]
impl Mailer for GraphMailer {
    async fn send_recorded(
        &self,
        email: &OutgoingEmail,
        transcript: &Transcript,
    ) -> Result<Accepted, MailError> {
        let mut run = Run::within(TOTAL_LIMIT);
        let body = message_json(email);
        let mut refreshed = false;
        let mut attempt = 1;
        loop {
            let (token, cached) = self
                .client
                .token(&self.credentials, Scope::Graph, &mut run)
                .await
                .inspect_err(|e| transcript.note(format!("Token request refused: {}", e.detail)))?;
            transcript.note(if cached {
                "Access token for Microsoft Graph: reused (cached)"
            } else {
                "Access token for Microsoft Graph: obtained from the token endpoint"
            });
            let answer = self
                .post(&mut run, token.expose(), &body, transcript)
                .await
                .inspect_err(|e| transcript.note(e.detail.clone()))?;
            transcript.line(Speaker::Server, answer.summary());
            if answer.status == StatusCode::ACCEPTED {
                let id = answer.request_id.unwrap_or_default();
                return Ok(Accepted {
                    reply: format!("202 Accepted, request-id {id}")
                        .trim_end()
                        .to_owned(),
                });
            }
            let failure = classify(&answer);
            if failure.cause == FailureCause::GraphTokenRejected && cached && !refreshed {
                // A cached token can be revoked or expire early: get a new one, once.
                self.client
                    .forget_token(&self.credentials.owner, Scope::Graph);
                refreshed = true;
                continue;
            }
            let wait = throttle_wait(&failure, answer.retry_after, attempt);
            match wait {
                Some(wait)
                    if attempt < MAX_ATTEMPTS
                        && wait + Duration::from_secs(2) < run.remaining() =>
                {
                    tracing::info!(
                        seconds = wait.as_secs_f64(),
                        "Graph throttled the send; waiting as asked"
                    );
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                _ => return Err(failure),
            }
        }
    }

    /// A new token, never the cached one: the check is about the credentials as they are
    /// now. Graph offers no request that Mail.Send allows and that sends nothing, so the
    /// sender mailbox is left to a test email (the page says so).
    async fn check(&self, transcript: &Transcript) -> Result<Checked, MailError> {
        let mut run = Run::within(TOTAL_LIMIT);
        self.client
            .forget_token(&self.credentials.owner, Scope::Graph);
        self.client
            .token(&self.credentials, Scope::Graph, &mut run)
            .await
            .inspect_err(|e| transcript.note(format!("Token request refused: {}", e.detail)))?;
        transcript.note("Access token for Microsoft Graph: obtained from the token endpoint");
        transcript.note("Nothing was sent to Microsoft Graph");
        Ok(Checked {
            scope: CheckScope::TokenOnly,
            reply: "token issued".to_owned(),
        })
    }
}

/// How long to wait before trying again: Retry-After when given (and short enough), otherwise
/// exponential back-off for throttling and temporary failures.
fn throttle_wait(
    failure: &MailError,
    retry_after: Option<Duration>,
    attempt: u32,
) -> Option<Duration> {
    if !matches!(
        failure.cause,
        FailureCause::Throttled | FailureCause::TemporaryFailure
    ) {
        return None;
    }
    let wait = retry_after.unwrap_or(Duration::from_secs(1 << (attempt - 1)));
    (wait <= MAX_WAIT).then_some(wait)
}

fn classify(answer: &Attempt) -> MailError {
    let (code, message, inner_id) = match &answer.error {
        Some(e) => (
            e.code.as_str(),
            e.message.as_str(),
            e.inner_error.as_ref().and_then(|i| i.request_id.clone()),
        ),
        None => ("", "", None),
    };
    let status = answer.status;
    let cause = match code {
        "ErrorAccessDenied" | "NoPermissionsInAccessToken" | "Authorization_RequestDenied" => {
            FailureCause::GraphAccessDenied
        }
        "InvalidAuthenticationToken" => FailureCause::GraphTokenRejected,
        "ErrorInvalidUser" | "ResourceNotFound" => FailureCause::MailboxNotFound,
        "MailboxNotEnabledForRESTAPI" | "MailboxNotSupportedForRESTAPI" => {
            FailureCause::MailboxNotEnabled
        }
        "ErrorSendAsDenied" => FailureCause::SendAsDenied,
        "ErrorInvalidRecipients" => FailureCause::RecipientRejected,
        "TooManyRequests" | "ApplicationThrottled" => FailureCause::Throttled,
        _ => match status.as_u16() {
            429 => FailureCause::Throttled,
            401 => FailureCause::GraphTokenRejected,
            403 => FailureCause::GraphAccessDenied,
            500..=599 => FailureCause::TemporaryFailure,
            _ if answer.error.is_none() => FailureCause::UnexpectedAnswer,
            _ => FailureCause::Other,
        },
    };
    let detail = match answer.error {
        Some(_) => format!("{code}: {message}"),
        None => format!("HTTP {status} without a Graph error: check the Graph URL"),
    };
    let mut failure = MailError::new(SendStep::GraphSend, cause, detail)
        .with_code(u32::from(status.as_u16()))
        .with_reference(answer.request_id.clone().or(inner_id));
    failure.retry_after_s = answer.retry_after.map(|d| d.as_secs_f64().ceil() as u64);
    failure
}

/// The sendMail body, not kept in Sent Items (it is a notification, not correspondence). Graph
/// takes one body: HTML when there is one, else the text.
fn message_json(email: &OutgoingEmail) -> serde_json::Value {
    use base64::Engine;
    let mut from = json!({ "address": email.from });
    if let Some(name) = &email.from_name {
        from["name"] = json!(name);
    }
    let recipients = |list: &[String]| -> Vec<serde_json::Value> {
        list.iter()
            .map(|address| json!({ "emailAddress": { "address": address } }))
            .collect()
    };
    let body = match (&email.html, &email.text) {
        (Some(html), _) => json!({ "contentType": "HTML", "content": html }),
        (None, text) => json!({ "contentType": "Text", "content": text.as_deref().unwrap_or("") }),
    };
    let mut message = json!({
        "subject": email.subject,
        "body": body,
        "toRecipients": recipients(&email.to),
        "from": { "emailAddress": from },
    });
    if !email.cc.is_empty() {
        message["ccRecipients"] = json!(recipients(&email.cc));
    }
    if !email.bcc.is_empty() {
        message["bccRecipients"] = json!(recipients(&email.bcc));
    }
    if let Some(reply_to) = &email.reply_to {
        message["replyTo"] = json!(recipients(std::slice::from_ref(reply_to)));
    }
    if let Some(id) = &email.message_id {
        message["internetMessageId"] = json!(id);
    }
    if !email.attachments.is_empty() {
        let engine = base64::engine::general_purpose::STANDARD;
        message["attachments"] = email
            .attachments
            .iter()
            .map(|a| {
                json!({
                    "@odata.type": "#microsoft.graph.fileAttachment",
                    "name": a.name,
                    "contentType": a.content_type,
                    "contentBytes": engine.encode(&a.content),
                })
            })
            .collect();
    }
    json!({ "message": message, "saveToSentItems": false })
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name)?.to_str().ok().map(str::to_owned)
}

/// Retry-After in seconds; older Graph answers used fractions ("2.128"). HTTP dates are rare
/// here and treated as absent (back-off applies).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds: f64 = headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(86_400.0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_is_parsed_tolerantly() {
        let mut headers = HeaderMap::new();
        for (value, expected) in [("10", Some(10.0)), ("2.128", Some(2.128)), ("soon", None)] {
            headers.insert(RETRY_AFTER, HeaderValue::from_static(value));
            assert_eq!(
                retry_after(&headers).map(|d| d.as_secs_f64()),
                expected,
                "{value}"
            );
        }
    }

    #[test]
    fn graph_error_codes_decide_the_cause() {
        let cases = [
            (
                403,
                r#"{"error":{"code":"ErrorAccessDenied","message":"Access is denied.","innerError":{"request-id":"r-1"}}}"#,
                FailureCause::GraphAccessDenied,
            ),
            (
                404,
                r#"{"error":{"code":"ErrorInvalidUser","message":"The requested user 'x' is invalid.","innererror":{"request-id":"r-1"}}}"#,
                FailureCause::MailboxNotFound,
            ),
            (
                404,
                r#"{"error":{"code":"MailboxNotEnabledForRESTAPI","message":"inactive"}}"#,
                FailureCause::MailboxNotEnabled,
            ),
            (
                429,
                r#"{"error":{"code":"TooManyRequests","message":"Please retry again later."}}"#,
                FailureCause::Throttled,
            ),
            (503, "<html>busy</html>", FailureCause::TemporaryFailure),
            (400, "<html>proxy</html>", FailureCause::UnexpectedAnswer),
        ];
        for (status, body, cause) in cases {
            let answer = Attempt {
                status: StatusCode::from_u16(status).unwrap(),
                request_id: None,
                retry_after: None,
                error: serde_json::from_str::<GraphErrorBody>(body)
                    .ok()
                    .map(|b| b.error),
            };
            let failure = classify(&answer);
            assert_eq!(failure.cause, cause, "{body}");
            assert_eq!(failure.code, Some(u32::from(status)));
            if body.contains("r-1") {
                assert_eq!(failure.reference.as_deref(), Some("r-1"));
            }
        }
    }
}
