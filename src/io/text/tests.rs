use super::*;

pub(super) fn src(text: &str) -> SourceText {
    SourceText::utf8("t.csv", text)
}

#[test]
fn decodes_bom_cp932_and_utf16() {
    let s = SourceText::decode("a".into(), b"\xEF\xBB\xBFid\n").unwrap();
    assert_eq!(s.text, "id\n");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("名前,日枝神社\n");
    let s = SourceText::decode("a".into(), &sjis).unwrap();
    assert_eq!(s.text, "名前,日枝神社\n");
    assert_eq!(s.encoding, "CP932 (Shift_JIS)");
    let mut u16 = vec![0xFF, 0xFE];
    for unit in "id,名".encode_utf16() {
        u16.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(SourceText::decode("a".into(), &u16).unwrap().text, "id,名");
}

#[test]
fn invalid_bytes_name_the_line() {
    let err = SourceText::decode("a.csv".into(), b"id\nx\xFF\xFF\n").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("a.csv:2: expected UTF-8 or CP932"),
        "{err}"
    );
}

#[test]
fn sniffs_separators_and_keeps_quoted_newlines() {
    let t = Table::parse(&src("id;lat\na;1\n"), &[]).unwrap();
    assert_eq!(t.header, ["id", "lat"]);
    let t = Table::parse(&src("id\tname\n\"a\"\t\"x\ny\"\nb\tz\n"), &[]).unwrap();
    assert_eq!(&t.records.get(0).unwrap().fields[1], "x\ny");
    assert_eq!(t.records.get(1).unwrap().line, 4);
}

#[test]
fn header_problems_are_located() {
    let e = Table::parse(&src(""), &[]).unwrap_err().to_string();
    assert_eq!(e, "t.csv:1: expected a header row, found an empty file");
    let e = Table::parse(&src("id,ID\n"), &[]).unwrap_err().to_string();
    assert!(
        e.starts_with("t.csv:1:2: expected unique column names"),
        "{e}"
    );
    let t = Table::parse(&src("id,lon\n"), &[]).unwrap();
    let e = t.require("lat", "latitude").unwrap_err().to_string();
    assert_eq!(
        e,
        "t.csv:1: expected a column `lat` (latitude), found columns `id`, `lon`"
    );
    let t = Table::parse(&src("id|lat\n"), &[]).unwrap();
    assert!(t
        .require("lat", "x")
        .unwrap_err()
        .to_string()
        .contains("`id|lat`"));
}

#[test]
fn lines_count_crlf_blank_and_lone_cr() {
    for text in ["h\r\na\r\nb\r\nc\r\n", "h\n\na\nb\nc\n", "h\ra\rb\rc\r"] {
        let recs = parse_records(&src(text)).unwrap();
        let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
        let want: Vec<u64> = if text.contains("\n\n") {
            vec![1, 3, 4, 5]
        } else {
            vec![1, 2, 3, 4]
        };
        assert_eq!(lines, want, "{text:?}");
    }
}

#[test]
fn unterminated_quote_is_an_error_at_its_line() {
    let e = parse_records(&src("id,name\na,\"x\nb,y\n"))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("t.csv:2: expected a quoted field closed"),
        "{e}"
    );
    assert!(parse_records(&src("id,name\na,\"x \"\"q\"\" y\"\nb,5'10\"\n")).is_ok());
}

#[test]
fn a_stray_byte_in_utf8_is_not_read_as_cp932() {
    let mut bytes = "id,name\na,日枝神社\nb,x".as_bytes().to_vec();
    bytes.push(0x80);
    let e = SourceText::decode("a.csv".into(), &bytes)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("a.csv:3: expected UTF-8 text"), "{e}");
    let e = SourceText::decode("a.csv".into(), b"i\0d\0")
        .unwrap_err()
        .to_string();
    assert!(e.contains("UTF-16 without"), "{e}");
}

#[test]
fn cp932_whose_first_bytes_happen_to_be_utf8_is_read_as_cp932() {
    // ﾒｯ in CP932 (D2 AF) is also the UTF-8 of one Cyrillic letter.
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("ﾒｯｼｭｺｰﾄﾞ,回答者数\n5339460011,3\n");
    assert!(std::str::from_utf8(&bytes[..2]).is_ok());
    let s = SourceText::decode("a".into(), &bytes).unwrap();
    assert_eq!(s.encoding, "CP932 (Shift_JIS)");
    assert!(s.text.starts_with("ﾒｯｼｭｺｰﾄﾞ,回答者数"));
}

#[test]
fn decimal_commas_get_a_hint() {
    assert!(describe("35,35").contains("use a dot"));
    assert_eq!(describe("abc"), "`abc`");
}

#[test]
fn japanese_and_full_width_headers_name_the_fields() {
    use crate::io::columns::CANDIDATES;
    let t = Table::parse(
        &src("\u{feff}ＩＤ, 名称 ,緯度,経度,駐車台数,順位\n"),
        CANDIDATES,
    )
    .unwrap();
    assert_eq!(t.column("id"), Some(0));
    assert_eq!(t.column("name"), Some(1));
    assert_eq!(t.column("vehicle_slots"), Some(4));
    assert_eq!(t.field(2), Some("lat"));
    // A column no reader knows keeps its own name, matched as typed or folded.
    assert_eq!(t.field(5), None);
    assert_eq!(t.column("順位"), Some(5));
    assert_eq!(t.header[0], "ＩＤ");
}

#[test]
fn two_names_for_one_field_are_refused_naming_both() {
    use crate::io::columns::CANDIDATES;
    let e = Table::parse(&src("id,lat,lon,名称,name\n"), CANDIDATES)
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "t.csv:1:5: expected one column holding name (`name`, 名称, 名前, 施設名, 地点名, 店名, \
         店舗名), found two: `名称` (column 4) and `name` (column 5)"
    );
    let e = Table::parse(&src("id,lat,lon,ｎｏｔｅ,NOTE\n"), &[])
        .unwrap_err()
        .to_string();
    assert!(
        e.ends_with("found `NOTE`, the same name as `ｎｏｔｅ` (column 4)"),
        "{e}"
    );
}
