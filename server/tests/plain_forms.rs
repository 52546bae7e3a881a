//! The account pages as plain HTML forms: no wasm on them; a post answers with a 303, back to
//! the form after a failure with the values typed (never the password) and the error, read
//! once by the page.

mod support;

use axum::http::header::SET_COOKIE;
use support::{Reply, TestApp};

/// The `mw_form` cookie a reply sets, as `name=value`.
fn echo_cookie(reply: &Reply) -> Option<String> {
    reply
        .headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("mw_form="))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

async fn page_with_cookie(app: &TestApp, path: &str, cookie: &str) -> Reply {
    let response = app
        .http
        .get(format!("{}{path}", app.base))
        .header("accept", "text/html")
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

#[tokio::test]
async fn account_pages_load_no_wasm() {
    let app = TestApp::start().await;
    for path in app::account::PLAIN_PAGES {
        let page = app.page(path, None).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(!page.body.contains(".wasm"), "{path}: {}", page.body);
        assert!(!page.body.contains("modulepreload"), "{path}");
        assert!(!page.body.contains("mw-texts"), "{path}: the wasm's texts");
        assert!(page.body.contains("method=\"post\""), "{path}");
    }
    // The settings page still hydrates.
    let admin = app.sign_in("ann@acme.example").await;
    let settings = app.page("/settings/email", Some(&admin)).await;
    assert!(settings.body.contains(".wasm"));
}

#[tokio::test]
async fn a_failed_sign_in_comes_back_to_the_form_with_the_address_and_the_error_once() {
    let app = TestApp::start().await;
    let password = "not the right password";
    let failed = app
        .post_form(
            "/api/auth/sign-in-posted",
            &format!(
                "email=ann%40acme.example&password={}",
                password.replace(' ', "+")
            ),
            None,
        )
        .await;
    assert_eq!(failed.status, 303);
    assert_eq!(failed.headers["location"], "/login");
    assert_eq!(failed.session_cookie(), None);
    let cookie = echo_cookie(&failed).expect("the form's echo");
    assert!(!cookie.contains(password));

    let page = page_with_cookie(&app, "/login", &cookie).await;
    assert!(
        page.body.contains("Wrong email or password."),
        "{}",
        page.body
    );
    assert!(page.body.contains("value=\"ann@acme.example\""));
    assert!(!page.body.contains(password));
    let cleared = echo_cookie(&page).expect("the echo is cleared");
    assert_eq!(cleared, "mw_form=");
    // The echo belongs to its page: another one ignores it.
    let other = page_with_cookie(&app, "/forgot-password", &cookie).await;
    assert!(!other.body.contains("Wrong email or password."));
}

#[tokio::test]
async fn a_sign_in_leads_to_the_settings_and_a_bad_return_path_is_refused() {
    let app = TestApp::start().await;
    let signed_in = app
        .post_form(
            "/api/auth/sign-in-posted",
            &format!(
                "email=ann%40acme.example&password={}",
                support::PASSWORD.replace(' ', "+")
            ),
            None,
        )
        .await;
    assert_eq!(signed_in.status, 303);
    assert_eq!(signed_in.headers["location"], "/settings/email");
    assert!(signed_in.session_cookie().is_some());

    let elsewhere = app
        .post_form(
            "/api/auth/language-posted",
            "lang=de&back=%2F%2Fevil.example%2F",
            None,
        )
        .await;
    assert_eq!(elsewhere.status, 303);
    assert_eq!(elsewhere.headers["location"], "/login");
}

#[tokio::test]
async fn over_https_the_echo_cookie_is_secure() {
    let app = TestApp::start_with(support::Options {
        public_url: Some("https://mail.example".into()),
        ..support::Options::default()
    })
    .await;
    let failed = app
        .post_form(
            "/api/auth/sign-in-posted",
            "email=ann%40acme.example&password=x",
            None,
        )
        .await;
    let cookie = failed
        .headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("mw_form="))
        .unwrap()
        .to_owned();
    for attribute in ["HttpOnly", "SameSite=Strict", "Secure"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
}
