//! A real browser for the page's tests: headless Chromium driven over
//! WebDriver by `chromedriver` (Debian's `chromium` and `chromium-driver`).
//!
//! WebDriver is JSON over HTTP on a local port; the few requests the tests
//! make are written here over a plain TCP stream, one connection each.

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::tool;

/// The key WebDriver names an element by.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A browser session, closed (and chromedriver stopped) when dropped.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
}

impl Browser {
    /// Starts Chromium, or returns `None` (saying so, or failing under CI)
    /// when `chromium` or `chromedriver` is not installed.
    pub fn start() -> Option<Browser> {
        if !tool::has("chromium") || !tool::has("chromedriver") {
            return None;
        }
        let mut browser = None;
        // Another test may take the port between our choosing it and
        // chromedriver listening on it: then that chromedriver ends, and
        // another port is tried.
        for _ in 0..5 {
            let port = free_port();
            let driver = Command::new("chromedriver")
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver starts");
            let mut started = Browser {
                driver,
                port,
                session: String::new(),
            };
            if started.ready() {
                browser = Some(started);
                break;
            }
        }
        let mut browser = browser.expect("chromedriver listens on a port of its own");
        let created = browser.call(
            "POST",
            "/session",
            Some(json!({"capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {"args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--window-size=1600,1000",
                ]},
            }}})),
        );
        browser.session = created["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        Some(browser)
    }

    /// Whether this chromedriver answers on its port (and is not another
    /// test's, its own having ended).
    fn ready(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if !matches!(self.driver.try_wait(), Ok(None)) {
                return false;
            }
            if let Ok(status) = request(self.port, "GET", "/status", None)
                && status["value"]["ready"] == true
            {
                // Still ours: it did not end for want of the port.
                std::thread::sleep(Duration::from_millis(50));
                return matches!(self.driver.try_wait(), Ok(None));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("chromedriver did not start");
    }

    /// A WebDriver command; panics on a WebDriver error.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let reply = request(self.port, method, path, body.as_ref())
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let value = reply["value"].clone();
        assert!(
            value.get("error").is_none(),
            "{method} {path}: {}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
        value
    }

    fn session_call(&self, method: &str, path: &str, body: Value) -> Value {
        let path = format!("/session/{}{path}", self.session);
        let body = (method == "POST").then_some(body);
        self.call(method, &path, body)
    }

    /// Opens the file at `path`.
    pub fn open(&self, path: &Path) {
        let url = format!("file://{}", path.display());
        self.session_call("POST", "/url", json!({ "url": url }));
    }

    /// The result of running `script` in the page (a function body: it
    /// `return`s its value).
    pub fn script(&self, script: &str) -> Value {
        self.session_call(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": [] }),
        )
    }

    /// The first element `css` selects.
    pub fn find(&self, css: &str) -> String {
        let found = self.session_call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        found[ELEMENT].as_str().expect("an element").to_string()
    }

    /// Clicks the middle of the element `css` selects, as a user would:
    /// WebDriver refuses when something else covers that point.
    pub fn click(&self, css: &str) {
        let element = self.find(css);
        self.session_call("POST", &format!("/element/{element}/click"), json!({}));
    }

    /// Clicks `dy` pixels below the top of the element `css` selects, in
    /// its middle across: the title of a card that holds rows.
    pub fn click_near_top(&self, css: &str, dy: f64) {
        let element = self.find(css);
        let rect = self.session_call("GET", &format!("/element/{element}/rect"), Value::Null);
        let height = rect["height"].as_f64().unwrap_or(0.0);
        let y = (dy - height / 2.0).round() as i64;
        let origin = json!({ ELEMENT: element });
        self.session_call(
            "POST",
            "/actions",
            json!({"actions": [{"type": "pointer", "id": "mouse",
            "parameters": {"pointerType": "mouse"},
            "actions": [
                {"type": "pointerMove", "origin": origin, "x": 0, "y": y},
                {"type": "pointerDown", "button": 0},
                {"type": "pointerUp", "button": 0},
            ]}]}),
        );
    }

    /// Types `text` into the element `css` selects (`\u{E007}` is Enter).
    pub fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css);
        self.session_call(
            "POST",
            &format!("/element/{element}/value"),
            json!({ "text": text }),
        );
    }

    /// Presses and releases `key` (`\u{E00C}` is Escape) wherever the
    /// focus is.
    pub fn press(&self, key: &str) {
        self.session_call(
            "POST",
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
                {"type": "keyDown", "value": key},
                {"type": "keyUp", "value": key},
            ]}]}),
        );
    }

    /// A PNG of the window.
    pub fn screenshot(&self) -> Vec<u8> {
        let shot = self.session_call("GET", "/screenshot", Value::Null);
        base64_decode(shot.as_str().expect("a screenshot"))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            let _ = request(self.port, "DELETE", &path, None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    listener.local_addr().expect("its address").port()
}

/// One HTTP request to chromedriver, and the JSON it answers.
fn request(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body.as_bytes()))
        .map_err(|e| e.to_string())?;
    let (head, body) = read_reply(&mut stream)?;
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        unchunk(&body)
    } else {
        body
    };
    serde_json::from_str(&body).map_err(|e| format!("{e}: {body}"))
}

/// Reads a reply's head, then its body: as long as its `Content-Length`
/// says, or up to the last chunk, or to the end of the stream.
fn read_reply(stream: &mut TcpStream) -> Result<(String, String), String> {
    let mut reply = Vec::new();
    let mut buf = [0; 1 << 16];
    loop {
        let n = match stream.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.to_string()),
        };
        reply.extend_from_slice(buf.get(..n).unwrap_or_default());
        let text = String::from_utf8_lossy(&reply);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let lower = head.to_ascii_lowercase();
            let length = lower
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|l| l.trim().parse::<usize>().ok());
            let done = match length {
                Some(length) => body.len() >= length,
                None => lower.contains("chunked") && body.ends_with("0\r\n\r\n"),
            };
            if done || n == 0 {
                return Ok((head.to_string(), body.to_string()));
            }
        } else if n == 0 {
            return Err("no HTTP reply".into());
        }
    }
}

/// The body of a chunked HTTP reply.
fn unchunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.push_str(rest.get(..size).unwrap_or(rest));
        body = rest.get(size + 2..).unwrap_or_default();
    }
    out
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .expect("base64")
}
