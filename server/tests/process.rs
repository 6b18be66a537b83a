//! The `portico` process as an operator runs it: it serves, a service manager's SIGTERM stops
//! it cleanly (exit 0) instead of killing it mid-request, and the demo commands do not wipe a
//! database with real customers in it.

#![cfg(unix)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills the server when the test ends, whether it passed or not.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

fn healthy(addr: &str) -> bool {
    let Ok(mut stream) = TcpStream::connect(addr) else { return false };
    let request = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let mut answer = String::new();
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_to_string(&mut answer).is_ok()
        && answer.starts_with("HTTP/1.1 200")
}

fn wait_for_exit(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().expect("process status") {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let dir = std::env::temp_dir().join(format!("portico-process-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let addr = format!("127.0.0.1:{}", free_port());
    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_portico"))
            .arg("serve")
            // The binary reads the site settings from the workspace's Cargo.toml.
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .env("DATABASE_URL", format!("sqlite://{}/portico.db?mode=rwc", dir.display()))
            .env("PORTICO_LISTEN", &addr)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("start portico"),
    );
    let server = &mut server.0;

    let start = Instant::now();
    while !healthy(&addr) {
        if let Some(status) = server.try_wait().expect("process status") {
            panic!("portico exited before serving: {status}");
        }
        assert!(start.elapsed() < Duration::from_secs(30), "portico did not start in 30 s");
        std::thread::sleep(Duration::from_millis(100));
    }

    let sent = Command::new("kill").args(["-TERM", &server.id().to_string()]).status();
    assert!(sent.is_ok_and(|s| s.success()), "could not send SIGTERM");
    let status = wait_for_exit(server, Duration::from_secs(10));
    let _ = std::fs::remove_dir_all(&dir);
    let status = status.expect("portico still running 10 s after SIGTERM");
    assert!(status.success(), "portico ended with {status} on SIGTERM");
}

/// `portico` with `DATABASE_URL` set to `db`, from the workspace root; returns its exit
/// status and what it logged.
fn portico(db: &str, args: &[&str]) -> (std::process::ExitStatus, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_portico"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .env("DATABASE_URL", db)
        .env("RUST_LOG", "info")
        .output()
        .expect("run portico");
    let log =
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status, log)
}

#[test]
fn loading_the_demo_refuses_a_database_with_real_customers_unless_forced() {
    let dir = std::env::temp_dir().join(format!("portico-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("portico.db");
    let db = format!("sqlite://{}?mode=rwc", file.display());

    // A fresh database, and one that holds only the demo, are fair game.
    assert!(portico(&db, &["seed-demo"]).0.success());
    assert!(portico(&db, &["seed-demo"]).0.success());

    // A real customer signs up; reloading the demo would delete them.
    let sqlite = |sql: &str| {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.block_on(async {
            let conn = app::server::db::connect(&db).await.expect("connect");
            let backend = sea_orm::ConnectionTrait::get_database_backend(&conn);
            let row = sea_orm::ConnectionTrait::query_one_raw(
                &conn,
                sea_orm::Statement::from_string(backend, sql.to_owned()),
            )
            .await
            .expect("query");
            row.map(|r| r.try_get_by_index::<i64>(0).expect("a number"))
        })
    };
    sqlite(
        "INSERT INTO customers (kind, name, email, password_hash, country, language, currency, \
         balance_minor, auto_renew, is_staff, created_at) VALUES ('person', 'Real Person', \
         'real@example.com', '-', 'HU', 'hu', 'HUF', 0, false, false, '2026-11-30T08:00:00Z')",
    );
    let real = "SELECT COUNT(*) FROM customers WHERE email = 'real@example.com'";
    for command in ["seed-demo", "demo"] {
        let (status, log) = portico(&db, &[command]);
        assert!(!status.success(), "{command} wiped a database with a real customer");
        assert!(log.contains("--force"), "{command} says how to go on: {log}");
        assert_eq!(sqlite(real), Some(1), "{command} left the customer alone");
    }

    let (status, log) = portico(&db, &["seed-demo", "--force"]);
    assert!(status.success(), "{log}");
    assert_eq!(sqlite(real), Some(0), "forced: the database holds the demo only");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Starts `portico demo` listening on `listen`, signs the demo customer in over real HTTP at
/// `connect`, and returns the `Set-Cookie` lines of the answer.
fn sign_in_cookies(listen: &str, connect: &str) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!(
        "portico-cookies-{}-{}",
        std::process::id(),
        connect.replace(':', "_")
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_portico"))
            .arg("demo")
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .env("DATABASE_URL", format!("sqlite://{}/portico.db?mode=rwc", dir.display()))
            .env("PORTICO_LISTEN", listen)
            .env_remove("PORTICO_SECURE_COOKIES")
            .env_remove("PORTICO_PUBLIC_URL")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("start portico"),
    );
    let start = Instant::now();
    while !healthy(connect) {
        if let Some(status) = server.0.try_wait().expect("process status") {
            panic!("portico exited before serving: {status}");
        }
        assert!(start.elapsed() < Duration::from_secs(60), "portico did not start in 60 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    let body = "email=demo%40portico.test&password=portico-demo";
    let request = format!(
        "POST /api/login HTTP/1.1\r\nHost: {connect}\r\nAccept: text/html\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(connect).expect("connect");
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
    let head = answer.split("\r\n\r\n").next().unwrap_or("");
    assert!(head.starts_with("HTTP/1.1 302"), "sign-in answered {head}");
    head.lines()
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("set-cookie").then(|| value.trim().to_owned())
        })
        .collect()
}

#[test]
fn listening_beyond_loopback_makes_the_session_cookie_secure_and_host_prefixed() {
    let port = free_port();
    let cookies = sign_in_cookies(&format!("0.0.0.0:{port}"), &format!("127.0.0.1:{port}"));
    let session = cookies.iter().find(|c| c.contains("portico_session=")).expect("session cookie");
    assert!(session.starts_with("__Host-portico_session="), "{session}");
    assert!(session.contains("; Path=/;") && session.ends_with("; Secure"), "{session}");
}

#[test]
fn listening_on_loopback_keeps_the_plain_cookie_name_without_secure() {
    let addr = format!("127.0.0.1:{}", free_port());
    let cookies = sign_in_cookies(&addr, &addr);
    let session = cookies.iter().find(|c| c.contains("portico_session=")).expect("session cookie");
    assert!(session.starts_with("portico_session="), "{session}");
    assert!(!session.contains("Secure"), "{session}");
}

/// The word that follows `marker` in a log.
fn log_word_after(log: &str, marker: &str) -> String {
    let (_, rest) = log.split_once(marker).unwrap_or_else(|| panic!("{marker:?} in {log}"));
    rest.split_whitespace().next().unwrap_or_default().to_owned()
}

/// `portico record-transfer REFERENCE AMOUNT`: the operator's way to say a bank transfer has
/// arrived. A wrong amount is refused with the reason and changes nothing; the right one pays
/// the proforma and names the final invoice. Then `portico credit-note` refunds that invoice.
#[test]
fn a_bank_transfer_is_recorded_and_credited_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("portico-transfer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = format!("sqlite://{}?mode=rwc", dir.join("portico.db").display());
    assert!(portico(&db, &["seed-demo"]).0.success());
    // The Polish customer's proforma of 12,50 zł.
    let (number, status) = {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.block_on(async {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let conn = app::server::db::connect(&db).await.expect("connect");
            let row = app::server::entities::invoices::Entity::find()
                .filter(app::server::entities::invoices::Column::TotalMinor.eq(1250))
                .one(&conn)
                .await
                .expect("query")
                .expect("the proforma of 12,50 zł");
            (row.number, row.status)
        })
    };
    assert_eq!(status, app::model::InvoiceStatus::Unpaid);

    let (refused, log) = portico(&db, &["record-transfer", &number, "12"]);
    assert!(!refused.success());
    assert!(log.contains("record the exact amount"), "{log}");
    let (recorded, log_of_transfer) = portico(&db, &["record-transfer", &number, "12,50"]);
    assert!(recorded.success(), "{log_of_transfer}");
    assert!(
        log_of_transfer.contains(&format!("{number} is paid; final invoice VRS")),
        "{log_of_transfer}"
    );
    let (again, log) = portico(&db, &["record-transfer", &number, "12.50"]);
    assert!(!again.success() && log.contains("cannot be paid"), "{log}");

    // `portico credit-note INVOICE REASON`: the refund of that invoice, once.
    let invoice = log_word_after(&log_of_transfer, "final invoice ");
    let (credited, log) = portico(&db, &["credit-note", &invoice, "ordered", "by", "mistake"]);
    assert!(credited.success(), "{log}");
    assert!(log.contains(&format!("STO26-00001 credits {invoice}; 12.50 PLN added")), "{log}");
    let (twice, log) = portico(&db, &["credit-note", &invoice, "again"]);
    assert!(!twice.success(), "{log}");
    assert!(log.contains("has already been credited by STO26-00001"), "{log}");
    let (reasonless, log) = portico(&db, &["credit-note", &invoice]);
    assert!(!reasonless.success() && log.contains("a reason is needed"), "{log}");
    let _ = std::fs::remove_dir_all(&dir);
}
