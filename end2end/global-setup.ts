// Starts the real SMTP test server (with the Microsoft identity platform + Graph stand-in and an
// XOAUTH2 listener) and the real `mailwright` binary on 127.0.0.1 for the run, and stops both
// afterwards. Tests find the servers' ports, URLs and fixtures in process.env.SMTP_INFO.
import { execFileSync, spawn, ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { ADMIN_STATE, PORT } from "./playwright.config";
import { ACCOUNTS, ACCOUNT_PASSWORD, LANGS, langAdmin, langMember, langTenant } from "./tests/accounts";

const root = path.resolve(__dirname, "..");

function startSmtpServer(dir: string): Promise<{ child: ChildProcess; info: any }> {
  const python = process.env.MAILWRIGHT_TEST_PYTHON ?? path.join(root, ".venv/bin/python");
  const child = spawn(python, [path.join(root, "scripts/smtp-test-server/smtp_test_server.py"), "--dir", dir, "--ms-stand-in"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`SMTP test server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once("line", (line) => resolve({ child, info: JSON.parse(line) }));
  });
}

async function waitForHttp(url: string, child: ChildProcess, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mailwright exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/** Adds the tenant and its users with the real CLI (the password goes through stdin). */
function addAccounts(binary: string, dataDir: string) {
  const run = (args: string[], input = "") =>
    execFileSync(binary, [...args, "--data-dir", dataDir], { input, stdio: ["pipe", "ignore", "inherit"] });
  run(["tenant", "add", "acme", "--name", "Acme"]);
  for (const [email, role] of Object.entries(ACCOUNTS)) {
    run(["user", "add", "--tenant", "acme", "--email", email, ...(role === "admin" ? ["--admin"] : [])], `${ACCOUNT_PASSWORD}\n`);
  }
  for (const lang of LANGS) {
    run(["tenant", "add", langTenant(lang), "--name", `Intl ${lang}`]);
    run(["user", "add", "--tenant", langTenant(lang), "--email", langAdmin(lang), "--admin"], `${ACCOUNT_PASSWORD}\n`);
    run(["user", "add", "--tenant", langTenant(lang), "--email", langMember(lang)], `${ACCOUNT_PASSWORD}\n`);
  }
}

/** Signs the admin in over HTTP and stores the session cookie for every test's browser. */
async function saveAdminSession(baseUrl: string) {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ form: { email: ACCOUNTS_ADMIN, password: ACCOUNT_PASSWORD } }),
  });
  if (response.status !== 200) throw new Error(`admin sign-in failed: ${response.status} ${await response.text()}`);
  const value = /mw_session=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")![1];
  mkdirSync(path.dirname(ADMIN_STATE), { recursive: true });
  const cookie = { name: "mw_session", value, domain: "127.0.0.1", path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" };
  writeFileSync(ADMIN_STATE, JSON.stringify({ cookies: [cookie], origins: [] }));
}

const ACCOUNTS_ADMIN = Object.keys(ACCOUNTS).find((email) => ACCOUNTS[email] === "admin")!;

export default async function globalSetup() {
  const work = mkdtempSync(path.join(tmpdir(), "mailwright-e2e-"));
  const smtp = await startSmtpServer(path.join(work, "smtp"));
  const binary = process.env.MAILWRIGHT_BIN ?? path.join(root, "target/debug/mailwright");
  // The server log is kept (at debug level) so a test can prove no secret is ever logged.
  const logFile = path.join(work, "server.log");
  const log = openSync(logFile, "a");
  addAccounts(binary, path.join(work, "data"));
  const server = spawn(binary, ["serve"], {
    cwd: root,
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      MAILWRIGHT_ADDR: `127.0.0.1:${PORT}`,
      MAILWRIGHT_DATA_DIR: path.join(work, "data"),
      MAILWRIGHT_SITE_ROOT: path.join(root, "target/site"),
      MAILWRIGHT_SMTP_CA_FILE: smtp.info.ca_file,
      MAILWRIGHT_MICROSOFT_LOGIN_URL: smtp.info.ms.base_url,
      MAILWRIGHT_MICROSOFT_GRAPH_URL: smtp.info.ms.base_url,
      MAILWRIGHT_LOG: "debug",
    },
  });
  await waitForHttp(`http://127.0.0.1:${PORT}/login`, server, 30);
  await saveAdminSession(`http://127.0.0.1:${PORT}`);

  process.env.SMTP_INFO = JSON.stringify(smtp.info);
  process.env.MAILWRIGHT_DATA_DIR = path.join(work, "data");
  process.env.MAILWRIGHT_SERVER_LOG = logFile;

  return async () => {
    server.kill("SIGTERM");
    smtp.child.stdin!.end();
    smtp.child.kill("SIGTERM");
    rmSync(work, { recursive: true, force: true });
  };
}
