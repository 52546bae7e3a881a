//! Many callers at once on one server: concurrent saves of one version resolve to one winner
//! and conflicts naming them, and a mix of every kind of write from several tenants never gets
//! a server error (SQLite allows one writer at a time; nobody may see "database is locked").

mod support;

use app::domain::account::Role;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use support::{smtp_form, TestApp};

async fn version(app: &TestApp, token: &str) -> Value {
    let reply = app
        .post("/api/email-provider/get", &json!({}), Some(token), &[])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()["version"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_saves_of_one_version_have_one_winner() {
    let app = TestApp::start().await;
    let admins = ["ann@acme.example", "bea@acme.example", "cal@acme.example"];
    for admin in &admins[1..] {
        app.add_user("acme", admin, Role::Admin).await;
    }
    let mut tokens = BTreeMap::new();
    for admin in admins {
        tokens.insert(admin, app.sign_in(admin).await);
    }
    let first =
        json!({ "form": smtp_form("smtp.first.example", "first-password"), "based_on": null });
    let reply = app
        .post(
            "/api/email-provider/smtp",
            &first,
            Some(&tokens[admins[0]]),
            &[],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let based_on = version(&app, &tokens[admins[0]]).await;

    for round in 0..3 {
        // 24 saves, 8 per admin, all based on the same version, released at once.
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(24));
        let saves: Vec<_> = (0..24)
            .map(|n| {
                let admin = admins[n % 3];
                let (token, barrier) = (tokens[admin].clone(), barrier.clone());
                let body = json!({
                    "form": smtp_form(&format!("smtp{n}.round{round}.example"), "a-password"),
                    "based_on": based_on,
                });
                let (base, http) = (app.base.clone(), app.http.clone());
                tokio::spawn(async move {
                    barrier.wait().await;
                    let response = http
                        .post(format!("{base}/api/email-provider/smtp"))
                        .header("content-type", "application/json")
                        .header("cookie", format!("mw_session={token}"))
                        .body(body.to_string())
                        .send()
                        .await
                        .unwrap();
                    let status = response.status().as_u16();
                    (
                        n,
                        admin,
                        status,
                        response.json::<Value>().await.unwrap_or(Value::Null),
                    )
                })
            })
            .collect();
        let mut results = Vec::new();
        for save in saves {
            results.push(save.await.unwrap());
        }
        let winners: Vec<_> = results.iter().filter(|r| r.2 == 200).collect();
        assert_eq!(
            winners.len(),
            1,
            "round {round}: exactly one save wins: {results:?}"
        );
        let (winner_n, winner, ..) = *winners[0];
        for (n, _, status, body) in &results {
            if *n == winner_n {
                continue;
            }
            assert_eq!(
                *status, 409,
                "round {round}: the others are conflicts: {body}"
            );
            assert_eq!(body["Conflict"]["by"], json!(winner), "{body}");
        }
        let saved = app
            .post(
                "/api/email-provider/get",
                &json!({}),
                Some(&tokens[winner]),
                &[],
            )
            .await;
        assert_eq!(
            saved.json()["provider"]["Smtp"]["settings"]["host"],
            json!(format!("smtp{winner_n}.round{round}.example")),
            "the winner's settings are the ones saved: {}",
            saved.body
        );
        // Back to the base version for the next round: delete, then save based on nothing.
        let current = version(&app, &tokens[winner]).await;
        let deleted = app
            .post(
                "/api/email-provider/delete",
                &json!({ "based_on": current }),
                Some(&tokens[winner]),
                &[],
            )
            .await;
        assert_eq!(deleted.status, 200, "{}", deleted.body);
        let reply = app
            .post(
                "/api/email-provider/smtp",
                &first,
                Some(&tokens[winner]),
                &[],
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert_eq!(version(&app, &tokens[winner]).await, based_on);
    }
    // One audit entry per successful change, none for the refused ones: 1 + 3 × (save,
    // delete, save).
    let audit = app
        .post(
            "/api/email-provider/audit",
            &json!({ "request": { "before": null } }),
            Some(&tokens[admins[0]]),
            &[],
        )
        .await;
    assert_eq!(
        audit.json()["entries"].as_array().unwrap().len(),
        10,
        "{}",
        audit.body
    );
}

/// What one kind of caller does in a loop, and the statuses it got.
type Tally = BTreeMap<(&'static str, u16), usize>;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn mixed_load_from_several_tenants_never_gets_a_server_error() {
    let app = std::sync::Arc::new(TestApp::start().await);
    app.add_tenant("initech", "Initech").await;
    app.add_user("initech", "ida@initech.example", Role::Admin)
        .await;
    let admins = [
        "ann@acme.example",
        "gus@globex.example",
        "ida@initech.example",
    ];
    let mut workers = Vec::new();
    let until = Instant::now() + Duration::from_secs(4);
    for admin in admins {
        let token = app.sign_in(admin).await;
        for kind in [
            "save", "save", "delete", "read", "test", "sign-in", "forgot",
        ] {
            let (app, token) = (app.clone(), token.clone());
            workers.push(tokio::spawn(async move {
                let mut tally = Tally::new();
                while Instant::now() < until {
                    let status = one_request(&app, kind, admin, &token).await;
                    *tally.entry((kind, status)).or_default() += 1;
                }
                tally
            }));
        }
    }
    let mut total = Tally::new();
    for worker in workers {
        for (key, count) in worker.await.unwrap() {
            *total.entry(key).or_default() += count;
        }
    }
    let server_errors: Vec<_> = total
        .iter()
        .filter(|((_, status), _)| *status >= 500)
        .collect();
    assert!(
        server_errors.is_empty(),
        "server errors under load: {total:?}"
    );
    let requests: usize = total.values().sum();
    assert!(requests > 200, "the load was real: {total:?}");
    for kind in ["save", "delete", "test", "sign-in"] {
        assert!(
            total.get(&(kind, 200)).is_some_and(|n| *n > 0),
            "some {kind} requests succeeded: {total:?}"
        );
    }
    println!("{requests} requests: {total:?}");
}

async fn one_request(app: &TestApp, kind: &str, admin: &str, token: &str) -> u16 {
    let post = |path: &'static str, body: Value| async move {
        app.post(path, &body, Some(token), &[]).await.status
    };
    match kind {
        "save" => {
            let based_on = version(app, token).await;
            let form = smtp_form("127.0.0.1", "load-password");
            post(
                "/api/email-provider/smtp",
                json!({ "form": form, "based_on": based_on }),
            )
            .await
        }
        "delete" => {
            let based_on = version(app, token).await;
            post(
                "/api/email-provider/delete",
                json!({ "based_on": based_on }),
            )
            .await
        }
        "read" => {
            post(
                "/api/email-provider/audit",
                json!({ "request": { "before": null } }),
            )
            .await
        }
        "test" => {
            post(
                "/api/email-provider/test",
                json!({ "request": { "recipient": admin } }),
            )
            .await
        }
        "sign-in" => app.sign_in_with(admin, support::PASSWORD).await.status,
        "forgot" => {
            post(
                "/api/auth/forgot-password",
                json!({ "form": { "email": admin } }),
            )
            .await
        }
        _ => unreachable!("{kind}"),
    }
}
