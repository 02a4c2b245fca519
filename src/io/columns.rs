//! Every column the readers take, under its English name and the Japanese names councils and
//! the tool's own `--lang ja` outputs give it (the README's table is checked against these).
//!
//! A header cell is matched after [`fold`](super::text::fold): `ＩＤ`, `id` and ` Id ` are one
//! name, as are `６５歳以上` and `65歳以上`, so only genuinely different words are listed. A
//! Japanese name the tool writes for a column means the same field as the English name it
//! writes there (`名称` is `name`), so every `--lang ja` CSV reads back as its English twin.

use super::text::Field;

const fn field(name: &'static str, what: &'static str, aliases: &'static [&'static str]) -> Field {
    Field {
        name,
        what,
        aliases,
    }
}

/// A row's identifier.
pub const ID: Field = field("id", "identifier", &["番号", "識別番号", "識別子"]);
/// A display name.
pub const NAME: Field = field(
    "name",
    "name",
    &["名称", "名前", "施設名", "地点名", "店名", "店舗名"],
);
/// A free-text kind (shrine, park, supermarket, …).
pub const KIND: Field = field("kind", "kind of place", &["種別", "種類", "区分"]);
/// A free-text remark.
pub const NOTE: Field = field("note", "remark", &["備考", "メモ"]);
/// Latitude in degrees.
pub const LAT: Field = field("lat", "latitude in degrees", &["緯度", "北緯", "latitude"]);
/// Longitude in degrees.
pub const LON: Field = field(
    "lon",
    "longitude in degrees",
    &["経度", "東経", "longitude", "lng"],
);
/// A Japanese grid square code (地域メッシュコード) standing for a position.
pub const MESH_CODE: Field = field(
    "mesh_code",
    "mesh cell code",
    &["メッシュコード", "メッシュ番号", "メッシュ"],
);
/// Parking bays for vehicles at a site.
pub const VEHICLE_SLOTS: Field = field(
    "vehicle_slots",
    "vehicles the site can hold",
    &["駐車台数", "駐車枠数", "台数"],
);
/// Usable area of a site.
pub const AREA_M2: Field = field(
    "area_m2",
    "usable area in m²",
    &["面積", "面積(m2)", "敷地面積"],
);
/// Width of a site.
pub const WIDTH_M: Field = field("width_m", "width in metres", &["幅", "幅(m)", "間口"]);
/// Length (depth) of a site.
pub const LENGTH_M: Field = field(
    "length_m",
    "length (depth) in metres",
    &["奥行", "奥行き", "奥行(m)", "奥行き(m)", "長さ"],
);
/// People who answered the survey at a place.
pub const RESPONDENTS: Field = field(
    "respondents",
    "people who answered",
    &["回答者数", "回答数", "回答者"],
);
/// Of them, those who said they would use the shop.
pub const WOULD_USE: Field = field(
    "would_use",
    "answers saying they would use the shop",
    &["利用したい", "利用希望", "利用希望者数", "利用したい人数"],
);
/// Total population.
pub const POPULATION: Field = field(
    "population",
    "people",
    &["人口", "総人口", "人口総数", "人口(総数)"],
);
/// People aged 65 and over.
pub const AGED_65_PLUS: Field = field(
    "aged_65_plus",
    "people aged 65 and over",
    &[
        "65歳以上",
        "65歳以上人口",
        "65歳以上人口総数",
        "高齢者数",
        "高齢者人口",
    ],
);
/// People aged 75 and over.
pub const AGED_75_PLUS: Field = field(
    "aged_75_plus",
    "people aged 75 and over",
    &["75歳以上", "75歳以上人口", "75歳以上人口総数"],
);
/// People aged 85 and over.
pub const AGED_85_PLUS: Field = field(
    "aged_85_plus",
    "people aged 85 and over",
    &["85歳以上", "85歳以上人口", "85歳以上人口総数"],
);
/// Households.
pub const HOUSEHOLDS: Field = field("households", "households", &["世帯数", "世帯総数"]);
/// Households with a member aged 65 or over.
pub const HOUSEHOLDS_WITH_65_PLUS: Field = field(
    "households_with_65_plus",
    "households with someone aged 65+",
    &["65歳以上世帯員のいる世帯数", "高齢者のいる世帯数"],
);
/// Older people living alone.
pub const ELDERLY_SINGLE: Field = field(
    "elderly_single_households",
    "older people living alone",
    &["高齢単身世帯数", "高齢単身世帯"],
);
/// Older couples living alone.
pub const ELDERLY_COUPLE: Field = field(
    "elderly_couple_households",
    "older couples living alone",
    &["高齢夫婦世帯数", "高齢夫婦世帯"],
);
/// A weight the planner chose for each point.
pub const WEIGHT: Field = field("weight", "planner's weight", &["重み", "ウェイト"]);
/// District (地区) a point belongs to.
pub const DISTRICT: Field = field("district", "district", &["地区", "地区名"]);
/// Street address.
pub const ADDRESS: Field = field("address", "address", &["住所", "所在地"]);
/// Town (町丁) a point belongs to.
pub const TOWN: Field = field("town", "town (町丁)", &["町丁", "町名", "町丁名"]);
/// Where a driving leg starts.
pub const FROM: Field = field("from", "id the leg starts at", &["出発地", "発", "起点"]);
/// Where a driving leg ends.
pub const TO: Field = field("to", "id the leg ends at", &["到着地", "着", "終点"]);
/// Driving minutes of a leg.
pub const MINUTES: Field = field(
    "minutes",
    "driving minutes",
    &["所要時間", "所要時間(分)", "所要分", "分"],
);
/// Driving distance of a leg.
pub const KM: Field = field(
    "km",
    "driving distance in km",
    &["距離", "距離(km)", "キロ"],
);
/// Walking (or driving) metres from a demand point to a candidate.
pub const METRES: Field = field(
    "metres",
    "metres from the demand point to the candidate",
    &["meters", "距離(m)", "メートル"],
);
/// Visits per week of a stop.
pub const VISITS_PER_WEEK: Field = field(
    "visits_per_week",
    "visits per week (1 or 2)",
    &["週の回数", "週回数", "訪問回数", "週の訪問回数"],
);
/// The hours a stop may be visited (`10:00-11:30`, several separated by `;`).
pub const WINDOW: Field = field(
    "window",
    "visiting hours HH:MM-HH:MM (several separated by ;)",
    &["時間帯", "販売時間帯", "訪問時間帯"],
);
/// Minutes the truck stands at a stop.
pub const SERVICE_MIN: Field = field(
    "service_min",
    "minutes the truck stands at the stop",
    &["販売時間（分）", "滞在分", "滞在時間（分）"],
);
/// Weekdays a stop may be visited, or a truck works.
pub const DAYS: Field = field(
    "days",
    "weekdays (mon,tue… or 月・火…)",
    &["曜日指定", "販売曜日", "稼働曜日"],
);
/// Where a truck starts and ends its day.
pub const DEPOT: Field = field("depot", "depot (id, name or LAT,LON)", &["出発地", "拠点"]);
/// Most stops a truck makes in a day.
pub const MAX_STOPS_PER_DAY: Field = field(
    "max_stops_per_day",
    "most stops a day",
    &["一日の最大停留所数"],
);
/// A break the truck takes (`12:00-13:00/45`).
pub const BREAK: Field = field("break", "break HH:MM-HH:MM/minutes", &["休憩"]);
/// A weekday (of a timetable row).
pub const DAY: Field = field("day", "weekday", &["曜日"]);
/// The exact arrival a timetable gives.
pub const ARRIVE: Field = field("arrive", "arrival HH:MM", &["到着", "到着時刻"]);
/// The published arrival a timetable gives.
pub const PUBLISHED_ARRIVE: Field =
    field("published_arrive", "published arrival HH:MM", &["公表到着"]);
/// A leaflet's time (`10:10` or `10:10–10:35`).
pub const TIME: Field = field("time", "time HH:MM", &["時刻", "時間"]);
/// Which part of a dataset a note is about.
pub const PART: Field = field(
    "part",
    "demand, candidates, surveys, stores or area",
    &["データ", "部分"],
);
/// A note in English.
pub const EN: Field = field("en", "the note in English", &["英語", "english"]);
/// A note in Japanese.
pub const JA: Field = field("ja", "the note in Japanese", &["日本語", "japanese"]);

/// Demand points (`demand.csv`): position, text labels and the counts the models weigh.
pub const DEMAND: &[Field] = &[
    ID,
    MESH_CODE,
    LAT,
    LON,
    NAME,
    NOTE,
    KIND,
    DISTRICT,
    ADDRESS,
    TOWN,
    POPULATION,
    AGED_65_PLUS,
    AGED_75_PLUS,
    AGED_85_PLUS,
    HOUSEHOLDS,
    HOUSEHOLDS_WITH_65_PLUS,
    ELDERLY_SINGLE,
    ELDERLY_COUPLE,
    WEIGHT,
];
/// The demand columns holding text rather than counts.
pub const DEMAND_TEXT: &[Field] = &[NAME, NOTE, KIND, DISTRICT, ADDRESS, TOWN];
/// Candidate sites (`candidates.csv`).
pub const CANDIDATES: &[Field] = &[
    ID,
    LAT,
    LON,
    NAME,
    KIND,
    VEHICLE_SLOTS,
    AREA_M2,
    WIDTH_M,
    LENGTH_M,
    NOTE,
];
/// Survey answers (`surveys.csv`).
pub const SURVEYS: &[Field] = &[LAT, LON, MESH_CODE, RESPONDENTS, WOULD_USE];
/// Existing food shops (`stores.csv`).
pub const STORES: &[Field] = &[ID, LAT, LON, NAME, KIND];
/// A travel-time matrix.
pub const TRAVEL: &[Field] = &[FROM, TO, MINUTES, KM];
/// A demand × candidate cost matrix (`minutes` with `--cost minutes`).
pub const COSTS: &[Field] = &[FROM, TO, METRES, MINUTES];
/// A stop list to route.
pub const STOPS: &[Field] = &[ID, VISITS_PER_WEEK, WINDOW, SERVICE_MIN, DAYS];
/// A printed timetable whose stops keep their days and times (`route --pin`).
pub const PINS: &[Field] = &[ID, NAME, DAY, ARRIVE, PUBLISHED_ARRIVE, TIME];
/// The trucks of a fleet (`route --trucks FILE`).
pub const TRUCKS: &[Field] = &[ID, DEPOT, WINDOW, DAYS, MAX_STOPS_PER_DAY, BREAK];
/// A dataset's notes (`notes.csv`, written by `data export`).
pub const NOTES: &[Field] = &[PART, EN, JA];

/// Every reader's fields under the file it reads, for the README's table and its test.
pub const READERS: [(&str, &[Field]); 10] = [
    ("demand", DEMAND),
    ("candidates", CANDIDATES),
    ("surveys", SURVEYS),
    ("stores", STORES),
    ("travel matrix", TRAVEL),
    ("cost matrix", COSTS),
    ("stop list", STOPS),
    ("trucks", TRUCKS),
    ("pinned timetable", PINS),
    ("notes", NOTES),
];
