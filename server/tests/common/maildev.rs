//! A real SMTP server for the tests: MailDev (npm, installed in `end2end/` by
//! `scripts/setup.sh`), one process per test on free ports, stopped when dropped. Its HTTP API
//! tells what arrived.

use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct MailDev {
    child: Child,
    pub smtp_port: u16,
    web_port: u16,
}

impl MailDev {
    pub async fn start() -> Self {
        let bin = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/node_modules/.bin/maildev");
        let (smtp_port, web_port) = (free_port(), free_port());
        let child = Command::new(bin)
            .args(["--ip", "127.0.0.1", "--silent", "--smtp"])
            .arg(smtp_port.to_string())
            .arg("--web")
            .arg(web_port.to_string())
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{bin}: {e} (scripts/setup.sh installs MailDev)"));
        let maildev = Self { child, smtp_port, web_port };
        let started = Instant::now();
        while maildev.get("/healthz").await.is_none() {
            assert!(started.elapsed() < Duration::from_secs(20), "MailDev did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        maildev
    }

    pub fn smtp_url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.smtp_port)
    }

    /// Every e-mail received so far, oldest first.
    pub async fn emails(&self) -> Vec<Value> {
        let body = self.get("/email").await.expect("MailDev answers");
        match serde_json::from_slice(&body).unwrap() {
            Value::Array(emails) => emails,
            other => panic!("MailDev /email: {other}"),
        }
    }

    /// Waits until `n` e-mails have arrived (MailDev stores a message just after accepting it).
    pub async fn wait_for(&self, n: usize) -> Vec<Value> {
        let started = Instant::now();
        loop {
            let emails = self.emails().await;
            if emails.len() >= n || started.elapsed() > Duration::from_secs(10) {
                return emails;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The attachment named `file_name`, as the sender named it.
    pub async fn attachment(&self, email: &Value, file_name: &str) -> Vec<u8> {
        let id = email["id"].as_str().unwrap();
        let attachments = email["attachments"].as_array().map(Vec::as_slice).unwrap_or_default();
        let stored = attachments
            .iter()
            .find(|a| a["fileName"] == file_name)
            .and_then(|a| a["generatedFileName"].as_str())
            .unwrap_or_else(|| panic!("no attachment {file_name}: {attachments:?}"));
        self.get(&format!("/email/{id}/attachment/{stored}")).await.expect("the attachment")
    }

    /// An HTTP/1.0 GET: answered without chunking, the connection closed after the body. A
    /// blocking call on loopback to another process: short enough for a test.
    async fn get(&self, path: &str) -> Option<Vec<u8>> {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.web_port)).ok()?;
        stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
        let request = format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
        stream.write_all(request.as_bytes()).ok()?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).ok()?;
        let split = response.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&response[..split]);
        head.starts_with("HTTP/1.1 200").then(|| response[split + 4..].to_vec())
    }
}

impl Drop for MailDev {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}
