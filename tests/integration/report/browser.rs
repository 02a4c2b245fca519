//! Measuring a report in headless chromium: which typeface draws its Japanese, and how its map
//! lays out at the width of an A4 page.
//!
//! A copy of the page gets a small script (the report itself never has one) that writes what
//! it measured into the DOM, which `--dump-dom` prints:
//! - for the title and the map's first text: the families of their `font-family` list that
//!   are installed (a family is installed when text set in it, with each generic family as the
//!   fallback, measures differently from the generic family alone), and whether a Japanese
//!   phrase is drawn at all: its pixels on a canvas differ from those of as many unassigned
//!   code points (which every font draws as the same empty box, or not at all), and its
//!   characters are full width (1 em each), as in every Japanese typeface;
//! - a made-up family, which must come out as not installed;
//! - at a window as wide as A4's text block, the map's smallest type in points, and where the
//!   map ends on the page.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Width of A4's text block at 15 mm margins, in CSS pixels (180 mm at 96 per inch).
pub const A4_TEXT_WIDTH_PX: u32 = 680;
/// Height of A4's text block at 15 mm margins, in CSS pixels (267 mm).
pub const A4_TEXT_HEIGHT_PX: f64 = 267.0 / 25.4 * 96.0;

const PROBE: &str = r#"(function(){
var G=['monospace','serif','sans-serif'];
function installed(f){
  var c=document.createElement('canvas').getContext('2d');
  var s='mmmmmmmmmmlli WIW 0123 移動販売';
  return G.every(function(g){
    c.font='40px '+g; var a=c.measureText(s).width;
    c.font='40px "'+f+'", '+g; return Math.abs(c.measureText(s).width-a)>0.5;});
}
function pixels(font,text){
  var v=document.createElement('canvas'); v.width=400; v.height=60;
  var c=v.getContext('2d'); c.fillStyle='#fff'; c.fillRect(0,0,400,60);
  c.fillStyle='#000'; c.font='40px '+font; c.textBaseline='top'; c.fillText(text,2,4);
  return {w:c.measureText(text).width, d:Array.prototype.join.call(c.getImageData(0,0,400,60).data,'')};
}
function fonts(el){
  var fam=getComputedStyle(el).fontFamily;
  var names=fam.split(',').map(function(x){return x.trim().replace(/^["']|["']$/g,'');});
  var jp=pixels(fam,'移動販売停留所'), box=pixels(fam,'\u0378\u0379\u0380\u0381\u0382\u0383\u038b');
  return {family:fam, installed:names.filter(function(f){return G.indexOf(f)<0&&installed(f);}),
    drawn:jp.d!==box.d, em:jp.w/40/7};
}
var out={title:fonts(document.querySelector('h1')), map:fonts(document.querySelector('svg text')),
  made_up:installed('Mobile Stops No Such Font')};
var svg=document.querySelector('svg.ms-map'), r=svg.getBoundingClientRect();
var k=r.width/svg.viewBox.baseVal.width, least=1e9;
svg.querySelectorAll('text').forEach(function(t){least=Math.min(least,parseFloat(getComputedStyle(t).fontSize)*k);});
out.least_pt=least*0.75; out.map_width_px=r.width; out.map_bottom_px=r.bottom+window.scrollY;
var p=document.createElement('pre'); p.id='probe'; p.textContent=JSON.stringify(out);
document.body.appendChild(p);
})();"#;

/// What the probe measured in `html` (a report file), with chromium `browser`, the page laid
/// out at A4's text width. `fontconfig`, when given, replaces the machine's font list (Linux).
pub fn probe(browser: &str, html: &Path, fontconfig: Option<&Path>) -> Value {
    let page = std::fs::read_to_string(html).unwrap();
    assert!(
        !page.contains("<script"),
        "the report has no script of its own"
    );
    let probed = html.with_extension("probe.html");
    let body = page.replacen("</body>", &format!("<script>{PROBE}</script></body>"), 1);
    std::fs::write(&probed, body).unwrap();
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        &format!("--window-size={A4_TEXT_WIDTH_PX},1200"),
        "--dump-dom",
    ])
    .arg(format!("file://{}", probed.display()));
    if let Some(conf) = fontconfig {
        cmd.env("FONTCONFIG_FILE", conf);
    }
    let o = cmd.output().expect("chromium runs");
    let dom = String::from_utf8_lossy(&o.stdout);
    let start = dom
        .find("<pre id=\"probe\">")
        .unwrap_or_else(|| panic!("the probe ran: {:.400}", String::from_utf8_lossy(&o.stderr)))
        + "<pre id=\"probe\">".len();
    let json = &dom[start..start + dom[start..].find("</pre>").unwrap()];
    let json = json
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

/// A font configuration with no fonts at all, to show the probe fails where no Japanese
/// typeface is installed.
pub fn no_fonts(dir: &Path) -> std::path::PathBuf {
    let fonts = dir.join("no-fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    let conf = dir.join("no-fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig><dir>{}</dir><cachedir>{}</cachedir></fontconfig>\n",
            fonts.display(),
            dir.join("fc-cache").display()
        ),
    )
    .unwrap();
    conf
}
