//! The meeting's own tools on the page: why (not) a stop, the agreed set named and compared
//! with, and the history's undo.

use super::harness::{browser, skipped, Page, Server};

#[test]
fn why_a_stop_then_the_named_set_and_an_undo() {
    let Some(browser) = browser() else {
        return skipped("why_a_stop_then_the_named_set_and_an_undo");
    };
    let server = Server::start(&[]);
    let page = Page::open(browser.new_tab().unwrap(), &server, "chair");
    let s = page.eval("MS.state");
    let id = s["answer"]["chosen"][0].as_str().unwrap().to_string();

    // A tap on a chosen stop's marker: why this stop, with the cells only it reaches outlined.
    page.click(&format!("#map .cand[data-id='{id}'] .dot"));
    page.wait_for(
        "why this stop",
        &format!("document.getElementById('why').dataset.id === '{id}'"),
    );
    assert_eq!(
        page.eval("document.getElementById('why').dataset.chosen"),
        "1"
    );
    assert_eq!(
        page.eval("document.getElementById('why-title').textContent"),
        "この停留所を選ぶ理由"
    );
    let only = page.eval_async(&format!(
        "fetch(MS.api.url('/api/why/{id}')).then(r => r.json())"
    ));
    let cells = only["only_it"]["cells"].as_array().unwrap().len();
    assert_eq!(
        page.eval("document.querySelectorAll('#map .layer-why rect').length"),
        cells
    );
    page.click("#why-close");
    assert_eq!(page.eval("document.getElementById('why').hidden"), true);

    // Name the set and compare with it (a select, chosen as a person would: value, then
    // change), then exclude one of its stops: the change is measured against the set.
    page.type_into("#set-name", "協議会の案");
    page.click("#name-form button[type=submit]");
    page.wait_for("the set named", "MS.state.named_sets.length === 1");
    page.eval(
        "(() => { const c = document.getElementById('compare'); c.value = '協議会の案'; \
         c.dispatchEvent(new Event('change')); return 0; })()",
    );
    page.wait_for(
        "compared with the set",
        "MS.state.compare_with === '協議会の案'",
    );
    page.click(&format!(
        "#cand-rows tr[data-id='{id}'] button[data-role='excluded']"
    ));
    page.wait_for(
        "the stop excluded",
        &format!(
            "document.querySelector(\"#cand-rows tr[data-id='{id}']\").dataset.role === 'excluded'"
        ),
    );
    let heads = page.eval("[...document.querySelectorAll('#changed h3')].map(h => h.textContent)");
    assert_eq!(heads[1], "「協議会の案」と比べて");
    let dropped =
        page.eval("document.querySelectorAll('#changed .stops-list.minus .v')[1].textContent");
    let name = s["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id.as_str())
        .unwrap()["name"]
        .clone();
    assert!(
        dropped.as_str().unwrap().contains(name.as_str().unwrap()),
        "{dropped}"
    );

    // Undo the exclusion from the history: the stop is free and chosen again.
    let v = page.eval("MS.state.history.find(h => h.op.kind === 'set_role').version");
    page.click(&format!("#history li[data-version='{v}'] button.undo"));
    page.wait_for(
        "the exclusion undone",
        &format!(
            "document.querySelector(\"#cand-rows tr[data-id='{id}']\").dataset.role === 'free'"
        ),
    );
    assert_eq!(
        page.eval(&format!(
            "document.querySelector(\"#history li[data-version='{v}']\").className"
        )),
        "undone"
    );
    assert_eq!(
        page.eval(&format!("MS.state.answer.chosen.includes('{id}')")),
        true
    );
}

#[test]
fn with_streets_each_stop_is_joined_to_what_it_reaches() {
    let Some(browser) = browser() else {
        return skipped("with_streets_each_stop_is_joined_to_what_it_reaches");
    };
    let osm = crate::helpers::shared_root("data-sources/osm-nerima-tokyo/nerima.osm");
    let osm = osm.display().to_string();
    let flags = ["--data", "examples/network", "--network", &osm, "--p", "2"];
    let server = Server::start(&[&flags[..], &["--radius-m", "400"]].concat());
    let page = Page::open(browser.new_tab().unwrap(), &server, "projector");
    let s = page.eval("MS.state");
    assert_eq!(s["network"], true);
    assert_eq!(
        page.eval("document.querySelectorAll('#map .reach').length"),
        0
    );
    let chosen = s["answer"]["chosen"].as_array().unwrap();
    assert_eq!(chosen.len(), 2);
    for id in chosen {
        let id = id.as_str().unwrap();
        let reached = s["answer"]["reaches"][id].as_array().unwrap().len();
        assert!(reached > 0);
        let lines = page.eval(&format!(
            "document.querySelectorAll(\"#map .reach-net[data-id='{id}'] line\").length"
        ));
        assert_eq!(lines, reached, "{id}: a line to each point it reaches");
    }
}
