//! Property-based fuzzing of the readers added after the foundation (scenario TOML, travel
//! matrix, stop lists, benchmark formats): valid files mutated at random (characters inserted,
//! deleted or replaced from an alphabet of separators, quotes, brackets, digits and full-width
//! characters) must parse or fail with an error naming the file, never panic or hang.
//! `readers::estat` does the same for the planning-data readers.

use mobile_stops::benchmarks::{read_pmed, read_pmedcap, read_sjc};
use mobile_stops::io::text::SourceText;
use mobile_stops::io::{read_stop_list, read_travel_matrix};
use mobile_stops::scenario::read_scenarios;
use proptest::prelude::*;
use std::path::Path;

const ALPHABET: &[char] = &[
    ',', ';', '\t', '"', '\'', '\n', '\r', '=', '[', ']', '{', '}', '-', '.', '0', '1', '9', 'e',
    'x', ' ', '１', '日', '\u{feff}', '#',
];

/// Applies `edits` (position, 0 insert / 1 delete / 2 replace, alphabet index) to `text`.
fn mutate(text: &str, edits: &[(usize, u8, usize)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(pos, op, c) in edits {
        let at = pos % (chars.len() + 1);
        let ch = ALPHABET[c % ALPHABET.len()];
        match op % 3 {
            0 => chars.insert(at, ch),
            1 if at < chars.len() => {
                chars.remove(at);
            }
            _ if at < chars.len() => chars[at] = ch,
            _ => chars.push(ch),
        }
    }
    chars.into_iter().collect()
}

fn src(name: &str, text: String) -> SourceText {
    SourceText::utf8(name, text)
}

const TOML: &str = "[baseline]\nmodel = \"mclp\"\np = 5\nradius_m = 500\n[[scenario]]\nname = \"a\"\nexclude = [\"x\"]\n[[sweep]]\nname = \"s\"\np = [3, 4]\nradius_m = [300.0, 400.0]\n";
const MATRIX: &str = "from,to,minutes,km\nd,a,5,2\na,d,7,2.5\nd,b,3,1\nb,d,3,1\na,b,4,1\nb,a,4,1\n";
const STOPS_JSON: &str = "{\n  \"model\": \"mclp\",\n  \"stops\": [\"a\", \"b\"]\n}\n";
const STOPS_CSV: &str = "id,visits\na,1\nb,2\n";
const PMED: &str = " 4 4 2\n 1 2 3\n 2 3 4\n 3 4 5\n 4 1 6\n";
const SJC: &str = "3\t9999\tp\tS\n1\t2\t50\n3\t4\t4\n5\t6\t5\n";
const CPMP: &str = " 1 713\n 4 2 10\n 1 2 3 4\n 2 4 5 3\n 3 6 7 2\n 4 8 9 1\n";

fn edits() -> impl Strategy<Value = Vec<(usize, u8, usize)>> {
    prop::collection::vec((0usize..400, 0u8..3, 0usize..64), 1..12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn scenario_files_never_panic(e in edits()) {
        if let Err(err) = read_scenarios(&src("s.toml", mutate(TOML, &e)), Path::new(".")) {
            prop_assert!(err.to_string().starts_with("s.toml"), "{err}");
        }
    }

    #[test]
    fn travel_matrices_never_panic(e in edits()) {
        let known = |id: &str| id == "c";
        if let Err(err) = read_travel_matrix(&src("m.csv", mutate(MATRIX, &e)), &["d", "a", "b"], &known) {
            prop_assert!(err.to_string().starts_with("m.csv"), "{err}");
        }
    }

    #[test]
    fn stop_lists_never_panic(e in edits(), json in any::<bool>()) {
        let base = if json { STOPS_JSON } else { STOPS_CSV };
        if let Err(err) = read_stop_list(&src("s", mutate(base, &e)), Some("visits")) {
            prop_assert!(err.to_string().starts_with('s'), "{err}");
        }
    }

    #[test]
    fn benchmark_readers_never_panic(e in edits()) {
        for (name, base) in [("p.txt", PMED), ("j.txt", SJC), ("c.txt", CPMP)] {
            let text = mutate(base, &e);
            let err = match name {
                "p.txt" => read_pmed(name, &text).err(),
                "j.txt" => read_sjc(name, &text).err(),
                _ => read_pmedcap(name, &text, 1).err(),
            };
            if let Some(err) = err {
                prop_assert!(err.to_string().starts_with(name), "{err}");
            }
        }
    }
}
