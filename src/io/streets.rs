//! `--network`: the demand × candidate costs walked along an OpenStreetMap extract's streets,
//! with the notes every result using them prints.

use crate::budget::Budget;
use crate::error::Result;
use crate::model::{CostTable, Dataset, LatLon, LocalText, Part, Streets};
use crate::network::{street_costs, NetworkSpec, StreetCosts};
use std::sync::Arc;

/// Walks `data`'s candidates, and `extra` sites (candidates a scenario will add), to its demand
/// along the streets of `spec`'s extract: the cost table every reach and distance then reads,
/// and the streets for the map.
pub(super) fn read_streets_part(
    spec: &NetworkSpec,
    data: &Dataset,
    extra: &[(String, LatLon)],
    budget: Budget,
) -> Result<(Part<Arc<CostTable>>, Part<Streets>)> {
    let mut sites: Vec<(String, LatLon)> = data
        .candidates
        .data
        .sites
        .iter()
        .map(|s| (s.id.clone(), s.location))
        .collect();
    let known: std::collections::HashSet<&str> = sites.iter().map(|s| s.0.as_str()).collect();
    let added: Vec<(String, LatLon)> = extra
        .iter()
        .filter(|s| !known.contains(s.0.as_str()))
        .cloned()
        .collect();
    sites.extend(added);
    let costs = street_costs(spec, &data.demand.data.locations, &sites, budget)?;
    let source = spec.source();
    let notes = street_notes(spec, &costs, data, &sites);
    let streets = Streets {
        hills: spec.dem.is_some(),
        reach: spec.reach,
        snap_max_m: spec.snap_max_m,
        off_points: costs.off.points.clone(),
        off_sites: costs.off.sites.clone(),
        cut_ways: costs.read.cut_ways,
        view: Arc::new(costs.net),
    };
    Ok((
        Part {
            source: source.clone(),
            data: Arc::new(costs.table),
            notes,
        },
        Part::new(source, streets),
    ))
}

/// Where the distances come from, how far they were followed, and who is off the streets
/// (named: a point off network is never given a straight line instead).
fn street_notes(
    spec: &NetworkSpec,
    costs: &StreetCosts,
    data: &Dataset,
    sites: &[(String, LatLon)],
) -> Vec<LocalText> {
    let file = spec.source();
    let credit = crate::network::CREDIT;
    let (cut_en, cut_ja) = match spec.reach {
        Some(r) => (format!(", followed up to {r} m"), format!("（{r} m まで）")),
        None => (String::new(), String::new()),
    };
    let mut notes = vec![LocalText::new(
        format!(
            "distances from demand points to candidates are walks along the streets of {file} \
             ({credit}){cut_en}: the straight leg to the nearest walkable street, the streets, \
             and the leg to the stop. Distances to food shops and survey places, and the \
             route's drive times, stay straight-line"
        ),
        format!(
            "需要地点から候補地までの距離は {file} の道路に沿った徒歩距離です（{credit}）{cut_ja}。最寄りの歩ける道までの直線、道路、停留所までの直線の和です。食料品店・調査地点までの距離と巡回の走行時間は直線距離のままです"
        ),
    )];
    let off = &costs.off;
    if let Some(dem) = &spec.dem {
        let dem = dem.display();
        let speed = spec.walk_speed_m_s;
        let (time_en, time_ja) = match spec.reach {
            Some(r) => {
                let min = crate::model::round(spec.minutes(r), 1);
                (
                    format!("; {r} m on the flat take {min} min at {speed} m/s"),
                    format!("。平地の {r} m は毎秒 {speed} m で {min} 分です"),
                )
            }
            None => (String::new(), String::new()),
        };
        notes.push(LocalText::new(
            format!(
                "walks cost their slopes by Tobler's hiking function on the elevation grid \
                 {dem}: the radius is as far as that many metres take on the flat, uphill walks \
                 reach less far than downhill ones (from each home to the stop){time_en}"
            ),
            format!(
                "標高データ {dem} により坂道の歩きにくさ（Tobler の式）を考慮しています。徒歩圏は平地でその距離を歩くのと同じ時間で行ける範囲で、上り坂では短く、下り坂では長くなります（自宅から停留所へ向かう向き）{time_ja}"
            ),
        ));
    }
    if let Some(&first) = off.points.first() {
        let n = off.points.len();
        let weight = off_weight(data, &off.points);
        let id = &data.demand.data.ids[first];
        let snap = spec.snap_max_m;
        notes.push(LocalText::new(
            format!(
                "{n} demand points ({weight} people) are more than {snap} m from any walkable \
                 street of {file} (first: `{id}`): off the network, no stop reaches them"
            ),
            format!(
                "{n}件の需要地点（{weight}人）は {file} のどの歩ける道からも {snap} m より遠く（最初: `{id}`）、道路網の外にあります。どの停留所からも到達できません"
            ),
        ));
    }
    if !off.sites.is_empty() {
        let list: Vec<&str> = off.sites.iter().map(|&j| sites[j].0.as_str()).collect();
        let list = list.join(", ");
        notes.push(LocalText::new(
            format!("candidates off the network of {file} (they reach nobody): {list}"),
            format!("{file} の道路網の外にある候補地（誰にも到達しません）: {list}"),
        ));
    }
    if costs.read.cut_ways > 0 {
        let n = costs.read.cut_ways;
        notes.push(LocalText::new(
            format!("{n} walkable ways of {file} had nodes missing from the file or outside the area read; their present segments were kept"),
            format!("{file} の歩ける道のうち{n}本は一部の節点がファイルにないか読み込み範囲外のため、残る区間だけを使いました"),
        ));
    }
    notes
}

/// The population (or, without it, the number) of the `points`.
fn off_weight(data: &Dataset, points: &[usize]) -> String {
    match data.demand.data.column(crate::model::POPULATION) {
        Some(pop) => {
            let sum: f64 = points.iter().map(|&i| pop[i]).sum();
            format!("{}", sum.round())
        }
        None => format!("{}", points.len()),
    }
}
