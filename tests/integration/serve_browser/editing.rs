//! Changing the answer from the page: the map, the figures and a second browser follow.

use super::harness::{browser, skipped, Page, Server};
use serde_json::Value;
use std::time::Duration;

/// The page's state as the page holds it.
fn state(page: &Page) -> Value {
    page.eval("MS.state")
}

/// The first chosen stop of `s`.
fn first_chosen(s: &Value) -> String {
    s["answer"]["chosen"][0]
        .as_str()
        .expect("the answer chooses a stop")
        .to_string()
}

fn candidate<'a>(s: &'a Value, id: &str) -> &'a Value {
    let all = s["candidates"].as_array().unwrap();
    all.iter().find(|c| c["id"] == id).expect("the candidate")
}

#[test]
fn the_page_draws_the_map_the_figures_and_the_status() {
    let Some(browser) = browser() else {
        return skipped("the_page_draws_the_map_the_figures_and_the_status");
    };
    let server = Server::start(&[]);
    let page = Page::open(browser.new_tab().unwrap(), &server, "projector");
    let s = state(&page);
    let count = |sel: &str| page.eval(&format!("document.querySelectorAll('{sel}').length"));
    let n = |v: &Value| v.as_array().map_or(0, Vec::len);
    assert!(n(&s["cells"]) > 0);
    assert_eq!(count("#map .cell"), n(&s["cells"]));
    assert_eq!(count("#map .cand"), n(&s["candidates"]));
    assert_eq!(count("#map .reach"), n(&s["answer"]["chosen"]));
    assert_eq!(count("#cand-rows tr"), n(&s["candidates"]));
    // Pockets: unreached cells only, and some of them (the most aged 65+).
    let pockets =
        page.eval("[...document.querySelectorAll('#map .pocket')].map(e => Number(e.dataset.i))");
    let uncovered = s["answer"]["uncovered"].as_array().unwrap();
    for i in pockets.as_array().unwrap() {
        assert!(
            uncovered.contains(i),
            "cell {i} outlined as a pocket is reached"
        );
        assert_eq!(s["cells"][i.as_u64().unwrap() as usize]["reached"], false);
    }
    assert!(!uncovered.is_empty() && !pockets.as_array().unwrap().is_empty());
    // Japanese by default; the status and the reach shown as the state says.
    assert_eq!(page.eval("document.documentElement.lang"), "ja");
    assert_eq!(page.eval("document.title"), "移動販売 停留所の検討");
    let status = s["answer"]["status"].as_str().unwrap();
    assert_eq!(
        page.eval("document.getElementById('status').dataset.status"),
        status
    );
    assert_ne!(
        page.eval("document.getElementById('status').textContent"),
        ""
    );
    let shown = page.eval("document.getElementById('reach-people').textContent");
    let people = s["answer"]["reach"]["population"].as_f64().unwrap();
    let digits: String = shown
        .as_str()
        .unwrap()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    assert_eq!(digits, format!("{}", people.round()), "{shown}");
    // The legend's classes and the scale bar.
    assert!(count("#legend .leg-row").as_u64().unwrap() >= 6);
    assert!(
        page.eval("Number(document.getElementById('scale').dataset.metres)")
            .as_f64()
            .unwrap()
            > 0.0
    );
    // Nothing was fetched from anywhere but the server.
    let fetched = page.eval("performance.getEntriesByType('resource').map(e => e.name)");
    let fetched = fetched.as_array().unwrap();
    assert!(fetched
        .iter()
        .any(|u| u.as_str().unwrap().contains("/api/state")));
    for url in fetched {
        assert!(url.as_str().unwrap().starts_with(&server.url), "{url}");
    }
    page.screenshot(server.dir.path(), "loaded.png");
}

#[test]
fn excluding_a_stop_redraws_the_map_and_the_figures_and_another_browser_follows() {
    let Some(browser) = browser() else {
        return skipped(
            "excluding_a_stop_redraws_the_map_and_the_figures_and_another_browser_follows",
        );
    };
    let server = Server::start(&[]);
    let a = Page::open(browser.new_tab().unwrap(), &server, "projector");
    let other = browser.new_context().unwrap();
    let b = Page::open(other.new_tab().unwrap(), &server, "tablet-2");
    let before = state(&a);
    let id = first_chosen(&before);
    let name = candidate(&before, &id)["name"]
        .as_str()
        .unwrap()
        .to_string();
    let v = a.version();
    let reach_text = "document.getElementById('reach-people').textContent";
    let shown_before = a.eval(reach_text);

    a.click(&format!(
        "#cand-rows tr[data-id='{id}'] button[data-role='excluded']"
    ));
    let marker = format!("document.querySelector(\"#map .cand[data-id='{id}']\").dataset");
    a.wait_for(
        "the stop shown excluded and dropped",
        &format!("{marker}.role === 'excluded' && {marker}.chosen === '0'"),
    );
    let after = state(&a);
    assert_eq!(after["version"], v + 1);
    assert!(!after["answer"]["chosen"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == &id));
    assert_ne!(
        a.eval(reach_text),
        shown_before,
        "the people reached changed"
    );
    let dropped = a.eval("document.querySelector('#changed .stops-list.minus .v').textContent");
    assert!(dropped.as_str().unwrap().contains(&name), "{dropped}");
    assert_eq!(
        a.eval("document.querySelectorAll('#map .reach').length"),
        after["answer"]["chosen"].as_array().unwrap().len()
    );

    // The other browser follows within a second of the answer being drawn here.
    let waited = b.wait_for(
        "the second browser on the new version",
        &format!("Number(document.body.dataset.version) === {}", v + 1),
    );
    assert!(waited < Duration::from_secs(1), "took {waited:?}");
    assert_eq!(b.eval(&format!("{marker}.role")), "excluded");
    assert_eq!(b.eval(reach_text), a.eval(reach_text));
    let history = b.eval("document.querySelector('#history li .who').textContent");
    assert_eq!(history, "projector");

    // The change's latency was measured, click to drawn.
    let ms = a.eval("window.msLatency");
    let ms = ms.as_array().unwrap();
    assert_eq!(ms.len(), 1);
    assert!(ms[0].as_f64().unwrap() > 0.0);
    a.screenshot(server.dir.path(), "excluded.png");
    b.screenshot(server.dir.path(), "excluded-b.png");
}

#[test]
fn dragging_a_stop_moves_what_it_reaches() {
    let Some(browser) = browser() else {
        return skipped("dragging_a_stop_moves_what_it_reaches");
    };
    let server = Server::start(&[]);
    let page = Page::open(browser.new_tab().unwrap(), &server, "tablet-1");
    let s = state(&page);
    let chosen = s["answer"]["chosen"].as_array().unwrap();
    // With the mouse, then another stop with a finger (the same pointer events).
    drag_and_check(&page, chosen[0].as_str().unwrap(), (90.0, 70.0), false);
    drag_and_check(&page, chosen[1].as_str().unwrap(), (-80.0, 60.0), true);
}

/// Drags stop `id` by `by` pixels and checks it moved there and reaches other cells.
fn drag_and_check(page: &Page, id: &str, by: (f64, f64), finger: bool) {
    let before = state(page);
    let reach_before = before["answer"]["reaches"][id].clone();
    let v = page.version();
    let dot = format!("#map .cand[data-id='{id}'] .dot");
    let from = page.centre(&dot);
    let to = (from.0 + by.0, from.1 + by.1);
    let expected = page.eval(&format!("MS.map.latlonAt({}, {})", to.0, to.1));
    if finger {
        page.touch_drag(from, to);
    } else {
        page.drag(from, to);
    }
    page.wait_for(
        "the move applied",
        &format!("MS.state.version === {}", v + 1),
    );
    let after = state(page);
    let c = candidate(&after, id);
    assert_eq!(c["moved"], true);
    assert!((c["lat"].as_f64().unwrap() - expected[0].as_f64().unwrap()).abs() < 1e-4);
    assert!((c["lon"].as_f64().unwrap() - expected[1].as_f64().unwrap()).abs() < 1e-4);
    let reach_after = after["answer"]["reaches"]
        .get(id)
        .cloned()
        .unwrap_or(Value::Array(vec![]));
    assert_ne!(reach_after, reach_before, "what {id} reaches changed");
    // The marker sits where it was dropped, and its circle (if still chosen) around it.
    let now = page.centre(&dot);
    let near = |p: (f64, f64)| (p.0 - to.0).abs() < 3.0 && (p.1 - to.1).abs() < 3.0;
    assert!(near(now), "{now:?}");
    if !reach_after.as_array().unwrap().is_empty() {
        assert!(near(page.centre(&format!("#map .reach[data-id='{id}']"))));
    }
}

/// A point of the map with nothing on it (no marker, no legend), in CSS pixels.
fn empty_spot(page: &Page) -> (f64, f64) {
    let v = page.eval(
        "(() => { const r = document.getElementById('map').getBoundingClientRect();
          for (let fy = 0.35; fy < 0.8; fy += 0.05) for (let fx = 0.35; fx < 0.8; fx += 0.05) {
            const x = r.left + r.width * fx, y = r.top + r.height * fy;
            const ok = [[0,0],[25,0],[-25,0],[0,25],[0,-25]].every(([dx, dy]) => {
              const e = document.elementFromPoint(x + dx, y + dy);
              return e && e.closest('#map') && !e.closest('.cand'); });
            if (ok) return [x, y]; }
          return null; })()",
    );
    (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
}

/// Adds a candidate through the map's form at an empty spot; its id once the page shows it.
pub fn add_on_map(page: &Page, name: &str, kind: &str, slots: &str) -> (String, Value) {
    let n = page.eval("MS.state.candidates.length").as_u64().unwrap();
    let at = empty_spot(page);
    let expected = page.eval(&format!("MS.map.latlonAt({}, {})", at.0, at.1));
    page.click_at(at);
    page.wait_for(
        "the form to add a candidate",
        "!document.getElementById('add').hidden",
    );
    page.type_into("#add-name", name);
    page.type_into("#add-kind", kind);
    page.type_into("#add-slots", slots);
    page.click("#add-submit");
    page.wait_for(
        "the candidate added",
        &format!("MS.state.candidates.length === {}", n + 1),
    );
    page.wait_for("the form closed", "document.getElementById('add').hidden");
    let s = state(page);
    let c = s["candidates"].as_array().unwrap().last().unwrap();
    (c["id"].as_str().unwrap().to_string(), expected)
}

#[test]
fn a_candidate_added_on_the_map_carries_its_vehicle_slots() {
    let Some(browser) = browser() else {
        return skipped("a_candidate_added_on_the_map_carries_its_vehicle_slots");
    };
    let server = Server::start(&[]);
    let page = Page::open(browser.new_tab().unwrap(), &server, "tablet-3");
    let (id, at) = add_on_map(&page, "集会所の駐車場", "car_park", "3");
    assert_eq!(id, "new-1");
    let s = state(&page);
    let c = candidate(&s, &id);
    assert_eq!(c["name"], "集会所の駐車場");
    assert_eq!(c["kind"], "car_park");
    assert_eq!(c["vehicle_slots"], 3);
    assert_eq!(c["added"], true);
    assert!((c["lat"].as_f64().unwrap() - at[0].as_f64().unwrap()).abs() < 1e-4);
    assert!((c["lon"].as_f64().unwrap() - at[1].as_f64().unwrap()).abs() < 1e-4);
    let row = format!("#cand-rows tr[data-id='{id}']");
    assert_eq!(
        page.eval(&format!(
            "document.querySelector(\"{row} input.slots\").value"
        )),
        "3"
    );
    assert_eq!(
        page.eval(&format!(
            "document.querySelectorAll(\"#map .cand[data-id='{id}']\").length"
        )),
        1
    );

    // Its slots corrected in its row.
    let v = page.version();
    page.click(&format!("{row} input.slots"));
    page.eval(&format!(
        "document.querySelector(\"{row} input.slots\").select()"
    ));
    page.tab.type_str("1").unwrap();
    page.tab.press_key("Enter").unwrap();
    page.wait_for(
        "the slots changed",
        &format!("MS.state.version === {}", v + 1),
    );
    assert_eq!(candidate(&state(&page), &id)["vehicle_slots"], 1);
    assert_eq!(
        page.eval(&format!(
            "document.querySelector(\"{row} input.slots\").value"
        )),
        "1"
    );
}
