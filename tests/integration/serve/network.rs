//! With `--network`, a site added or moved in the meeting reaches whom the streets let it
//! reach: it is walked again (the street graph from its cache), not measured on a line.

use super::{session_dir, Server};
use crate::helpers::shared_root;
use serde_json::json;

#[test]
fn added_and_moved_sites_are_walked_along_the_streets() {
    let dir = session_dir();
    let osm = shared_root("data-sources/osm-nerima-tokyo/nerima.osm");
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/network");
    let osm = osm.to_str().unwrap();
    let s = Server::start(dir.path(), &["--data", data, "--network", osm, "--p", "2"]);
    let st = s.state();
    assert_eq!(st["network"], true);
    let reach_of =
        |st: &serde_json::Value, id: &str| st["answer"]["reaches"][id].as_array().map(Vec::len);
    // A new site required, so its walk shows in the answer.
    s.apply(json!({"kind": "add_candidate", "name": "park", "lat": 35.746, "lon": 139.665}));
    let st = s.apply(json!({"kind": "set_role", "id": "new-1", "role": "required"}));
    let near = reach_of(&st, "new-1").expect("the new site is chosen");
    assert!(near > 0, "the new site reaches people along the streets");
    // Moved far from every street, it reaches no one.
    let st = s.apply(json!({"kind": "move_candidate", "id": "new-1", "lat": 35.80, "lon": 139.70}));
    assert_eq!(reach_of(&st, "new-1"), Some(0), "{}", st["answer"]);
    // Undone, it is back where the streets reach.
    let st = s.apply(json!({"kind": "undo", "version": 3}));
    assert_eq!(reach_of(&st, "new-1"), Some(near));
}
