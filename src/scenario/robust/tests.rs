//! Robustness counts only the scenarios where a candidate was free to be chosen.

use crate::io::text::SourceText;
use crate::scenario::{read_scenarios, run_batch};

const FILE: &str = "[baseline]\np = 3\n\
[[sweep]]\nname = \"free\"\nradius_m = [300, 500, 800]\n\
[[sweep]]\nname = \"required\"\nrequire = [\"myogyoji\"]\nradius_m = [300, 500, 800]\n\
[[scenario]]\nname = \"excluded\"\nexclude = [\"myogyoji\"]\n\
[[scenario]]\nname = \"removed\"\nremove_candidates = [\"myogyoji\"]\n\
[[scenario]]\nname = \"added\"\nadd_candidates = [{ id = \"hall\", lat = 35.35, lon = 139.40, name = \"公民館\" }]\n";

#[test]
fn a_required_site_counts_only_where_it_was_free() {
    let data = crate::io::embedded::dataset().unwrap();
    let src = SourceText::utf8("s.toml", FILE);
    let file = read_scenarios(&src, std::path::Path::new(".")).unwrap();
    let batch = run_batch(&file, &data, &|_| {}, crate::budget::Budget::default());
    assert_eq!(batch.solved, batch.rows.len());
    let of = |id: &str| batch.robustness.iter().find(|r| r.id == id).unwrap();
    let m = of("myogyoji");
    assert_eq!((m.required_in, m.excluded_in), (3, 1));
    // Free: the baseline, the three "free" radii and the added hall's scenario; not the removed.
    assert_eq!(m.free_in, 1 + 3 + 1);
    let chosen_where_free = [0, 1, 2, 3, 9]
        .iter()
        .filter(|&&k| {
            let s = batch.rows[k].outcome.solved().unwrap();
            s.stops.iter().any(|x| x == "myogyoji")
        })
        .count();
    assert_eq!(m.chosen_in, chosen_where_free);
    let hall = of("hall");
    assert_eq!((hall.free_in, hall.name.as_deref()), (1, Some("公民館")));
    // Every stop is counted once: as a free choice, or as required.
    let free_choices: usize = batch.robustness.iter().map(|r| r.chosen_in).sum();
    let stops: usize = batch
        .rows
        .iter()
        .map(|r| r.outcome.solved().unwrap().stops.len())
        .sum();
    assert_eq!(free_choices + 3, stops);
    // Ranked by share, then chosen_in, then id.
    for w in batch.robustness.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let (sa, sb) = (a.share().unwrap_or(-1.0), b.share().unwrap_or(-1.0));
        assert!(
            sa > sb || (sa == sb && (a.chosen_in, &b.id) >= (b.chosen_in, &a.id)),
            "{a:?} before {b:?}"
        );
    }
    // Every candidate of the data is listed, chosen or not.
    assert_eq!(batch.robustness.len(), data.candidates.data.sites.len() + 1);
}
