//! The real `mailwright` binary: the first start prints a one-time setup URL, and the CLI adds
//! tenants and users for scripted installs.

mod support;

use serde_json::{json, Value};
use support::binary::{self, cli, succeeded, Server};

fn setup_token(lines: &[String]) -> Option<String> {
    lines
        .iter()
        .find_map(|line| line.split("/setup?token=").nth(1))
        .map(|token| token.trim().to_owned())
}

#[tokio::test]
async fn the_first_start_prints_a_setup_url_that_works_once() {
    let data = tempfile::tempdir().unwrap();
    let server = Server::start(data.path());
    let printed = server.ready().await;
    let token = setup_token(&printed).unwrap_or_else(|| panic!("no setup URL in {printed:?}"));
    assert!(printed
        .iter()
        .any(|l| l.contains(&format!("{}/setup?token=", server.base))));
    // Standard output is a pipe here, as it is to a file or a journal: no colour codes.
    assert!(
        printed.iter().any(|l| l.contains("Mailwright listening")),
        "{printed:?}"
    );
    assert!(
        printed.iter().all(|l| !l.contains('\x1b')),
        "colour codes in {printed:?}"
    );

    let form = |token: &str| {
        json!({ "form": { "token": token, "organization": "Acme",
            "email": "ann@acme.example", "password": "a long passphrase" } })
    };
    let wrong = server
        .post("/api/auth/setup", form("guess"), None)
        .await
        .unwrap();
    assert_eq!(wrong.status(), 404);
    let created = server
        .post("/api/auth/setup", form(&token), None)
        .await
        .unwrap();
    assert_eq!(created.status(), 200);
    let cookie = created
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let me: Value = server
        .post("/api/auth/me", json!({}), Some(&cookie))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        me,
        json!({ "email": "ann@acme.example", "tenant_name": "Acme", "role": "Admin" })
    );
    // Used once: the same URL now leads nowhere.
    let reused = server
        .post("/api/auth/setup", form(&token), None)
        .await
        .unwrap();
    assert_eq!(reused.status(), 404);
    drop(server);

    // Once an admin exists, no setup URL is printed and none is accepted.
    let restarted = Server::start(data.path());
    let printed = restarted.ready().await;
    assert_eq!(setup_token(&printed), None, "{printed:?}");
    let again = restarted
        .post("/api/auth/setup", form(&token), None)
        .await
        .unwrap();
    assert_eq!(again.status(), 404);
}

#[tokio::test]
async fn scripted_installs_add_tenants_and_users_from_the_command_line() {
    let data = tempfile::tempdir().unwrap();
    let printed = succeeded(cli(
        data.path(),
        &["tenant", "add", "acme", "--name", "Acme"],
        "",
    ));
    assert!(printed.contains("Added tenant acme"), "{printed}");
    let add_admin = [
        "user",
        "add",
        "--tenant",
        "acme",
        "--email",
        "ann@acme.example",
        "--admin",
    ];
    succeeded(cli(data.path(), &add_admin, "a long passphrase\n"));

    // Refused with a reason: a short password, a taken address, an unknown tenant.
    let refused = |args: &[&str], stdin: &str, reason: &str| {
        let out = cli(data.path(), args, stdin);
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(reason), "{stderr}");
    };
    refused(&add_admin, "short\n", "12 to 256 characters");
    refused(&add_admin, "a long passphrase\n", "already exists");
    refused(
        &[
            "user",
            "add",
            "--tenant",
            "nope",
            "--email",
            "x@acme.example",
        ],
        "a long passphrase\n",
        "no such tenant",
    );

    // API tokens: created (printed once), listed, revoked; a bad scope is refused.
    let created = cli(
        data.path(),
        &[
            "token",
            "create",
            "--tenant",
            "acme",
            "--name",
            "Report scheduler",
            "--scope",
            "send-read",
        ],
        "",
    );
    let token = succeeded(created).trim().to_owned();
    assert!(token.starts_with("mw_") && token.len() > 40, "{token}");
    let spare = succeeded(cli(
        data.path(),
        &[
            "token",
            "create",
            "--tenant",
            "acme",
            "--name",
            "Spare",
            "--expires-in-days",
            "30",
        ],
        "",
    ));
    let listed = succeeded(cli(data.path(), &["token", "list", "--tenant", "acme"], ""));
    assert!(listed.contains("Report scheduler\tsend read"), "{listed}");
    assert!(listed.contains("Spare\tsend"), "{listed}");
    assert!(
        !listed.contains(&token) && !listed.contains(spare.trim()),
        "tokens are shown once"
    );
    let spare_id = listed
        .lines()
        .find(|l| l.contains("Spare"))
        .and_then(|l| l.split('\t').next())
        .unwrap()
        .to_owned();
    succeeded(cli(
        data.path(),
        &["token", "revoke", "--tenant", "acme", &spare_id],
        "",
    ));
    refused(
        &["token", "revoke", "--tenant", "acme", &spare_id],
        "",
        "no live token",
    );
    refused(
        &[
            "token", "create", "--tenant", "acme", "--name", "x", "--scope", "admin",
        ],
        "",
        "invalid value",
    );
    refused(
        &["token", "create", "--tenant", "nope", "--name", "x"],
        "",
        "no such tenant",
    );

    let server = Server::start(data.path());
    let printed = server.ready().await;
    assert_eq!(setup_token(&printed), None, "{printed:?}");
    let accepted = reqwest::Client::new()
        .post(format!("{}/api/v1/messages", server.base))
        .bearer_auth(&token)
        .json(&json!({ "to": ["ann@acme.example"], "subject": "Hello", "text": "Hi", "category": "other" }))
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), 202, "the CLI's token works");
    let revoked = reqwest::Client::new()
        .post(format!("{}/api/v1/messages", server.base))
        .bearer_auth(spare.trim())
        .json(&json!({ "to": ["ann@acme.example"], "subject": "Hello", "text": "Hi", "category": "other" }))
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 401, "a revoked token does not");
    let signed_in = server
        .post(
            "/api/auth/sign-in",
            json!({ "form": { "email": "ann@acme.example", "password": "a long passphrase" } }),
            None,
        )
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    // The password never reaches the database files in plain text.
    let mut files = 0;
    for entry in std::fs::read_dir(data.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(17).any(|w| w == b"a long passphrase"));
        files += 1;
    }
    if binary::database_env(data.path()).is_empty() {
        assert!(files >= 2, "the database and the key file");
    }
}

#[tokio::test]
async fn logs_can_be_one_json_object_per_line() {
    let data = tempfile::tempdir().unwrap();
    let server = Server::start_with(data.path(), &[("MAILWRIGHT_LOG_FORMAT", "json")]);
    let printed = server.ready().await;
    let logs: Vec<Value> = printed
        .iter()
        .filter(|line| line.starts_with('{'))
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let listening = logs
        .iter()
        .find(|log| {
            log["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("Mailwright listening"))
        })
        .unwrap_or_else(|| panic!("no listening log in {printed:?}"));
    assert_eq!(listening["level"], "INFO");
    assert!(listening["timestamp"].is_string());
    // The setup URL is for the operator's eyes, not a log record.
    assert!(setup_token(&printed).is_some());
    assert!(logs
        .iter()
        .all(|log| !log.to_string().contains("/setup?token=")));
}
