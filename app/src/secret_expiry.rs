//! Client-secret expiry (server only): the warning on every admin page from 30 days before the
//! date the admin gave, and the reminder emails to the tenant's admins from 7 days before and
//! on the day, queued in the outbox like every other message. Today's date is a parameter, so
//! tests choose the day.

use crate::domain::date::CalendarDate;
use crate::domain::delivery::Category;
use crate::domain::secret_expiry::{reminder_due, warning, Reminder, SecretExpiry};
use crate::i18n::{fill, Lang};
use crate::outbox::request::MessageRequest;
use crate::outbox::service::accept;
use crate::state::AppState;
use crate::store::StoreError;

/// What the banner shows on `today`, if anything.
pub async fn banner(
    state: &AppState,
    tenant: &str,
    today: CalendarDate,
) -> Result<Option<SecretExpiry>, StoreError> {
    let expiry = state.store.secret_expiry(tenant).await?;
    Ok(expiry.and_then(|(expires_on, _)| warning(expires_on, today)))
}

/// Queues the reminder due on `today` to every admin of `tenant`, once per expiry date and
/// reminder (whichever instance's check comes first). Failures are logged; the next check
/// tries again.
pub async fn remind(state: &AppState, tenant: &str, today: CalendarDate) {
    if let Err(err) = try_remind(state, tenant, today).await {
        tracing::warn!(error = %err, "secret expiry reminder not queued");
    }
}

async fn try_remind(state: &AppState, tenant: &str, today: CalendarDate) -> anyhow::Result<()> {
    let Some((expires_on, client_id)) = state.store.secret_expiry(tenant).await? else {
        return Ok(());
    };
    let Some(reminder) = reminder_due(expires_on, today) else {
        return Ok(());
    };
    let now = crate::clock::unix_now_ms();
    if !state
        .store
        .claim_reminder(tenant, expires_on, reminder, now)
        .await?
    {
        return Ok(());
    }
    let tenant_name = state.store.tenant_name(tenant).await?.unwrap_or_default();
    let details = Details {
        expires_on,
        client_id: &client_id,
        tenant_name: &tenant_name,
        link: &state.auth.link("/settings/email"),
    };
    let messages: Vec<MessageRequest> = state
        .store
        .tenant_admins(tenant)
        .await?
        .into_iter()
        .map(|(email, lang)| reminder_email(email, lang.unwrap_or_default(), reminder, &details))
        .collect();
    if messages.is_empty() {
        return Ok(());
    }
    if let Err(err) = accept(&state.store, &state.outbox, tenant, &messages, None).await {
        // Given back, so that the next check sends it.
        state
            .store
            .release_reminder(tenant, expires_on, reminder)
            .await?;
        anyhow::bail!("the outbox refused the reminder: {err:?}");
    }
    tracing::info!(tenant, %expires_on, reminder = reminder.as_str(), admins = messages.len(), "secret expiry reminder queued");
    Ok(())
}

/// What a reminder names.
struct Details<'a> {
    expires_on: CalendarDate,
    client_id: &'a str,
    tenant_name: &'a str,
    link: &'a str,
}

fn reminder_email(to: String, lang: Lang, reminder: Reminder, d: &Details) -> MessageRequest {
    let t = &lang.catalog().expiry;
    let date = d.expires_on.to_string();
    let subject = match reminder {
        Reminder::WeekBefore => t.email_subject_week,
        Reminder::OnTheDay => t.email_subject_day,
    };
    MessageRequest {
        to: vec![to],
        subject: fill(subject, &[("date", &date)]),
        text: Some(fill(
            t.email_body,
            &[
                ("date", &date),
                ("tenant", d.tenant_name),
                ("client_id", d.client_id),
                ("link", d.link),
            ],
        )),
        category: Category::Notification.as_str().to_owned(),
        ..MessageRequest::default()
    }
}
