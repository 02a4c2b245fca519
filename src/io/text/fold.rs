//! Header names as a spreadsheet user means them, not as they happen to be typed.
//!
//! A council's file may say `ＩＤ`, `６５歳以上`, ` 緯度 ` or `ﾒｯｼｭｺｰﾄﾞ`: Japanese input
//! methods switch between full-width and half-width forms, Excel keeps stray spaces and a
//! byte-order mark can cling to the first cell. [`fold`] maps each of these to one key (the
//! compatibility forms NFKC would give for the characters headers use, lower case, no spaces),
//! so the readers compare keys and never the raw text.

/// Half-width katakana U+FF61..=U+FF9D as their full-width forms, in code point order.
const HALF_KANA: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

/// Full-width katakana a voiced sound mark (ﾞ) turns into the next code point (カ→ガ).
const VOICED: &str = "カキクケコサシスセソタチツテトハヒフヘホ";

/// The key a header cell is matched by: full-width ASCII and half-width katakana in their
/// usual forms, `㎡` as `m2`, ASCII lower case, and no spaces (ASCII, full-width or other
/// Unicode white space) or byte-order marks anywhere.
///
/// ```
/// use mobile_stops::io::text::fold;
/// assert_eq!(fold(" ＩＤ "), "id");
/// assert_eq!(fold("６５歳以上"), "65歳以上");
/// assert_eq!(fold("\u{feff}面積（㎡）"), "面積(m2)");
/// assert_eq!(fold("ﾒｯｼｭｺｰﾄﾞ"), "メッシュコード");
/// assert_eq!(fold("Vehicle_Slots"), "vehicle_slots");
/// ```
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            c if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' => {}
            '\u{ff01}'..='\u{ff5e}' => {
                let ascii = char::from_u32(c as u32 - 0xfee0).unwrap_or(c);
                out.push(ascii.to_ascii_lowercase());
            }
            '\u{ff61}'..='\u{ff9d}' => {
                let k = (c as u32 - 0xff61) as usize;
                out.push(HALF_KANA.chars().nth(k).unwrap_or(c));
            }
            '\u{ff9e}' | '\u{ff9f}' => mark(&mut out, c == '\u{ff9f}'),
            '㎡' => out.push_str("m2"),
            '㎢' => out.push_str("km2"),
            '㎞' => out.push_str("km"),
            '㎝' => out.push_str("cm"),
            '²' => out.push('2'),
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

/// Joins a half-width sound mark to the kana before it, as NFKC composes them (ハ+ﾟ→パ,
/// ウ+ﾞ→ヴ); a mark with nothing to join is kept as the full-width mark.
fn mark(out: &mut String, semi: bool) {
    let joined = match out.chars().last() {
        Some('ウ') if !semi => Some('ヴ'),
        Some(k) if !semi && VOICED.contains(k) => char::from_u32(k as u32 + 1),
        Some(k) if semi && "ハヒフヘホ".contains(k) => char::from_u32(k as u32 + 2),
        _ => None,
    };
    match joined {
        Some(j) => {
            out.pop();
            out.push(j);
        }
        None => out.push(if semi { '゜' } else { '゛' }),
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_the_forms_japanese_input_methods_type() {
        assert_eq!(fold("ｶﾞｷﾞﾊﾟﾋﾟｳﾞﾝ"), "ガギパピヴン");
        assert_eq!(fold("ﾞ"), "゛");
        assert_eq!(fold("ＬＡＴ"), "lat");
        assert_eq!(fold("65 歳以上　人口"), "65歳以上人口");
        assert_eq!(fold("奥行（ｍ）"), "奥行(m)");
        assert_eq!(fold("ｱｲｳｴｵｰ｡"), "アイウエオー。");
        // Text outside the folded ranges is kept as it is.
        assert_eq!(fold("緯度"), "緯度");
        assert_eq!(fold("Ä"), "Ä");
    }
}
