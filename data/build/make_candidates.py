#!/usr/bin/env python3
"""Build data/candidates.csv for mobile-stops from the shared Chigasaki place files.

Run from the repository root:

    python3 data/build/make_candidates.py

Inputs (read-only, relative to the repository root):
    ../shared/data-sources/chigasaki-places/candidate_sites.csv
    ../shared/data-sources/chigasaki-places/chigasaki_pois_sourced.csv
    ../shared/data-sources/chigasaki-places/chigasaki_chome_points.csv
    ../shared/data-sources/chigasaki-places/town_to_district_partial.csv

Output: data/candidates.csv (UTF-8 without BOM, "\n" line endings, deterministic).

Rows: the 5 council-named sites first (proposed_by=council), then every shrine and
temple of the POI list that is not a council site (proposed_by=sourced), in source
order. Coordinates of sourced rows come from the POI row when it has them, otherwise
from the representative point of the address's town (町丁/大字). Rows whose town is
not found are excluded and reported on stderr. Space columns stay empty: no source
gives them.
"""

import csv
import re
import sys

PLACES = "../shared/data-sources/chigasaki-places/"
OUT = "data/candidates.csv"

COLUMNS = ["id", "lat", "lon", "name", "kind", "vehicle_slots", "area_m2",
           "width_m", "length_m", "note", "district", "address", "proposed_by",
           "coord_precision", "source"]

# Council sites, in the order of candidate_sites.csv, keyed by its `name` column.
COUNCIL = {
    "日枝神社": dict(id="hiejinja", name="日枝神社", kind="shrine", note=""),
    "妙行寺 (松林村役場跡)": dict(id="myogyoji", name="妙行寺", kind="temple",
                             note="松林村役場跡"),
    "宝蔵寺 (宝蔵院)": dict(id="hozoji", name="宝蔵寺", kind="temple", note="宝蔵院"),
    "白峰寺": dict(id="hakuhoji", name="白峰寺", kind="temple", note=""),
    "今宿グリーンハイム": dict(
        id="imajuku_green_heim", name="今宿グリーンハイム", kind="housing_estate",
        note="no source found for address or existence; "
             "location assumed from the name (今宿)"),
}

# POI rows that are the council sites themselves: (name, address) -> skipped.
COUNCIL_DUPLICATES = {
    ("日枝神社", "中島1134"),
    ("白峰寺", "下寺尾1551"),
    ("宝蔵寺(宝蔵院)", "行谷318"),
    ("妙行寺", "松林3-5-5"),
}

KINDS = {"shrine": "shrine", "temple": "temple"}  # parks and the station are left out

# Hepburn readings (long vowels not marked) used to build ASCII ids.
NAME_ROMAJI = {
    "熊野神社": "kumano_jinja",
    "菱沼八王子神社": "hishinuma_hachioji_jinja",
    "八王子神社": "hachioji_jinja",
    "神明大神": "shinmei_daijin",
    "神明宮": "shinmeigu",
    "第六天神社": "dairokuten_jinja",
    "金刀比羅神社": "kotohira_jinja",
    "八雲神社": "yakumo_jinja",
    "住吉神社": "sumiyoshi_jinja",
    "御霊神社": "goryo_jinja",
    "神明神社": "shinmei_jinja",
    "日枝神社": "hie_jinja",
    "鶴嶺八幡宮": "tsurumine_hachimangu",
    "本社宮": "honshagu",
    "神明社": "shinmeisha",
    "八幡神社": "hachiman_jinja",
    "腰掛神社": "koshikake_jinja",
    "松尾大神": "matsuo_daijin",
    "三嶋神社": "mishima_jinja",
    "十二天神社": "juniten_jinja",
    "山王社(日枝神社)": "sannosha",
    "来迎寺": "raigoji",
    "蓮妙寺": "renmyoji",
    "善谷寺": "zenkokuji",
    "妙伝寺": "myodenji",
    "正覚院": "shogakuin",
    "上国寺": "jokokuji",
}

TOWN_ROMAJI = {
    "小和田": "owada",
    "菱沼": "hishinuma",
    "室田": "murota",
    "高田": "takada",
    "赤羽根": "akabane",
    "本村": "motomura",
    "十間坂": "jukkenzaka",
    "南湖": "nango",
    "松尾": "matsuo",
    "浜之郷": "hamanogo",
    "矢畑": "yabata",
    "下町屋": "shimomachiya",
    "甘沼": "amanuma",
    "芹沢": "serizawa",
    "今宿": "imajuku",
    "萩園": "hagizono",
    "円蔵": "enzo",
    "堤": "tsutsumi",
}

KANJI_DIGITS = "〇一二三四五六七八九"


def make_id(name_romaji, town_romaji):
    """Name + town, without repeating a town the name already starts with."""
    if name_romaji.startswith(town_romaji + "_"):
        return name_romaji
    return name_romaji + "_" + town_romaji


def kanji_number(n):
    """1..99 as kanji: 3 -> 三, 10 -> 十, 12 -> 十二, 20 -> 二十."""
    tens, ones = divmod(n, 10)
    text = ""
    if tens:
        text += ("" if tens == 1 else KANJI_DIGITS[tens]) + "十"
    if ones:
        text += KANJI_DIGITS[ones]
    return text


def read_csv(name):
    with open(PLACES + name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def strip_city(address):
    return re.sub(r"^茅[ヶケ]崎市", "", address)


def split_address(address):
    """'小和田2-3-66' -> ('小和田', 2); '中島1134' -> ('中島', None)."""
    m = re.match(r"^(\D+?)(\d+)(-.*)?$", address)
    if not m:
        return address, None
    town, number, rest = m.groups()
    return town, (int(number) if rest else None)


def geocode(address, points):
    """Town representative point for an address, or None.

    Returns (town name as matched, lat, lon, bare town)."""
    town, chome = split_address(address)
    tries = [town + kanji_number(chome) + "丁目"] if chome else []
    tries.append(town)
    for t in tries:
        if t in points:
            lon, lat = points[t]
            return t, lat, lon, town
    return None


def district_for(address, table):
    """地区 from the partial table, by the longest matching town prefix."""
    best = ""
    for prefix in table:
        if address.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return table.get(best, "")


def main():
    sites = read_csv("candidate_sites.csv")
    pois = read_csv("chigasaki_pois_sourced.csv")
    points = {r["town_name"]: (r["lon"], r["lat"])
              for r in read_csv("chigasaki_chome_points.csv")}
    districts = {r["town_prefix"]: r["district"]
                 for r in read_csv("town_to_district_partial.csv")}

    rows = []
    for s in sites:
        c = COUNCIL[s["name"]]
        address = s["address"]
        if address.startswith("("):  # "(not found in any source; ...)"
            address = ""
        rows.append(dict(
            id=c["id"], lat=s["approx_lat"], lon=s["approx_lon"], name=c["name"],
            kind=c["kind"], note=c["note"], district=s["district"],
            address=strip_city(address), proposed_by="council",
            coord_precision=s["coord_precision"], source=s["address_source"]))

    sourced, excluded = [], []
    for p in pois:
        if p["category"] not in KINDS:
            continue
        name, address = p["name"], p["address_in_chigasaki"]
        if (name, address) in COUNCIL_DUPLICATES:
            excluded.append((name, address, "same site as a council candidate"))
            continue
        town = split_address(address)[0]
        if p["lat"] and p["lon"]:
            lat = "%.5f" % float(p["lat"])
            lon = "%.5f" % float(p["lon"])
            precision = ("point given by source: %s; rounded to 5 decimals"
                         % p["source"].split(";")[0].strip())
        else:
            hit = geocode(address, points)
            if hit is None:
                excluded.append((name, address, "town not found in chigasaki_chome_points.csv"))
                continue
            matched, lat, lon, town = hit
            precision = ("town (町丁/大字) representative point of %s; error can be "
                         "several hundred metres; verify on a map before use" % matched)
        sourced.append(dict(
            id=make_id(NAME_ROMAJI[name], TOWN_ROMAJI[town]), lat=lat, lon=lon,
            name=name, town=town, kind=KINDS[p["category"]], note="",
            district=p["district"] or district_for(address, districts),
            address=address, proposed_by="sourced", coord_precision=precision,
            source=p["source"]))

    # Names shared by two candidates: the non-council ones get their town appended.
    all_names = [r["name"] for r in rows] + [r["name"] for r in sourced]
    for r in sourced:
        if all_names.count(r["name"]) > 1:
            r["name"] = "%s（%s）" % (r["name"], r["town"])
        del r["town"]
    rows += sourced

    for key in ("id", "name"):
        values = [r[key] for r in rows]
        dup = sorted({v for v in values if values.count(v) > 1})
        if dup:
            sys.exit("duplicate %s: %s" % (key, ", ".join(dup)))
    for r in rows:
        if not re.fullmatch(r"[a-z0-9_]+", r["id"]):
            sys.exit("bad id: " + r["id"])

    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n",
                           quoting=csv.QUOTE_MINIMAL, restval="")
        w.writeheader()
        w.writerows(rows)

    print("wrote %s: %d rows (%d council, %d sourced)"
          % (OUT, len(rows), len(rows) - len(sourced), len(sourced)), file=sys.stderr)
    for name, address, why in excluded:
        print("excluded: %s %s: %s" % (name, address, why), file=sys.stderr)


if __name__ == "__main__":
    main()
