//! The real thing to drive: the built binary's `serve` on a free port with a fresh session, and
//! headless chromium over the DevTools protocol (`headless_chrome`), a browser per test (a
//! second, separate browser within it is a new browser context).

use crate::helpers::{command, share_machine, Turn};
use headless_chrome::protocol::cdp::Input::{DispatchMouseEvent, DispatchMouseEventTypeOption};
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a page may take to show what a test waits for.
pub const WAIT: Duration = Duration::from_secs(15);

/// Chromium on this machine: `MOBILE_STOPS_CHROMIUM`, else the first of Debian's and other
/// usual names on the PATH that runs.
pub fn chromium() -> Option<PathBuf> {
    let named = std::env::var_os("MOBILE_STOPS_CHROMIUM").map(PathBuf::from);
    let usual = ["chromium", "chromium-browser", "google-chrome"].map(PathBuf::from);
    named.into_iter().chain(usual).find(|b| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// A headless chromium for one test. Not shared between tests: `headless_chrome` sends every
/// command over one WebSocket whose reader holds it up to 100 ms at a time, so tests sharing a
/// browser would wait on each other; a browser each starts in well under a second and lets the
/// tests run side by side.
pub fn browser() -> Option<Browser> {
    let path = chromium()?;
    let options = LaunchOptions::default_builder()
        .path(Some(path))
        .sandbox(false)
        .window_size(Some((1280, 860)))
        .idle_browser_timeout(Duration::from_secs(120))
        .args(vec![std::ffi::OsStr::new("--hide-scrollbars")])
        .build()
        .expect("launch options");
    Some(Browser::new(options).expect("headless chromium starts"))
}

/// Prints why a test did nothing: where chromium is missing, the browser tests pass as
/// SKIPPED (`.ci/run` installs Debian's chromium).
pub fn skipped(test: &str) {
    eprintln!("SKIPPED {test}: no chromium on this machine (.ci/run installs Debian's chromium)");
}

/// `mobile-stops serve` on a free port, with its session in a temporary folder; killed when
/// dropped.
pub struct Server {
    child: Child,
    /// The URL the server printed on its first line (with `?token=…` when it needs one).
    pub url: String,
    /// The session folder.
    pub dir: tempfile::TempDir,
    _turn: Turn,
}

impl Server {
    /// Starts the server with `extra` flags after `serve --port 0 --session DIR`.
    pub fn start(extra: &[&str]) -> Server {
        let turn = share_machine();
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("session");
        let log = std::fs::File::create(dir.path().join("stderr.txt")).unwrap();
        let mut child = command()
            .args(["serve", "--port", "0", "--session"])
            .arg(&session)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("the binary starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        // Keep reading, so the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        let url = first.trim().to_string();
        let server = Server {
            child,
            url,
            dir,
            _turn: turn,
        };
        assert!(
            server.url.starts_with("http://"),
            "serve printed its URL first, not {:?}; stderr: {}",
            server.url,
            server.stderr()
        );
        server
    }

    /// What the server wrote on stderr so far, for failure messages.
    pub fn stderr(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("stderr.txt")).unwrap_or_default()
    }

    /// The page's URL with `query` (`who=…`) added.
    pub fn page_url(&self, query: &str) -> String {
        let sep = if self.url.contains('?') { '&' } else { '?' };
        format!("{}{sep}{query}", self.url)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One tab showing the page.
pub struct Page {
    /// The tab.
    pub tab: Arc<Tab>,
}

impl Page {
    /// Opens the page of `server` in a new tab of `browser`, signing changes as `who`, and
    /// waits until it has drawn the state.
    pub fn open(tab: Arc<Tab>, server: &Server, who: &str) -> Page {
        tab.set_default_timeout(WAIT);
        tab.navigate_to(&server.page_url(&format!("who={who}")))
            .expect("the page opens");
        let page = Page { tab };
        page.wait_for(
            "the first state drawn",
            "document.body.dataset.version !== undefined",
        );
        page
    }

    /// The value of JavaScript expression `js`, through JSON.
    pub fn eval(&self, js: &str) -> Value {
        let wrapped = format!("JSON.stringify((() => {{ return ({js}); }})())");
        let r = self.tab.evaluate(&wrapped, false).expect("the script runs");
        match r.value {
            Some(Value::String(s)) => serde_json::from_str(&s).unwrap(),
            _ => Value::Null,
        }
    }

    /// The value of `js`, a promise, once settled.
    pub fn eval_async(&self, js: &str) -> Value {
        let wrapped = format!("(async () => JSON.stringify(await ({js})))()");
        let r = self.tab.evaluate(&wrapped, true).expect("the script runs");
        match r.value {
            Some(Value::String(s)) => serde_json::from_str(&s).unwrap(),
            other => panic!("{js}: {other:?}"),
        }
    }

    /// Waits until `js` is true, or fails naming `what`.
    pub fn wait_for(&self, what: &str, js: &str) -> Duration {
        let start = Instant::now();
        loop {
            if self.eval(&format!("!!({js})")) == Value::Bool(true) {
                return start.elapsed();
            }
            assert!(start.elapsed() < WAIT, "waited {WAIT:?} for {what}: {js}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The version the page last drew.
    pub fn version(&self) -> u64 {
        self.eval("Number(document.body.dataset.version)")
            .as_u64()
            .unwrap()
    }

    /// The centre of the first element matching `selector`, in CSS pixels.
    pub fn centre(&self, selector: &str) -> (f64, f64) {
        let sel = serde_json::to_string(selector).unwrap();
        let v = self.eval(&format!(
            "(() => {{ const r = document.querySelector({sel}).getBoundingClientRect(); \
             return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        ));
        (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
    }

    /// Clicks the first element matching `selector` (a real mouse click at its centre), after
    /// scrolling it into view.
    pub fn click(&self, selector: &str) {
        let sel = serde_json::to_string(selector).unwrap();
        self.eval(&format!(
            "document.querySelector({sel}).scrollIntoView({{block: 'center'}})"
        ));
        self.click_at(self.centre(selector));
    }

    /// A real mouse click at `(x, y)`, in CSS pixels.
    pub fn click_at(&self, (x, y): (f64, f64)) {
        self.mouse(DispatchMouseEventTypeOption::MouseMoved, x, y, 0);
        self.mouse(DispatchMouseEventTypeOption::MousePressed, x, y, 1);
        self.mouse(DispatchMouseEventTypeOption::MouseReleased, x, y, 0);
    }

    /// Presses the mouse at `from`, moves it in steps to `to` and releases it there.
    pub fn drag(&self, from: (f64, f64), to: (f64, f64)) {
        use DispatchMouseEventTypeOption::{MouseMoved, MousePressed, MouseReleased};
        self.mouse(MouseMoved, from.0, from.1, 0);
        self.mouse(MousePressed, from.0, from.1, 1);
        for k in 1..=8 {
            let f = f64::from(k) / 8.0;
            let (x, y) = (from.0 + (to.0 - from.0) * f, from.1 + (to.1 - from.1) * f);
            self.mouse(MouseMoved, x, y, 1);
        }
        self.mouse(MouseReleased, to.0, to.1, 0);
    }

    /// A finger pressed at `from`, moved in steps to `to` and lifted there.
    pub fn touch_drag(&self, from: (f64, f64), to: (f64, f64)) {
        use headless_chrome::protocol::cdp::Input::DispatchTouchEventTypeOption as T;
        use headless_chrome::protocol::cdp::Input::{DispatchTouchEvent, TouchPoint};
        let point = |(x, y): (f64, f64)| TouchPoint {
            x,
            y,
            radius_x: None,
            radius_y: None,
            rotation_angle: None,
            force: None,
            tangential_pressure: None,
            tilt_x: None,
            tilt_y: None,
            twist: None,
            id: Some(1.0),
        };
        let touch = |kind: T, points: Vec<TouchPoint>| {
            self.tab
                .call_method(DispatchTouchEvent {
                    Type: kind,
                    touch_points: points,
                    modifiers: None,
                    timestamp: None,
                })
                .expect("the touch is delivered");
        };
        touch(T::TouchStart, vec![point(from)]);
        for k in 1..=8 {
            let f = f64::from(k) / 8.0;
            let at = (from.0 + (to.0 - from.0) * f, from.1 + (to.1 - from.1) * f);
            touch(T::TouchMove, vec![point(at)]);
        }
        touch(T::TouchEnd, vec![]);
    }

    fn mouse(&self, kind: DispatchMouseEventTypeOption, x: f64, y: f64, buttons: u32) {
        let pressing = !matches!(kind, DispatchMouseEventTypeOption::MouseMoved) || buttons > 0;
        self.tab
            .call_method(DispatchMouseEvent {
                Type: kind,
                x,
                y,
                modifiers: None,
                timestamp: None,
                button: pressing
                    .then_some(headless_chrome::protocol::cdp::Input::MouseButton::Left),
                buttons: Some(buttons),
                click_count: pressing.then_some(1),
                force: None,
                tangential_pressure: None,
                tilt_x: None,
                tilt_y: None,
                twist: None,
                delta_x: None,
                delta_y: None,
                pointer_Type: None,
            })
            .expect("the mouse event is delivered");
    }

    /// Types `text` into the field matching `selector` (focused by a click first), as one
    /// input (what a keyboard or an input method commits).
    pub fn type_into(&self, selector: &str, text: &str) {
        self.click(selector);
        self.tab.send_character(text).expect("typing");
    }

    /// A screenshot of the window, checked not blank, written to `dir` as `name`.
    pub fn screenshot(&self, dir: &Path, name: &str) -> usize {
        let png = self
            .tab
            .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("a screenshot");
        std::fs::write(dir.join(name), &png).unwrap();
        let colours = distinct_colours(&png);
        assert!(
            colours >= 16,
            "{name}: the screenshot has {colours} colours, a blank page"
        );
        colours
    }
}

/// Distinct colours of a PNG's pixels.
pub fn distinct_colours(png_bytes: &[u8]) -> usize {
    let mut reader = png::Decoder::new(png_bytes).read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("its pixels");
    let px = info.color_type.samples();
    let mut seen: std::collections::HashSet<&[u8]> = std::collections::HashSet::new();
    for p in buf[..info.buffer_size()].chunks(px) {
        seen.insert(p);
    }
    seen.len()
}
