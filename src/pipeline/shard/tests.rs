use super::*;
use crate::io::DataPaths;

fn body() -> ShardBody {
    ShardBody {
        kind: "scenarios".into(),
        version: "0".into(),
        file: "w.toml".into(),
        file_path: "/x/w.toml".into(),
        file_hash: "blake3:00".into(),
        data_hash: "blake3:11".into(),
        distances: None,
        command: "mobile-stops scenarios w.toml".into(),
        shards: 2,
        shard: 1,
        rows_total: 3,
        rows: vec![ShardRow {
            row: 2,
            id: "r#2".into(),
            result: RowRecord::NotRun {
                reason: "time_limit".into(),
            },
        }],
    }
}

#[test]
fn a_shard_file_reads_back_and_any_change_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let bytes = shard_bytes(&body());
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(read_shard(&path).unwrap(), body());
    // Cut short.
    std::fs::write(&path, &bytes[..bytes.len() - 10]).unwrap();
    let e = read_shard(&path).unwrap_err().to_string();
    assert!(e.contains("cut short"), "{e}");
    // One digit changed: still valid JSON, but not what was written.
    let text = String::from_utf8(bytes.clone()).unwrap();
    std::fs::write(&path, text.replace("\"row\":2", "\"row\":1")).unwrap();
    let e = read_shard(&path).unwrap_err().to_string();
    assert!(e.contains("does not match its hash"), "{e}");
    // Not a shard at all.
    std::fs::write(&path, "{}\n").unwrap();
    let e = read_shard(&path).unwrap_err().to_string();
    assert!(e.contains("does not start like one"), "{e}");
}

#[test]
fn the_data_hash_follows_the_bytes_not_the_names() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    std::fs::write(&a, "id,lat,lon\n").unwrap();
    std::fs::write(&b, "id,lat,lon\n").unwrap();
    let of = |p: &Path| {
        data_hash(&DataPaths {
            candidates: Some(p.to_path_buf()),
            ..DataPaths::default()
        })
        .unwrap()
    };
    assert_eq!(of(&a), of(&b));
    std::fs::write(&b, "id,lat,lon\nx,35,139\n").unwrap();
    assert_ne!(of(&a), of(&b));
}
