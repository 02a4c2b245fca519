//! Click to new map on the meeting page, measured in the browser: starts the built
//! `mobile-stops serve` on the embedded data, opens the page in headless chromium, toggles
//! candidates (free → excluded → free …, a real mouse click on the role buttons) N times, each
//! after the last was drawn, and prints p50/p95/max of `window.msLatency`: the page's own
//! record of milliseconds from the input event to after the redraw of the state answering it.
//! The target is p95 < 200 ms.
//!
//! `cargo bench --bench page_latency -- [N] [serve flags…]` (N = 60 by default; chromium from
//! `MOBILE_STOPS_CHROMIUM`, else `chromium` on the PATH).

use headless_chrome::protocol::cdp::Input::{DispatchMouseEvent, DispatchMouseEventTypeOption};
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn eval(tab: &Tab, js: &str) -> Value {
    let r = tab
        .evaluate(&format!("JSON.stringify(({js}))"), false)
        .expect("the script runs");
    match r.value {
        Some(Value::String(s)) => serde_json::from_str(&s).expect("JSON"),
        _ => Value::Null,
    }
}

fn wait(tab: &Tab, js: &str) {
    let start = Instant::now();
    while eval(tab, &format!("!!({js})")) != Value::Bool(true) {
        assert!(start.elapsed() < Duration::from_secs(30), "waited for {js}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn click(tab: &Tab, selector: &str) {
    let sel = serde_json::to_string(selector).unwrap();
    let p = eval(
        tab,
        &format!(
            "(() => {{ const e = document.querySelector({sel}); e.scrollIntoView({{block: 'center'}}); \
             const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        ),
    );
    let (x, y) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
    for (kind, buttons) in [
        (DispatchMouseEventTypeOption::MouseMoved, 0),
        (DispatchMouseEventTypeOption::MousePressed, 1),
        (DispatchMouseEventTypeOption::MouseReleased, 0),
    ] {
        let press = !matches!(kind, DispatchMouseEventTypeOption::MouseMoved);
        tab.call_method(DispatchMouseEvent {
            Type: kind,
            x,
            y,
            modifiers: None,
            timestamp: None,
            button: press.then_some(headless_chrome::protocol::cdp::Input::MouseButton::Left),
            buttons: Some(buttons),
            click_count: press.then_some(1),
            force: None,
            tangential_pressure: None,
            tilt_x: None,
            tilt_y: None,
            twist: None,
            delta_x: None,
            delta_y: None,
            pointer_Type: None,
        })
        .expect("the click is delivered");
    }
}

/// The value at quantile `q` (nearest rank) of sorted `v`.
fn quantile(v: &[f64], q: f64) -> f64 {
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(60);
    let flags: Vec<&str> = args.iter().skip(1).map(String::as_str).collect();
    let chromium = std::env::var("MOBILE_STOPS_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let session = tempfile::tempdir().unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_mobile-stops"))
        .args(["serve", "--port", "0", "--session"])
        .arg(session.path().join("s"))
        .args(&flags)
        .stdout(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let url = lines
        .next()
        .and_then(Result::ok)
        .expect("serve prints its URL");
    std::thread::spawn(move || lines.for_each(drop));

    let browser = Browser::new(
        LaunchOptions::default_builder()
            .path(Some(chromium.into()))
            .sandbox(false)
            .window_size(Some((1280, 860)))
            .build()
            .unwrap(),
    )
    .expect("headless chromium starts");
    let tab = browser.new_tab().unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    tab.navigate_to(&format!("{}{sep}who=bench", url.trim()))
        .unwrap();
    wait(&tab, "document.body.dataset.version !== undefined");
    let ids: Vec<String> = eval(&tab, "MS.state.candidates.map(c => c.id)")
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    for k in 0..n {
        let id = &ids[(k / 2) % ids.len()];
        let role = if k % 2 == 0 { "excluded" } else { "free" };
        click(
            &tab,
            &format!("#cand-rows tr[data-id='{id}'] button[data-role='{role}']"),
        );
        wait(&tab, &format!("window.msLatency.length === {}", k + 1));
    }
    let mut ms: Vec<f64> = eval(&tab, "window.msLatency")
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    ms.sort_by(f64::total_cmp);
    let solve: Vec<f64> = eval(&tab, "MS.state.answer.solve_ms")
        .as_f64()
        .into_iter()
        .collect();
    println!(
        "page latency, click to new map drawn, {n} toggles on {} candidates: p50 {:.0} ms, \
         p95 {:.0} ms, max {:.0} ms (last solve {:?} ms)",
        ids.len(),
        quantile(&ms, 0.5),
        quantile(&ms, 0.95),
        ms[ms.len() - 1],
        solve
    );
    let _ = server.kill();
    let _ = server.wait();
}
