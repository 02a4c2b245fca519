//! The meeting page's files, embedded in the binary so `serve` works offline with no CDN:
//! nothing of a request's path reaches the file system, only this table.

/// The embedded file at a URL path, with its content type; `None` for any other path.
pub fn asset(path: &str) -> Option<(&'static str, &'static [u8])> {
    match path {
        "/" | "/index.html" => Some((
            "text/html; charset=utf-8",
            include_bytes!("page/index.html"),
        )),
        _ => None,
    }
}
