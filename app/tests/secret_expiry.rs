//! Client-secret expiry: the banner from 30 days before the date the admin gave, and the
//! reminder emails to the tenant's admins 7 days before and on the day, each queued once in the
//! outbox in the admin's language. The day is a parameter (an injectable clock); the store is
//! real (SQLite, or PostgreSQL in the test command's PostgreSQL pass).
#![cfg(feature = "ssr")]

mod support;

use app::domain::account::Role;
use app::domain::audit::AuditAction;
use app::domain::date::CalendarDate;
use app::domain::microsoft::{GraphSettings, MicrosoftApp};
use app::domain::provider::ProviderKind;
use app::domain::secret::SecretUpdate;
use app::i18n::Lang;
use app::mail::tls::TlsTrust;
use app::state::AppState;
use app::store::{AuditRecord, LogFilter, NewConfig};

const TENANT: &str = "acme";
const CLIENT_ID: &str = "22222222-2222-2222-2222-222222222222";

fn day(date: &str) -> CalendarDate {
    CalendarDate::parse(date).unwrap()
}

async fn state(dir: &std::path::Path) -> AppState {
    let tenant = (TENANT, "Acme Analytics");
    let state = support::app_state(dir, tenant, TlsTrust::public_roots()).await;
    let now = "2026-11-30T00:00:00Z";
    for (email, role) in [
        ("first-admin@acme.test", Role::Admin),
        ("second-admin@acme.test", Role::Admin),
        ("member@acme.test", Role::Member),
    ] {
        let store = &state.store;
        store.add_user(TENANT, email, "x", role, now).await.unwrap();
    }
    let french = state.store.user_by_email("second-admin@acme.test").await;
    let french = french.unwrap().unwrap();
    state
        .store
        .set_user_language(french.id, Lang::Fr)
        .await
        .unwrap();
    state
}

async fn save_graph(state: &AppState, expires_on: Option<&str>) {
    let settings = GraphSettings {
        sender_email: "reports@acme.test".into(),
        app: MicrosoftApp {
            tenant_id: "contoso.onmicrosoft.com".into(),
            client_id: CLIENT_ID.into(),
            secret_expires_on: expires_on.map(day),
        },
    };
    let version = state
        .store
        .load_email_provider(TENANT)
        .await
        .unwrap()
        .map(|p| p.version);
    let action = AuditAction::Saved {
        provider: ProviderKind::Microsoft365,
        activated: version.is_none(),
        changes: vec![],
    };
    let audit = AuditRecord {
        actor: "first-admin@acme.test",
        at: "2026-11-30T00:00:00Z",
    };
    let secret = SecretUpdate::Set("s3cret-value~".into());
    state
        .store
        .save_email_provider(
            TENANT,
            NewConfig::Microsoft365(&settings, &secret),
            version,
            audit,
            &action,
        )
        .await
        .unwrap();
}

/// Subjects and recipients of everything queued, by recipient (messages queued together have
/// no order).
async fn queued(state: &AppState) -> Vec<(String, Vec<String>)> {
    let rows = state
        .store
        .delivery_log(TENANT, &LogFilter::default(), 100)
        .await
        .unwrap();
    let mut queued: Vec<_> = rows
        .into_iter()
        .map(|r| (r.subject, r.recipients))
        .collect();
    queued.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    queued
}

#[tokio::test]
async fn the_banner_warns_from_thirty_days_before_and_says_when_it_has_expired() {
    let dir = tempfile::tempdir().unwrap();
    let state = state(dir.path()).await;
    let banner = |today| app::secret_expiry::banner(&state, TENANT, day(today));
    assert_eq!(banner("2026-12-01").await.unwrap(), None, "no provider yet");
    save_graph(&state, None).await;
    assert_eq!(banner("2027-01-31").await.unwrap(), None, "no date given");
    save_graph(&state, Some("2027-01-31")).await;
    assert_eq!(banner("2026-12-31").await.unwrap(), None);
    let first = banner("2027-01-01").await.unwrap().unwrap();
    assert_eq!((first.expires_on, first.days_left), (day("2027-01-31"), 30));
    let after = banner("2027-02-03").await.unwrap().unwrap();
    assert!(after.expired(), "{after:?}");
}

#[tokio::test]
async fn admins_get_one_reminder_a_week_before_and_one_on_the_day_in_their_language() {
    let dir = tempfile::tempdir().unwrap();
    let state = state(dir.path()).await;
    save_graph(&state, Some("2027-01-31")).await;
    let remind = |today| app::secret_expiry::remind(&state, TENANT, day(today));

    remind("2027-01-23").await;
    assert!(queued(&state).await.is_empty(), "8 days before: nothing");

    remind("2027-01-24").await;
    let week = queued(&state).await;
    assert_eq!(week.len(), 2, "{week:?}");
    assert_eq!(
        week[0],
        (
            "Mailwright: the email provider's client secret expires on 2027-01-31".into(),
            vec!["first-admin@acme.test".to_owned()]
        )
    );
    assert_eq!(
        week[1].0,
        "Mailwright : le secret client du fournisseur de messagerie expire le 2027-01-31"
    );
    assert_eq!(week[1].1, ["second-admin@acme.test"]);

    // Later checks the same week, and a second instance's, send nothing more.
    remind("2027-01-25").await;
    remind("2027-01-30").await;
    assert_eq!(queued(&state).await.len(), 2);

    remind("2027-01-31").await;
    remind("2027-01-31").await;
    let all = queued(&state).await;
    assert_eq!(all.len(), 4, "{all:?}");
    let today = all.iter().filter(|(subject, _)| {
        subject.contains("expires today (2027-01-31)") || subject.contains("expire aujourd’hui")
    });
    assert_eq!(today.count(), 2, "{all:?}");
    assert!(all
        .iter()
        .all(|(_, to)| !to.contains(&"member@acme.test".to_owned())));

    // The body says what to do, with the app and the link to the settings.
    let english = LogFilter {
        recipient: Some("first-admin".into()),
        ..LogFilter::default()
    };
    let rows = state.store.delivery_log(TENANT, &english, 1).await.unwrap();
    let body = state.store.outbox_body(&rows[0].id).await.unwrap().unwrap();
    for expected in [
        "Acme Analytics",
        CLIENT_ID,
        "https://mail.acme.test/settings/email",
        "Certificates & secrets",
    ] {
        assert!(body.contains(expected), "{expected} missing from {body}");
    }

    // A new secret with a new date starts over.
    save_graph(&state, Some("2027-07-31")).await;
    remind("2027-07-24").await;
    assert_eq!(queued(&state).await.len(), 6);
}
