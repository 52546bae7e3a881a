//! Every server function and page, called over HTTP as anonymous, member, admin of another
//! tenant and admin. The endpoint list comes from the router itself (registered server
//! functions and the app's routes): an endpoint added without a row here fails the test.

mod support;

use serde_json::{json, Value};
use std::collections::BTreeSet;
use support::{smtp_form, Reply, TestApp};

const ROLES: [&str; 4] = ["anonymous", "member", "other tenant's admin", "admin"];

/// What one caller must get.
#[derive(Debug, Clone, Copy)]
enum Expect {
    Status(u16),
    /// A redirect to this location.
    Redirect(&'static str),
}
use Expect::*;

struct Endpoint {
    path: &'static str,
    body: Value,
    /// Per role, in the order of `ROLES`.
    expect: [Expect; 4],
}

/// Secrets each admin saves; no response may ever contain them.
const ACME_PASSWORD: &str = "acme-smtp-password-1";
const GLOBEX_PASSWORD: &str = "globex-smtp-password-2";

fn server_functions() -> Vec<Endpoint> {
    const SETTINGS: [Expect; 4] = [Status(401), Status(403), Status(200), Status(200)];
    const PUBLIC_OK: [Expect; 4] = [Status(200); 4];
    let graph = json!({ "form": {
        "sender_email": "reports@contoso.onmicrosoft.com",
        "app": {
            "tenant_id": "contoso.onmicrosoft.com",
            "client_id": "3b9a1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            "client_secret": "graph-secret-value-3"
        }
    }, "based_on": null });
    vec![
        Endpoint {
            path: "/api/email-provider/get",
            body: json!({}),
            expect: SETTINGS,
        },
        Endpoint {
            // Each admin's first save (based on nothing saved) succeeds for their own tenant.
            path: "/api/email-provider/smtp",
            body: Value::Null, // per caller, see `body_for`
            expect: SETTINGS,
        },
        Endpoint {
            // Based on nothing while SMTP is saved: authorized, then refused as a conflict.
            path: "/api/email-provider/microsoft365",
            body: graph,
            expect: [Status(401), Status(403), Status(409), Status(409)],
        },
        Endpoint {
            path: "/api/email-provider/test",
            body: json!({ "request": { "recipient": "someone@example.org" } }),
            expect: SETTINGS,
        },
        Endpoint {
            // Port 9 on 127.0.0.1: the check fails fast, with a report (200).
            path: "/api/email-provider/check",
            body: json!({}),
            expect: SETTINGS,
        },
        Endpoint {
            path: "/api/email-provider/audit",
            body: json!({ "request": { "before": null } }),
            expect: SETTINGS,
        },
        Endpoint {
            path: "/api/email-provider/delete",
            body: json!({ "based_on": null }),
            expect: [Status(401), Status(403), Status(409), Status(409)],
        },
        Endpoint {
            path: "/api/tokens/list",
            body: json!({}),
            expect: SETTINGS,
        },
        Endpoint {
            path: "/api/tokens/create",
            body: json!({ "form": { "name": "Report scheduler", "scope": "send", "expires_in_days": "" } }),
            expect: SETTINGS,
        },
        Endpoint {
            // No token 999 in either tenant.
            path: "/api/tokens/revoke",
            body: json!({ "id": 999 }),
            expect: [Status(401), Status(403), Status(404), Status(404)],
        },
        Endpoint {
            path: "/api/deliveries/list",
            body: json!({ "query": { "status": null, "category": null, "recipient": "", "before": null } }),
            expect: SETTINGS,
        },
        Endpoint {
            // Every page's banner asks: others get `null`, not an error status.
            path: "/api/sending/status",
            body: json!({}),
            expect: PUBLIC_OK,
        },
        Endpoint {
            // The other banner: the same.
            path: "/api/email-provider/secret-expiry",
            body: json!({}),
            expect: PUBLIC_OK,
        },
        Endpoint {
            path: "/api/auth/me",
            body: json!({}),
            expect: PUBLIC_OK,
        },
        Endpoint {
            path: "/api/auth/sign-in",
            body: json!({ "form": { "email": "nobody@example.org", "password": "wrong" } }),
            expect: [Status(401); 4],
        },
        Endpoint {
            // Anyone may choose a language: it is saved on the caller's own account only.
            path: "/api/auth/language",
            body: json!({ "lang": "en" }),
            expect: PUBLIC_OK,
        },
        Endpoint {
            // Same answer whether or not the address has an account.
            path: "/api/auth/forgot-password",
            body: json!({ "form": { "email": "nobody@example.org" } }),
            expect: PUBLIC_OK,
        },
        Endpoint {
            path: "/api/auth/reset-password",
            body: json!({ "form": { "token": "not-a-token", "password": "a long new passphrase" } }),
            expect: [Status(400); 4],
        },
        Endpoint {
            // An installation with users: setup does not exist.
            path: "/api/auth/setup",
            body: json!({ "form": { "token": "guess", "organization": "Evil", "email": "e@evil.example", "password": "a long passphrase" } }),
            expect: [Status(404); 4],
        },
        // The account pages' plain forms (URL-encoded bodies): each answers with a redirect,
        // back to its form after a failure.
        Endpoint {
            path: "/api/auth/sign-in-posted",
            body: json!("email=nobody%40example.org&password=wrong"),
            expect: [Redirect("/login"); 4],
        },
        Endpoint {
            path: "/api/auth/language-posted",
            body: json!("lang=fr&back=%2Fforgot-password"),
            expect: [Redirect("/forgot-password"); 4],
        },
        Endpoint {
            path: "/api/auth/forgot-password-posted",
            body: json!("email=nobody%40example.org"),
            expect: [Redirect("/forgot-password"); 4],
        },
        Endpoint {
            path: "/api/auth/reset-password-posted",
            body: json!("token=not-a-token&password=a+long+new+passphrase"),
            expect: [Redirect("/reset-password?token=not-a-token"); 4],
        },
        Endpoint {
            path: "/api/auth/setup-posted",
            body: json!(
                "token=guess&organization=Evil&email=e%40evil.example&password=a+long+passphrase"
            ),
            expect: [Redirect("/setup?token=guess"); 4],
        },
        Endpoint {
            // Last: it ends the callers' sessions (checked below).
            path: "/api/auth/sign-out",
            body: json!({}),
            expect: PUBLIC_OK,
        },
        Endpoint {
            // Signs out whoever calls: after `sign-out`, whose checks need the sessions.
            path: "/api/auth/sign-out-posted",
            body: json!(""),
            expect: [Redirect("/login"); 4],
        },
    ]
}

fn pages() -> Vec<(&'static str, [Expect; 4])> {
    vec![
        (
            "/settings/email",
            [Redirect("/login"), Status(403), Status(200), Status(200)],
        ),
        (
            "/settings/tokens",
            [Redirect("/login"), Status(403), Status(200), Status(200)],
        ),
        (
            "/settings/deliveries",
            [Redirect("/login"), Status(403), Status(200), Status(200)],
        ),
        ("/", [Redirect("/settings/email"); 4]),
        ("/login", [Status(200); 4]),
        ("/forgot-password", [Status(200); 4]),
        ("/reset-password", [Status(200); 4]),
        ("/setup", [Status(200); 4]),
        // For operators: public, for load balancers and Prometheus.
        ("/healthz", [Status(200); 4]),
        ("/readyz", [Status(200); 4]),
        ("/metrics", [Status(200); 4]),
    ]
}

fn check(role: &str, what: &str, reply: &Reply, expect: Expect) {
    match expect {
        Status(status) => assert_eq!(
            reply.status, status,
            "{what} as {role}: expected {status}, got {} {}",
            reply.status, reply.body
        ),
        Redirect(location) => {
            assert!(
                (300..400).contains(&reply.status),
                "{what} as {role}: expected a redirect, got {} {}",
                reply.status,
                reply.body
            );
            assert_eq!(
                reply.headers.get("location").and_then(|v| v.to_str().ok()),
                Some(location),
                "{what} as {role}"
            );
        }
    }
}

#[tokio::test]
async fn every_endpoint_checks_who_is_calling() {
    let app = TestApp::start().await;

    // The table must cover exactly what the router serves.
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let tabled: BTreeSet<String> = server_functions()
        .iter()
        .map(|e| e.path.to_owned())
        .collect();
    assert_eq!(
        registered, tabled,
        "every server function needs a row in this table"
    );
    let routed: BTreeSet<String> = server::http::page_paths()
        .into_iter()
        .chain(server::http::OPERATOR_PATHS.map(String::from))
        .collect();
    let tabled: BTreeSet<String> = pages().iter().map(|(p, _)| (*p).to_owned()).collect();
    assert_eq!(
        routed, tabled,
        "every page and endpoint needs a row in this table"
    );

    let member = app.sign_in("max@acme.example").await;
    let other_admin = app.sign_in("gus@globex.example").await;
    let admin = app.sign_in("ann@acme.example").await;
    let tokens = [
        None,
        Some(member.as_str()),
        Some(other_admin.as_str()),
        Some(admin.as_str()),
    ];

    let mut bodies = Vec::new();
    for (path, expect) in pages() {
        for (role, (token, expect)) in ROLES.iter().zip(tokens.iter().zip(expect)) {
            let reply = app.page(path, *token).await;
            check(role, path, &reply, expect);
            bodies.push(reply.body);
        }
    }
    for endpoint in server_functions() {
        for (n, (role, (token, expect))) in ROLES
            .iter()
            .zip(tokens.iter().zip(endpoint.expect))
            .enumerate()
        {
            let body = match endpoint.body {
                Value::Null => {
                    let (host, password) = if n == 2 {
                        ("smtp.globex.example", GLOBEX_PASSWORD)
                    } else {
                        ("smtp.acme.example", ACME_PASSWORD)
                    };
                    json!({ "form": smtp_form(host, password), "based_on": null })
                }
                ref body => body.clone(),
            };
            if endpoint.path == "/api/auth/sign-out" && n == 0 {
                // Before the admin signs out: what each tenant sees is its own.
                check_isolation(&app, &admin, &other_admin, &mut bodies).await;
            }
            let reply = match &body {
                Value::String(form) => app.post_form(endpoint.path, form, *token).await,
                body => app.post(endpoint.path, body, *token, &[]).await,
            };
            check(role, endpoint.path, &reply, expect);
            bodies.push(reply.body);
        }
    }

    // The platform's API takes tokens only: no session opens it, whoever it belongs to.
    for (method, path) in server::http::API_V1_ROUTES {
        for (role, token) in ROLES.iter().zip(tokens) {
            let mut request = app
                .http
                .request(method.parse().unwrap(), format!("{}{path}", app.base));
            if let Some(token) = token {
                request = request.header("cookie", format!("mw_session={token}"));
            }
            let response = request.json(&json!({})).send().await.unwrap();
            assert_eq!(response.status().as_u16(), 401, "{method} {path} as {role}");
        }
    }

    // Signed out: the old cookies open nothing.
    for token in [&member, &other_admin, &admin] {
        let reply = app
            .post("/api/email-provider/get", &json!({}), Some(token), &[])
            .await;
        assert_eq!(reply.status, 401, "{}", reply.body);
    }
    for secret in [
        ACME_PASSWORD,
        GLOBEX_PASSWORD,
        "graph-secret-value-3",
        support::PASSWORD,
    ] {
        assert!(
            bodies.iter().all(|body| !body.contains(secret)),
            "a response contained a secret"
        );
    }
}

/// Each admin reads only their tenant's settings and audit log.
async fn check_isolation(app: &TestApp, admin: &str, other_admin: &str, bodies: &mut Vec<String>) {
    let empty = json!({});
    let get = |token| app.post("/api/email-provider/get", &empty, Some(token), &[]);
    let acme = get(admin).await;
    let globex = get(other_admin).await;
    assert!(acme.body.contains("smtp.acme.example"), "{}", acme.body);
    assert!(!acme.body.contains("globex"), "{}", acme.body);
    assert!(
        globex.body.contains("smtp.globex.example"),
        "{}",
        globex.body
    );
    assert!(!globex.body.contains("acme"), "{}", globex.body);
    assert_eq!(acme.json()["admin_email"], "ann@acme.example");

    let first_page = json!({ "request": { "before": null } });
    let audit = |token| app.post("/api/email-provider/audit", &first_page, Some(token), &[]);
    let acme_log = audit(admin).await;
    let globex_log = audit(other_admin).await;
    let actors = |reply: &Reply| -> BTreeSet<String> {
        reply.json()["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["actor"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        actors(&acme_log),
        BTreeSet::from(["ann@acme.example".to_owned()])
    );
    assert_eq!(
        actors(&globex_log),
        BTreeSet::from(["gus@globex.example".to_owned()])
    );
    bodies.extend([acme.body, globex.body, acme_log.body, globex_log.body]);
}

#[tokio::test]
async fn cross_site_requests_are_refused() {
    let app = TestApp::start().await;
    let admin = app.sign_in("ann@acme.example").await;
    let host = app.base.trim_start_matches("http://").to_owned();
    let same_origin = app.base.clone();
    let cases: [(&[(&'static str, &str)], u16); 5] = [
        (&[("origin", "http://evil.example")], 403),
        (&[("sec-fetch-site", "cross-site")], 403),
        (&[("sec-fetch-site", "same-site")], 403),
        (
            &[("origin", same_origin.as_str()), ("host", host.as_str())],
            200,
        ),
        (&[("sec-fetch-site", "same-origin")], 200),
    ];
    for (headers, status) in cases {
        for path in ["/api/email-provider/get", "/api/auth/sign-out"] {
            let reply = app.post(path, &json!({}), Some(&admin), headers).await;
            assert_eq!(
                reply.status, status,
                "{path} with {headers:?}: {}",
                reply.body
            );
        }
        // The sign-out above ended the session when it was allowed: start a new one.
        if status == 200 {
            let reply = app
                .post("/api/email-provider/get", &json!({}), Some(&admin), &[])
                .await;
            assert_eq!(reply.status, 401);
            return cross_site_sign_in_is_refused(&app).await;
        }
    }
}

/// A login form on another site cannot sign a victim in (login CSRF).
async fn cross_site_sign_in_is_refused(app: &TestApp) {
    let reply = app
        .post(
            "/api/auth/sign-in",
            &json!({ "form": { "email": "ann@acme.example", "password": support::PASSWORD } }),
            None,
            &[("origin", "http://evil.example")],
        )
        .await;
    assert_eq!(reply.status, 403);
    assert_eq!(reply.session_cookie(), None);
}

#[tokio::test]
async fn readiness_follows_the_database() {
    let app = TestApp::start().await;
    let ready = app.page("/readyz", None).await;
    assert_eq!(ready.status, 200);
    assert_eq!(ready.json(), json!({ "status": "ok", "database": "ok" }));
    app.state.store.close().await;
    let unready = app.page("/readyz", None).await;
    assert_eq!(unready.status, 503, "{}", unready.body);
    assert_eq!(unready.json()["status"], "unavailable");
    // Alive all the same: restarting the process would not help.
    assert_eq!(app.page("/healthz", None).await.status, 200);
}

#[tokio::test]
async fn metrics_count_sign_ins_and_test_emails_without_naming_anyone() {
    let app = TestApp::start().await;
    assert_eq!(
        app.sign_in_with("ann@acme.example", "wrong").await.status,
        401
    );
    let admin = app.sign_in("ann@acme.example").await;
    let save = json!({ "form": smtp_form("smtp.acme.example", ACME_PASSWORD), "based_on": null });
    let saved = app
        .post("/api/email-provider/smtp", &save, Some(&admin), &[])
        .await;
    assert_eq!(saved.status, 200);
    let test = json!({ "request": { "recipient": "someone@example.org" } });
    let sent = app
        .post("/api/email-provider/test", &test, Some(&admin), &[])
        .await;
    assert_eq!(sent.status, 200);
    let forgot = json!({ "form": { "email": "nobody@example.org" } });
    assert_eq!(
        app.post("/api/auth/forgot-password", &forgot, None, &[])
            .await
            .status,
        200
    );

    let metrics = app.page("/metrics", None).await;
    assert_eq!(metrics.status, 200);
    assert!(metrics.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/openmetrics-text"));
    for line in [
        "mailwright_sign_ins_total{result=\"failure\"} 1",
        "mailwright_sign_ins_total{result=\"success\"} 1",
        "mailwright_settings_changes_total{action=\"saved\"} 1",
        // smtp.acme.example does not resolve: the test send fails at DNS.
        "mailwright_test_emails_total{provider=\"smtp\",outcome=\"failed\",step=\"Dns\"} 1",
        "mailwright_test_email_seconds_count{provider=\"smtp\"} 1",
        "mailwright_password_reset_requests_total 1",
    ] {
        assert!(
            metrics.body.lines().any(|l| l == line),
            "no {line} in\n{}",
            metrics.body
        );
    }
    for private in ["acme", "ann@", "someone@", "nobody@", ACME_PASSWORD] {
        assert!(
            !metrics.body.contains(private),
            "{private} in\n{}",
            metrics.body
        );
    }
}
