"""Write data/chigasaki_outline.geojson from MLIT's N03 outline of Chigasaki (14207).

Input: geojson/14/14207.json of the GitHub repository niiyz/JapanCityGeoJson (commit
96edd519b4c8070a05c9899972aa58412b94fcc8), itself made from 国土数値情報（行政区域データ）.
It holds 68 polygons: the city and 67 rocks off the coast (烏帽子岩 and others).

Kept: the largest polygon (the city), simplified with Douglas-Peucker at 10 m in a local
equirectangular projection, coordinates rounded to 6 decimals (about 0.1 m). Rocks dropped:
nobody lives there and they would only clutter the map.

Usage: python3 data/build/make_outline.py PATH/TO/14207.json > data/chigasaki_outline.geojson
Python 3, standard library only; the same input gives the same bytes.
"""
import json
import math
import sys

TOLERANCE_M = 10.0


def area(ring):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))) / 2


def simplify(points, tol):
    """Douglas-Peucker on (x, y) metres; keeps the first and last point."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, at = 0.0, None
        for i in range(a + 1, b):
            px, py = points[i]
            if norm == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > best:
                best, at = d, i
        if at is not None and best > tol:
            keep[at] = True
            stack.append((a, at))
            stack.append((at, b))
    return [i for i, k in enumerate(keep) if k]


def main():
    src = json.load(open(sys.argv[1], encoding="utf-8"))
    rings = [f["geometry"]["coordinates"][0] for f in src["features"]]
    city = max(rings, key=area)
    lat0 = sum(p[1] for p in city) / len(city)
    kx = 111_320.0 * math.cos(math.radians(lat0))
    ky = 110_574.0
    xy = [(p[0] * kx, p[1] * ky) for p in city]
    # Split the closed ring at its farthest point so both halves keep their ends.
    far = max(range(len(xy)), key=lambda i: math.hypot(xy[i][0] - xy[0][0], xy[i][1] - xy[0][1]))
    first = simplify(xy[: far + 1], TOLERANCE_M)
    second = simplify(xy[far:], TOLERANCE_M)
    idx = first + [far + i for i in second[1:]]
    ring = [[round(city[i][0], 6), round(city[i][1], 6)] for i in idx]
    out = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "code": "14207",
                    "name": "茅ヶ崎市",
                    "source": "国土数値情報（行政区域データ）を加工して作成 (via github.com/niiyz/JapanCityGeoJson)",
                },
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    sys.stdout.write(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(city)} vertices -> {len(ring)}", file=sys.stderr)


main()
