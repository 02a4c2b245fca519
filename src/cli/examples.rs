//! The examples at the foot of each command's `--help`: real commands that run as written from
//! the repository's root, on the embedded data, on `examples/`, or on the published benchmarks
//! in `../shared/benchmarks` (a test runs every one of them and checks it exits 0).

/// `mobile-stops --help`.
pub const TOP: &str = "\
Examples:
  mobile-stops rank --lang ja                        # rank the embedded candidates, Japanese labels
  mobile-stops solve --p 5                           # the 5 stops reaching the most aged 65+
  mobile-stops report --p 8 --out report.html        # the council report (Japanese HTML)";

/// `mobile-stops rank --help`.
pub const RANK: &str = "\
Examples:
  mobile-stops rank --lang ja                                   # embedded data, Japanese labels
  mobile-stops rank --radius-m 400 --format csv --out rank.csv  # a 400 m walk, for Excel
  mobile-stops rank --cost-matrix examples/walk_costs.csv --cost minutes --radius-m 8   # an 8-minute walk";

/// `mobile-stops solve --help`.
pub const SOLVE: &str = "\
Examples:
  mobile-stops solve --model mclp --p 5                         # 5 stops reaching the most aged 65+
  mobile-stops solve --p 5 --cost-matrix examples/walk_costs.csv --assignments catchment.geojson
  mobile-stops solve --model pmedian --orlib ../shared/benchmarks/orlib-pmed/instances/pmed1.txt";

/// `mobile-stops route --help`.
pub const ROUTE: &str = "\
Examples:
  mobile-stops route --p 8 --depot hiejinja                     # solve, then plan Mon–Fri
  mobile-stops route --p 8 --depot hiejinja --format ics --start-date 2027-01-04 --out stops.ics --leaflet leaflet.html
  mobile-stops route --data examples/network --stops examples/network/candidates.csv --depot s1 --travel network --network ../shared/data-sources/osm-nerima-tokyo/nerima.osm";

/// `mobile-stops compare --help`.
pub const COMPARE: &str = "\
Examples:
  mobile-stops compare --set council=hiejinja,myogyoji,hozoji,hakuhoji --set other=sannosha_enzo,kumano_jinja_owada
  mobile-stops compare --set \"a=妙行寺,宝蔵寺\" --set b=sannosha_enzo --lang ja --format csv --out compare.csv";

/// `mobile-stops report --help`.
pub const REPORT: &str = "\
Examples:
  mobile-stops report --p 8 --out report.html                   # Japanese, self-contained HTML
  mobile-stops report --p 8 --depot hiejinja --set council=hiejinja,myogyoji,hozoji,hakuhoji --out report.html
  mobile-stops report --p 8 --format markdown --lang en --out minutes.md";

/// `mobile-stops scenarios --help`.
pub const SCENARIOS: &str = "\
Examples:
  mobile-stops scenarios examples/scenarios.toml                # one row per scenario
  mobile-stops scenarios examples/scenarios.toml --format json --out results.json --report scenarios.html
  mobile-stops scenarios examples/scenarios.toml --format csv --out rows.csv --sites sites.csv --robustness robustness.csv";

/// `mobile-stops merge --help`.
pub const MERGE: &str = "\
Examples:
  mobile-stops merge examples/shards/scenarios-0.json examples/shards/scenarios-1.json --format json --out results.json --report scenarios.html
  mobile-stops merge examples/shards/regions-0.json examples/shards/regions-1.json --format csv --out regions.csv";

/// `mobile-stops regions --help`.
pub const REGIONS: &str = "\
Examples:
  mobile-stops regions split --by mesh2 --p 3 --out squares            # the embedded data, a region per 10 km square
  mobile-stops regions solve examples/regions --format csv --out regions.csv";

/// `mobile-stops regions split --help`.
pub const REGIONS_SPLIT: &str = "\
Examples:
  mobile-stops regions split --by mesh2 --stops-per-aged 2000 --out squares
  mobile-stops regions split --by data/chigasaki_outline.geojson --p 8 --radius-m 800 --out city";

/// `mobile-stops regions solve --help`.
pub const REGIONS_SOLVE: &str = "\
Examples:
  mobile-stops regions solve examples/regions --format csv --out regions.csv
  mobile-stops regions solve examples/regions --shard 0/2 --out regions-0.json   # one task of an array job";

/// `mobile-stops data --help`.
pub const DATA: &str = "\
Examples:
  mobile-stops data export mydir                                # demand.csv, candidates.csv, SOURCE.md
  mobile-stops data export mydir --force                        # replace the files already there";

/// `mobile-stops data export --help`.
pub const DATA_EXPORT: &str = "\
Examples:
  mobile-stops data export mydir                                # then edit mydir/candidates.csv
  mobile-stops data export mydir --force                        # replace the files already there";

/// `mobile-stops network --help`.
pub const NETWORK: &str = "\
Examples:
  mobile-stops network check --network ../shared/data-sources/osm-nerima-tokyo/nerima.osm --demand examples/network/demand.csv --candidates examples/network/candidates.csv
  mobile-stops network matrix --network ../shared/data-sources/osm-nerima-tokyo/nerima.osm --from examples/network/demand.csv --to examples/network/candidates.csv --max-m 500 --out matrix.csv";

/// `mobile-stops network matrix --help`.
pub const NETWORK_MATRIX: &str = "\
Examples:
  mobile-stops network matrix --network ../shared/data-sources/osm-nerima-tokyo/nerima.osm --from examples/network/demand.csv --to examples/network/candidates.csv --out matrix.csv
  mobile-stops network matrix --network ../shared/data-sources/osm-nerima-tokyo/nerima.osm --from examples/network/demand.csv --to examples/network/candidates.csv --max-m 300 --format json
  mobile-stops network matrix --profile drive --network ../shared/data-sources/osm-nerima-tokyo/nerima.osm --from examples/network/candidates.csv --to examples/network/candidates.csv --max-m 5000";

/// `mobile-stops network check --help`.
pub const NETWORK_CHECK: &str = "\
Examples:
  mobile-stops network check --network ../shared/data-sources/osm-nerima-tokyo/nerima.osm --demand examples/network/demand.csv --candidates examples/network/candidates.csv
  mobile-stops network check --network ../shared/data-sources/osm-nerima-tokyo/nerima.osm --data examples/network --format json";
