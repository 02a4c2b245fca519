//! What leaves the page: user text shown as text, never run; the downloads.

use super::editing::add_on_map;
use super::harness::{browser, skipped, Page, Server, WAIT};
use headless_chrome::protocol::cdp::Browser::{
    SetDownloadBehavior, SetDownloadBehaviorBehaviorOption,
};
use std::path::Path;
use std::time::Instant;

const MARKUP: &str = "<img src=x onerror=alert(1)>";

/// No element came of the name, and nothing ran: no `<img>` anywhere, no alert.
fn assert_no_markup(page: &Page) {
    assert_eq!(
        page.eval("document.querySelectorAll('img, image').length"),
        0
    );
    assert_eq!(page.eval("window.alerted === true"), false);
}

#[test]
fn a_name_made_of_markup_is_shown_as_text() {
    let Some(browser) = browser() else {
        return skipped("a_name_made_of_markup_is_shown_as_text");
    };
    let server = Server::start(&[]);
    let page = Page::open(browser.new_tab().unwrap(), &server, "tablet-4");
    page.eval("(window.alert = () => { window.alerted = true; }, 0)");
    let (id, _) = add_on_map(&page, MARKUP, "<b>kind</b>", "2");
    let row = format!("#cand-rows tr[data-id='{id}']");
    assert_eq!(
        page.eval(&format!(
            "document.querySelector(\"{row} .link\").textContent"
        )),
        MARKUP
    );
    assert_eq!(
        page.eval(&format!(
            "document.querySelector(\"#map .cand[data-id='{id}'] title\").textContent"
        )),
        format!("{MARKUP} (<b>kind</b>)")
    );
    let what = page.eval("document.querySelector('#history li .what').textContent");
    assert!(what.as_str().unwrap().contains(MARKUP), "{what}");
    assert_no_markup(&page);
    let sub = page.eval(&format!(
        "document.querySelector(\"{row} .sub\").textContent"
    ));
    assert!(sub.as_str().unwrap().starts_with("<b>kind</b>"), "{sub}");
    assert_eq!(
        page.eval("document.querySelectorAll('#cand-rows b, #map b').length"),
        0
    );

    // Its "why not" card, and the page loaded afresh with the name in its state.
    page.click(&format!("{row} .link"));
    page.wait_for("the why card", &format!("document.getElementById('why').dataset.id === '{id}' && !document.getElementById('why').hidden"));
    assert_eq!(
        page.eval("document.querySelector('#why .why-name').textContent"),
        MARKUP
    );
    assert_no_markup(&page);
    let fresh = Page::open(browser.new_tab().unwrap(), &server, "projector");
    assert_eq!(
        fresh.eval(&format!(
            "document.querySelector(\"{row} .link\").textContent"
        )),
        MARKUP
    );
    assert_no_markup(&fresh);
}

/// Waits for the file `name` to be whole in `dir` (chromium writes `.crdownload` first).
fn downloaded(dir: &Path, name: &str) -> Vec<u8> {
    let start = Instant::now();
    let path = dir.join(name);
    loop {
        let partial = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".crdownload"));
        if path.exists() && !partial {
            return std::fs::read(&path).unwrap();
        }
        assert!(start.elapsed() < WAIT, "no {name} in {}", dir.display());
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn the_report_and_the_timetable_download_from_the_page() {
    let Some(browser) = browser() else {
        return skipped("the_report_and_the_timetable_download_from_the_page");
    };
    let server = Server::start(&["--depot", "hiejinja"]);
    let page = Page::open(browser.new_tab().unwrap(), &server, "secretary");
    let dir = server.dir.path().join("downloads");
    std::fs::create_dir_all(&dir).unwrap();
    page.tab
        .call_method(SetDownloadBehavior {
            behavior: SetDownloadBehaviorBehaviorOption::Allow,
            browser_context_id: None,
            download_path: Some(dir.display().to_string()),
            events_enabled: None,
        })
        .expect("downloads allowed");
    let s = page.eval("MS.state");
    let chosen: Vec<String> = s["answer"]["chosen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| {
            let c = s["candidates"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| &c["id"] == id);
            c.unwrap()["name"].as_str().unwrap().to_string()
        })
        .collect();

    page.click("#dl-report");
    let report = String::from_utf8(downloaded(&dir, "report.html")).unwrap();
    assert!(
        report.contains("<html") && report.contains("<svg"),
        "{:.300}",
        report
    );
    for name in &chosen {
        assert!(report.contains(name.as_str()), "the report names {name}");
    }

    page.click("#dl-timetable-ics");
    let ics = String::from_utf8(downloaded(&dir, "timetable.ics")).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{:.200}", ics);
    assert!(ics.trim_end().ends_with("END:VCALENDAR"));
    assert!(ics.contains("BEGIN:VEVENT"), "{:.600}", ics);
}

#[test]
fn on_the_rooms_network_the_page_carries_its_token_everywhere() {
    let Some(browser) = browser() else {
        return skipped("on_the_rooms_network_the_page_carries_its_token_everywhere");
    };
    let server = Server::start(&["--host", "0.0.0.0"]);
    assert!(server.url.contains("?token="), "{}", server.url);
    let token = server.url.split("token=").nth(1).unwrap().to_string();
    let page = Page::open(browser.new_tab().unwrap(), &server, "tablet-5");
    // Without the token the server refuses; the page got its state and its events with it.
    let bare = page.eval_async("fetch('/api/state').then(r => r.status)");
    assert_eq!(bare, 401);
    let v = page.version();
    let id = page.eval("MS.state.answer.chosen[0]");
    let id = id.as_str().unwrap();
    page.click(&format!(
        "#cand-rows tr[data-id='{id}'] button[data-role='excluded']"
    ));
    page.wait_for(
        "the change applied",
        &format!("MS.state.version === {}", v + 1),
    );
    // A change made behind the page's back reaches it only through its event stream.
    let body = format!(
        "{{base: {}, who: 'other', op: {{kind: 'set_role', id: '{id}', role: 'free'}}}}",
        v + 1
    );
    let status = page.eval_async(&format!(
        "fetch(MS.api.url('/api/op'), {{method: 'POST', headers: {{'Content-Type': \
         'application/json'}}, body: JSON.stringify({body})}}).then(r => r.status)"
    ));
    assert_eq!(status, 200);
    page.wait_for(
        "the event stream",
        &format!("MS.state.version === {}", v + 2),
    );
    assert_eq!(page.eval("document.getElementById('offline').hidden"), true);
    let fetched = page.eval("performance.getEntriesByType('resource').map(e => e.name)");
    let fetched = fetched.as_array().unwrap();
    for url in fetched
        .iter()
        .filter(|u| !u.as_str().unwrap().ends_with("/api/state"))
    {
        assert!(url.as_str().unwrap().contains(&token), "{url}");
    }
    let links = page.eval("[...document.querySelectorAll('#downloads a')].map(a => a.href)");
    for href in links.as_array().unwrap() {
        assert!(href.as_str().unwrap().contains(&token), "{href}");
    }
}
