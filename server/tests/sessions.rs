//! Sessions, sign-in limits and password resets over HTTP against the real router.

mod support;

use app::auth::{token, unix_now};
use app::domain::account::Role;
use serde_json::json;
use support::{TestApp, PASSWORD};

async fn get_settings(app: &TestApp, token: &str) -> u16 {
    app.post("/api/email-provider/get", &json!({}), Some(token), &[])
        .await
        .status
}

#[tokio::test]
async fn each_sign_in_starts_a_new_session_with_a_safe_cookie() {
    let app = &TestApp::start().await;
    let first = app.sign_in("ann@acme.example").await;
    // Signing in again from the same browser replaces the session: a planted id never lives on.
    let again = app
        .post(
            "/api/auth/sign-in",
            &json!({ "form": { "email": "ann@acme.example", "password": PASSWORD } }),
            Some(&first),
            &[],
        )
        .await;
    assert_eq!(again.status, 200);
    let cookie = again
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=28800"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "served over http: {cookie}");
    let second = again.session_cookie().unwrap();
    assert_ne!(first, second);
    assert_eq!(get_settings(app, &first).await, 401);
    assert_eq!(get_settings(app, &second).await, 200);
    // The database holds digests only, never a usable session id.
    assert!(app.state.store.session(&second).await.unwrap().is_none());
    assert!(app
        .state
        .store
        .session(&token::digest(&second))
        .await
        .unwrap()
        .is_some());
}

#[tokio::test]
async fn sessions_end_when_idle_or_too_old() {
    let app = &TestApp::start().await;
    let user = app
        .state
        .store
        .user_by_email("ann@acme.example")
        .await
        .unwrap()
        .unwrap();
    let now = unix_now();
    let policy = app.state.auth.sessions;
    let session = |created: i64, seen: i64| {
        let store = app.state.store.clone();
        async move {
            let value = token::new_token();
            store
                .create_session(&token::digest(&value), user.id, created)
                .await
                .unwrap();
            store
                .touch_session(&token::digest(&value), seen)
                .await
                .unwrap();
            value
        }
    };
    let fresh = session(now - 60, now - 60).await;
    let idle = session(now - policy.idle_s - 5, now - policy.idle_s - 5).await;
    let old = session(now - policy.absolute_s - 5, now - 10).await;
    assert_eq!(get_settings(app, &fresh).await, 200);
    assert_eq!(get_settings(app, &idle).await, 401);
    assert_eq!(get_settings(app, &old).await, 401);
    // An ended session is deleted, not just refused.
    assert!(app
        .state
        .store
        .session(&token::digest(&idle))
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_account() {
    let app = &TestApp::start().await;
    for _ in 0..5 {
        let reply = app.sign_in_with("ann@acme.example", "wrong password").await;
        assert_eq!(reply.status, 401);
        assert_eq!(reply.json(), json!("SignInFailed"));
    }
    // Locked, even with the right password, and the answer says for how long.
    let locked = app.sign_in_with("ANN@acme.example", PASSWORD).await;
    assert_eq!(locked.status, 429, "{}", locked.body);
    let wait = locked.json()["TooManyAttempts"]["retry_after_s"]
        .as_u64()
        .unwrap();
    assert!((800..=900).contains(&wait), "{wait}");
    assert_eq!(locked.session_cookie(), None);
    // Other accounts are not affected.
    app.sign_in("max@acme.example").await;
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_client_address() {
    let app = &TestApp::start().await;
    for n in 0..20 {
        let reply = app
            .sign_in_with(&format!("guess{n}@acme.example"), "wrong password")
            .await;
        assert_eq!(reply.status, 401);
    }
    let locked = app.sign_in_with("ann@acme.example", PASSWORD).await;
    assert_eq!(locked.status, 429, "{}", locked.body);
}

#[tokio::test]
async fn unknown_and_known_addresses_get_the_same_reset_answer() {
    let app = &TestApp::start().await;
    let ask = |email: &'static str| async move {
        let body = json!({ "form": { "email": email } });
        app.post("/api/auth/forgot-password", &body, None, &[])
            .await
    };
    let known = ask("ann@acme.example").await;
    let unknown = ask("nobody@acme.example").await;
    assert_eq!((known.status, &known.body), (unknown.status, &unknown.body));
    assert_eq!(known.status, 200);
}

#[tokio::test]
async fn a_reset_link_works_once_within_its_lifetime_and_ends_sessions() {
    let app = &TestApp::start().await;
    let store = &app.state.store;
    let user = store
        .user_by_email("ann@acme.example")
        .await
        .unwrap()
        .unwrap();
    let session = app.sign_in("ann@acme.example").await;
    let link = token::new_token();
    let expired = token::new_token();
    let now = unix_now();
    store
        .create_password_reset(&token::digest(&link), user.id, now + 1800)
        .await
        .unwrap();
    store
        .create_password_reset(&token::digest(&expired), user.id, now - 1)
        .await
        .unwrap();
    let reset = |token: String, password: &'static str| async move {
        let body = json!({ "form": { "token": token, "password": password } });
        app.post("/api/auth/reset-password", &body, None, &[]).await
    };

    let short = reset(link.clone(), "short").await;
    assert_eq!(short.status, 422, "the shared rules run on the server too");
    assert_eq!(reset(expired, "a brand new passphrase").await.status, 400);
    let done = reset(link.clone(), "a brand new passphrase").await;
    assert_eq!(done.status, 200, "{}", done.body);
    let again = reset(link, "yet another passphrase").await;
    assert_eq!(again.status, 400);
    assert_eq!(again.json(), json!("LinkInvalid"));

    assert_eq!(
        get_settings(app, &session).await,
        401,
        "signed out everywhere"
    );
    assert_eq!(
        app.sign_in_with("ann@acme.example", PASSWORD).await.status,
        401
    );
    assert_eq!(
        app.sign_in_with("ann@acme.example", "a brand new passphrase")
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn members_and_admins_see_who_they_are() {
    let app = &TestApp::start().await;
    app.add_tenant("initech", "Initech").await;
    app.add_user("initech", "pat@initech.example", Role::Member)
        .await;
    let member = app.sign_in("pat@initech.example").await;
    let me = app
        .post("/api/auth/me", &json!({}), Some(&member), &[])
        .await;
    assert_eq!(
        me.json(),
        json!({ "email": "pat@initech.example", "tenant_name": "Initech", "role": "Member" })
    );
    let anonymous = app.post("/api/auth/me", &json!({}), None, &[]).await;
    assert_eq!(anonymous.json(), json!(null));
}
