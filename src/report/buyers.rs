//! The buyers-per-visit model in words and in JSON, written once so the ranked list, the
//! comparison and the council report state the same assumptions beside the same numbers.

use super::labels::Lang;
use super::table::count;
use crate::model::number::round;
use crate::score::{BuyersParams, Interval, VisitsPerWeek};
use serde_json::{json, Value};

/// The model and its assumptions in one sentence, e.g. "buyers per visit = potential users
/// (aged 65+ within reach × would-use share) × 1 purchase per user per week (assumed) ÷ 1 visit
/// per week; one visit serves 10 customers (30 min at the stop ÷ 3 min per customer, assumed)".
pub fn assumptions(p: &BuyersParams, lang: Lang) -> String {
    let n = |x: f64| round(x, 2).to_string();
    let (ppw, service, minutes) = (
        n(p.purchases_per_week),
        n(p.service_min),
        n(p.minutes_per_customer),
    );
    let cap = count(p.capacity_per_visit());
    match lang {
        Lang::En => {
            let visits = match &p.visits_per_week {
                VisitsPerWeek::Every(v) => plural(*v, "visit a week", "visits a week"),
                VisitsPerWeek::Column(c) => format!("each stop's visits per week (column {c})"),
            };
            format!(
                "buyers per visit = potential users (aged 65+ within reach × would-use share) × \
                 {} per user (assumed) ÷ {visits}; one visit serves \
                 {cap} customers ({service} min at the stop ÷ {minutes} min per customer, \
                 assumed)",
                plural(p.purchases_per_week, "purchase a week", "purchases a week")
            )
        }
        Lang::Ja => {
            let visits = match &p.visits_per_week {
                VisitsPerWeek::Every(v) => format!("週{}回の訪問", n(*v)),
                VisitsPerWeek::Column(c) => format!("停留所ごとの週の訪問回数（列 {c}）"),
            };
            format!(
                "1回あたり購入者 = 利用見込み者（徒歩圏の65歳以上 × 利用意向率）× 1人週{ppw}回の購入\
                 （仮定）÷ {visits}。1回の訪問で対応できるのは{cap}人（停車{service}分 ÷ 1人{minutes}分、仮定）"
            )
        }
    }
}

/// "1 visit a week", "2 visits a week", "0.5 visits a week".
fn plural(x: f64, one: &str, many: &str) -> String {
    let x = round(x, 2);
    format!("{x} {}", if x == 1.0 { one } else { many })
}

/// The assumptions as JSON fields, beside the numbers they produce.
pub fn assumptions_json(p: &BuyersParams) -> Value {
    json!({
        "formula": "buyers_per_visit = potential_users × purchases_per_week / visits_per_week; potential_users = aged 65+ within the radius × would-use share; capacity_per_visit = floor(service_min / minutes_per_customer)",
        "purchases_per_week": p.purchases_per_week,
        "purchases_per_week_basis": "assumption",
        "visits_per_week": match &p.visits_per_week {
            VisitsPerWeek::Every(v) => json!(v),
            VisitsPerWeek::Column(c) => json!({ "column": c }),
        },
        "service_min": p.service_min,
        "minutes_per_customer": p.minutes_per_customer,
        "minutes_per_customer_basis": "assumption",
        "capacity_per_visit": p.capacity_per_visit(),
    })
}

/// An interval as JSON, `null` when not available.
pub fn interval_json(i: Option<&Interval>, digits: i32) -> Value {
    i.map_or(Value::Null, |i| {
        json!({
            "estimate": round(i.estimate, digits),
            "low": round(i.low, digits),
            "high": round(i.high, digits),
        })
    })
}

/// "778 (504–1,068)": whole people, the 95 % interval in brackets.
pub fn people_interval(i: &Interval) -> String {
    format!("{} ({}–{})", count(i.estimate), count(i.low), count(i.high))
}
