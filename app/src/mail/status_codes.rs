//! What an SMTP refusal means: the reply code, and the RFC 3463 enhanced status code at the
//! start of its text ("5.7.57 Client not authenticated ..."), read by class (2/4/5), subject
//! (1 addressing, 2 mailbox, 3 system, 4 network and routing, 5 protocol, 7 security and
//! policy) and detail, with the codes Exchange Online adds. Never the text itself: servers word
//! it differently and translate it.

use crate::domain::test_email::{FailureCause, SendStep};

/// The cause of the negative reply `code` with `text` at `step`.
pub fn refusal_cause(step: SendStep, code: u16, text: &str) -> FailureCause {
    // A 5xx greeting refuses this machine before any command, whatever its enhanced code
    // (often 5.7.1 "No SMTP service here").
    if step == SendStep::Greeting && (500..600).contains(&code) {
        return FailureCause::ServerRefusesClient;
    }
    let enhanced = enhanced_status(text).and_then(parse);
    if let Some(cause) = enhanced.and_then(|status| specific(step, status)) {
        return cause;
    }
    match code {
        530 | 538 => return FailureCause::ServerRequiresTls,
        421 => return FailureCause::ServerBusy,
        _ => {}
    }
    if let Some(cause) = enhanced.and_then(|status| by_class(step, status)) {
        return cause;
    }
    by_reply_code(step, code)
}

/// The RFC 3463 enhanced status code at the start of a reply text ("5.7.139 Authentication
/// unsuccessful ..."), if there is one.
pub fn enhanced_status(reply: &str) -> Option<&str> {
    let first = reply.split_whitespace().next()?;
    let parts: Vec<&str> = first.split('.').collect();
    let shaped = parts.len() == 3
        && matches!(parts[0], "2" | "4" | "5")
        && parts[1..]
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    shaped.then_some(first)
}

/// Class, subject and detail.
type Status = (u8, u16, u16);

fn parse(status: &str) -> Option<Status> {
    let mut parts = status.split('.');
    Some((
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
    ))
}

/// Codes that name their cause whatever the reply code (Exchange Online's above all).
fn specific(step: SendStep, status: Status) -> Option<FailureCause> {
    use FailureCause::*;
    Some(match status {
        // SMTP AUTH disabled for the tenant or mailbox.
        (_, 7, 139) => SmtpAuthDisabled,
        // SendAsDenied: the signed-in account may not send as the From address.
        (5, 2, 252) | (5, 7, 60) => SendAsDenied,
        // Client was not authenticated to send anonymous mail.
        (5, 7, 57) => ClientNotAuthenticated,
        // Tenant or IP blocked for its reputation; unverified tenant; banned sender.
        (5, 7, 708 | 750 | 705 | 511) | (5, 1, 8) => ReputationBlocked,
        // Unable to relay to a domain the server does not accept.
        (5, 7, 54) => RelayDenied,
        (5, 7, 1) | (5, 4, 1) if step == SendStep::Recipient => RelayDenied,
        // Server busy, throttling.
        (4, 3, 2) => ServerBusy,
        (5, 2, 2) | (4, 2, 2) => MailboxFull,
        (5, 2, 3) | (5, 3, 4) => MessageTooLarge,
        _ => return None,
    })
}

/// The class's cause for codes [`specific`] does not know.
fn by_class(step: SendStep, status: Status) -> Option<FailureCause> {
    use FailureCause::*;
    Some(match status {
        (4, _, _) => TemporaryFailure,
        (5, 1, _) if step == SendStep::Recipient => RecipientUnknown,
        (5, 1, _) if step == SendStep::Sender => SenderRejected,
        (5, 3, _) => ServerSystemProblem,
        (5, 4, _) => RoutingProblem,
        (5, 5, _) => ProtocolError,
        // 5.7.3, 5.7.8 ...: the credentials; the caller tells password from OAuth.
        (5, 7, _) if step == SendStep::Authentication => AuthRejected,
        (5, 7, _) => PolicyRejected,
        _ => return None,
    })
}

fn by_reply_code(step: SendStep, code: u16) -> FailureCause {
    match (code, step) {
        (400..=499, _) => FailureCause::TemporaryFailure,
        (_, SendStep::Authentication) => FailureCause::AuthRejected,
        (_, SendStep::Sender) => FailureCause::SenderRejected,
        (552, SendStep::Recipient | SendStep::Data) => FailureCause::MessageTooLarge,
        (_, SendStep::Recipient) => FailureCause::RecipientRejected,
        (_, SendStep::Data) => FailureCause::MessageRejected,
        _ => FailureCause::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use FailureCause::*;
    use SendStep::*;

    /// Every refusal the page explains on its own, as real servers send them.
    #[test]
    fn each_refusal_gets_its_own_cause() {
        let cases = [
            // The greeting: a 5xx refuses this machine.
            (Greeting, 554, "5.7.1 No SMTP service here", ServerRefusesClient),
            (Greeting, 550, "Access denied", ServerRefusesClient),
            (Greeting, 421, "4.3.2 Service not available", ServerBusy),
            // Authentication.
            (Authentication, 535, "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.", SmtpAuthDisabled),
            (Authentication, 535, "5.7.3 Authentication unsuccessful", AuthRejected),
            (Authentication, 535, "5.7.8 Error: authentication failed", AuthRejected),
            (Authentication, 535, "Authentication failed", AuthRejected),
            (Authentication, 530, "5.7.0 Must issue a STARTTLS command first", ServerRequiresTls),
            // MAIL FROM.
            (Sender, 530, "5.7.57 Client not authenticated to send mail", ClientNotAuthenticated),
            (Sender, 550, "5.1.8 Access denied, bad outbound sender", ReputationBlocked),
            (Sender, 550, "5.1.7 Invalid address", SenderRejected),
            (Sender, 550, "5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.", ReputationBlocked),
            (Sender, 550, "5.7.750 Service unavailable. Client blocked from sending from unregistered domains.", ReputationBlocked),
            (Sender, 530, "Must issue a STARTTLS command first", ServerRequiresTls),
            (Sender, 501, "5.5.4 Invalid arguments", ProtocolError),
            // RCPT TO.
            (Recipient, 550, "5.1.1 <x@example.org>: Recipient address rejected: User unknown", RecipientUnknown),
            (Recipient, 550, "5.1.10 RESOLVER.ADR.RecipientNotFound; not found", RecipientUnknown),
            (Recipient, 554, "5.7.1 <x@example.org>: Relay access denied", RelayDenied),
            (Recipient, 550, "5.4.1 Recipient address rejected: Access denied", RelayDenied),
            (Recipient, 550, "5.7.54 SMTP; Unable to relay recipient in non-accepted domain", RelayDenied),
            (Recipient, 552, "5.2.2 Mailbox full", MailboxFull),
            (Recipient, 452, "4.2.2 Mailbox full", MailboxFull),
            (Recipient, 450, "4.1.1 Recipient address temporarily rejected", TemporaryFailure),
            (Recipient, 554, "5.4.4 Unable to route", RoutingProblem),
            (Recipient, 550, "No such user", RecipientRejected),
            // DATA.
            (Data, 554, "5.2.252 SendAsDenied; ann@contoso.com not allowed to send as boss@contoso.com", SendAsDenied),
            (Data, 550, "5.7.60 SMTP; Client does not have permissions to send as this sender", SendAsDenied),
            (Data, 552, "5.3.4 Message size exceeds fixed maximum message size", MessageTooLarge),
            (Data, 552, "5.2.3 Message too big", MessageTooLarge),
            (Data, 552, "Message exceeds maximum size", MessageTooLarge),
            (Data, 554, "5.7.1 Message rejected as spam", PolicyRejected),
            (Data, 550, "5.7.509 Access denied, sending domain does not pass DMARC verification", PolicyRejected),
            (Data, 554, "5.3.0 Internal error", ServerSystemProblem),
            (Data, 451, "4.3.2 Temporary server error, please try again later", ServerBusy),
            (Data, 421, "Service shutting down", ServerBusy),
            (Data, 554, "Transaction failed", MessageRejected),
        ];
        for (step, code, text, cause) in cases {
            assert_eq!(
                refusal_cause(step, code, text),
                cause,
                "{step:?} {code} {text}"
            );
        }
    }

    #[test]
    fn enhanced_status_codes_are_read_from_the_start_of_the_reply() {
        let disabled = "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.";
        assert_eq!(enhanced_status(disabled), Some("5.7.139"));
        assert_eq!(
            enhanced_status("5.7.3 Authentication unsuccessful [x]"),
            Some("5.7.3")
        );
        assert_eq!(enhanced_status("Authentication unsuccessful 5.7.3"), None);
        assert_eq!(enhanced_status("5.7 nope"), None);
    }
}
