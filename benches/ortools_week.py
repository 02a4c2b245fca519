#!/usr/bin/env python3
"""OR-Tools' routing solver on the weeks `examples/week_vs_ortools` writes (issue #25's anchor).

Reads DIR/week-*.json and models the same week for OR-Tools' routing library:

- one vehicle per (truck, working day), starting and ending at its truck's depot, its time
  dimension inside the truck's hours (leave no earlier than its start, back by its end);
- each visit's service minutes (the time dimension's transit is service + drive) and its
  windows (the whole visit inside one window: service start in [open, close - service]);
- the lunch break (`SetBreakIntervalsOfVehicle`: 45 minutes starting 12:00-12:15, never during
  a visit);
- each stop's allowed weekdays (its `VehicleVar` restricted to those days' vehicles);
- a twice-weekly stop as two nodes on the same truck on days at least two days apart
  (cyclic, Fri-Mon counts 3) at the same time: `AllowedAssignments` over their `VehicleVar`s
  and `CumulVar(a) == CumulVar(b)`, added to the routing model's CP solver;
- arc cost = driving, a fixed cost per vehicle (10^7, more than any week's driving) so it
  minimises truck-days used, then driving.

Searched with guided local search for each time limit (default 10 s and 60 s), from the first
first-solution strategy in FIRST that finds a week; then (`--warm`, default 60 s) once more from
mobile-stops' own week, to see whether OR-Tools can improve on it. Times are in
tenths of a minute: the example rounds its matrix to tenths, so both solvers drive the same
numbers. Both weeks, ours (from the JSON) and OR-Tools', are checked by the same independent
rules below before the table is printed.

Break semantics differ slightly, in OR-Tools' favour: our planner takes the break at the stop
it stands at before the first leg whose next visit would end after 12:15 (a run back by 12:15
owes none); OR-Tools places it in any gap of the run with room for it, even in the middle of a
drive (its Python wrapper cannot forbid that), or after a run back by 12:15, or before one that
leaves after 12:45.

Setup (once; outside the repository):
    python3 -m venv /tmp/venv-ortools && /tmp/venv-ortools/bin/pip install ortools
Run:
    /tmp/venv-ortools/bin/python benches/ortools_week.py DIR [--time-limit 10 60] [--warm 60]
or `bash benches/week_vs_ortools.sh`, which writes DIR first.
"""

import argparse
import glob
import json
import os
import time

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

SCALE = 10  # tenths of a minute
FIXED_COST = 10_000_000  # per vehicle (truck-day) used: more than any week's driving
DAY = 24 * 60 * SCALE
FIRST = ["PARALLEL_CHEAPEST_INSERTION", "SEQUENTIAL_CHEAPEST_INSERTION", "LOCAL_CHEAPEST_INSERTION",
         "PATH_CHEAPEST_ARC"]


def apart(d1, d2):
    """Days between two weekdays, counting across the weekend."""
    g = abs(d1 - d2)
    return min(g, 7 - g)


def ticks(minutes):
    return int(round(minutes * SCALE))


class Model:
    """The week as a routing model: nodes, vehicles, dimensions and side constraints."""

    def __init__(self, inst):
        self.inst = inst
        trucks, stops = inst["trucks"], inst["stops"]
        self.vehicles = [(k, d) for k, t in enumerate(trucks) for d in t["days"]
                         if d in inst["days"]]
        self.depots = sorted({t["depot"] for t in trucks})
        # Nodes: the depots, then one node per visit (twice-weekly stops have two).
        self.place = list(self.depots)
        self.stop = [None] * len(self.depots)
        self.service = [0] * len(self.depots)
        self.twins = []
        for i, s in enumerate(stops):
            first = len(self.place)
            for _ in range(s["visits"]):
                self.place.append(s["place"])
                self.stop.append(i)
                self.service.append(ticks(s["service_min"]))
            if s["visits"] == 2:
                self.twins.append((i, first, first + 1))
        starts = [self.depots.index(trucks[k]["depot"]) for k, _ in self.vehicles]
        self.manager = pywrapcp.RoutingIndexManager(len(self.place), len(self.vehicles),
                                                    starts, starts)
        self.routing = pywrapcp.RoutingModel(self.manager)
        self._costs()
        self._time()
        self._days_and_twins()

    def drive(self, a, b):
        return ticks(self.inst["minutes"][self.place[a]][self.place[b]])

    def _costs(self):
        n = len(self.place)
        drive = [[self.drive(a, b) for b in range(n)] for a in range(n)]
        cb = self.routing.RegisterTransitMatrix(drive)
        self.routing.SetArcCostEvaluatorOfAllVehicles(cb)
        self.routing.SetFixedCostOfAllVehicles(FIXED_COST)
        busy = [[self.service[a] + drive[a][b] for b in range(n)] for a in range(n)]
        cb = self.routing.RegisterTransitMatrix(busy)
        self.routing.AddDimension(cb, DAY, DAY, False, "time")
        self.time = self.routing.GetDimensionOrDie("time")

    def _time(self):
        r, m, tm = self.routing, self.manager, self.time
        solver = r.solver()
        # A break may not overlap a visit. The Python wrapper offers only this form (C++'s
        # pre/post-travel evaluators, which could also keep it out of a drive, are not
        # wrapped), so OR-Tools may split a drive with the break: a relaxation in its favour.
        visit_transits = [self.service[m.IndexToNode(i)] for i in range(r.Size())]
        visit_transits += [0] * len(self.vehicles)
        self.breaks = []
        for v, (k, _) in enumerate(self.vehicles):
            t = self.inst["trucks"][k]
            lo, hi = ticks(t["window"][0]), ticks(t["window"][1])
            tm.CumulVar(r.Start(v)).SetRange(lo, hi)
            tm.CumulVar(r.End(v)).SetRange(lo, hi)
            r.AddVariableMinimizedByFinalizer(tm.CumulVar(r.Start(v)))
            b = t.get("break")
            if b:
                iv = solver.FixedDurationIntervalVar(
                    ticks(b["from"]), ticks(b["to"] - b["minutes"]), ticks(b["minutes"]),
                    False, f"break {v}")
                tm.SetBreakIntervalsOfVehicle([iv], v, visit_transits)
                self.breaks.append(iv)
        for node in range(len(self.depots), len(self.place)):
            windows = self.inst["stops"][self.stop[node]]["windows"]
            if not windows:
                continue
            cumul = tm.CumulVar(m.NodeToIndex(node))
            latest = [ticks(c) - self.service[node] for _, c in windows]
            cumul.SetRange(ticks(windows[0][0]), latest[-1])
            for (o1, _), l1, (o2, _) in zip(windows, latest, windows[1:]):
                cumul.RemoveInterval(l1 + 1, ticks(o2) - 1)
        for i in range(r.Size()):
            r.AddVariableMinimizedByFinalizer(tm.CumulVar(i))

    def allowed(self, node, day_filter):
        days = self.inst["stops"][self.stop[node]]["days"]
        return [v for v, (_, d) in enumerate(self.vehicles) if d in days and day_filter(d)]

    def _days_and_twins(self):
        r, m = self.routing, self.manager
        solver = r.solver()
        twin_nodes = {n for _, a, b in self.twins for n in (a, b)}
        # SetAllowedVehiclesForIndex takes no Python list in this wrapper; restricting the
        # VehicleVar is the same rule (and -1 would mean "not visited", which no node allows).
        for node in range(len(self.depots), len(self.place)):
            if node not in twin_nodes:
                r.VehicleVar(m.NodeToIndex(node)).SetValues(self.allowed(node, lambda d: True))
        for i, a, b in self.twins:
            days = self.inst["stops"][i]["days"]
            pairs = [(va, vb)
                     for va, (ka, da) in enumerate(self.vehicles)
                     for vb, (kb, db) in enumerate(self.vehicles)
                     if ka == kb and da < db and apart(da, db) >= 2
                     and da in days and db in days]
            ia, ib = m.NodeToIndex(a), m.NodeToIndex(b)
            r.VehicleVar(ia).SetValues([-1] + sorted({p[0] for p in pairs}))
            r.VehicleVar(ib).SetValues([-1] + sorted({p[1] for p in pairs}))
            # -1 (not yet routed) keeps a half-built route legal while the first solution is
            # built one node at a time; every node is visited in a solution, so it never ends
            # there.
            partial = [(va, -1) for va in {p[0] for p in pairs}] + [
                (-1, vb) for vb in {p[1] for p in pairs}] + [(-1, -1)]
            solver.Add(solver.AllowedAssignments([r.VehicleVar(ia), r.VehicleVar(ib)],
                                                 pairs + sorted(partial)))
            solver.Add(self.time.CumulVar(ia) == self.time.CumulVar(ib))

    def solve(self, seconds, first, start=None):
        """Guided local search for `seconds`, from the first solution strategy `first`, or
        from the week `start` (runs in the JSON's terms) when given."""
        p = pywrapcp.DefaultRoutingSearchParameters()
        p.first_solution_strategy = getattr(routing_enums_pb2.FirstSolutionStrategy, first)
        p.local_search_metaheuristic = (
            routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH)
        p.time_limit.seconds = int(seconds)
        if start is None:
            return self.routing.SolveWithParameters(p)
        self.routing.CloseModelWithParameters(p)
        init = self.routing.ReadAssignmentFromRoutes(self.routes_of(start), True)
        if init is None:
            return None
        return self.routing.SolveFromAssignmentWithParameters(init, p)

    def routes_of(self, runs):
        """A week's runs as OR-Tools routes (variable indices per vehicle): a twice-weekly
        stop's earlier day is its first node, its later day its second."""
        node_of = {}
        for node in range(len(self.depots), len(self.place)):
            node_of.setdefault(self.stop[node], []).append(node)
        routes = [[] for _ in self.vehicles]
        for run in runs:
            v = self.vehicles.index((run["truck"], run["day"]))
            for i, _, _ in run["visits"]:
                nodes = node_of[i]
                days = sorted(r["day"] for r in runs if any(x[0] == i for x in r["visits"]))
                node = nodes[days.index(run["day"])] if len(nodes) == 2 else nodes[0]
                routes[v].append(self.manager.NodeToIndex(node))
        return routes

    def runs(self, sol):
        """The solution's runs in the JSON's terms (minutes)."""
        r, m, tm = self.routing, self.manager, self.time
        out = []
        for v, (k, d) in enumerate(self.vehicles):
            if not r.IsVehicleUsed(sol, v):
                continue
            visits, idx = [], sol.Value(r.NextVar(r.Start(v)))
            while not r.IsEnd(idx):
                node = m.IndexToNode(idx)
                at = sol.Min(tm.CumulVar(idx)) / SCALE
                visits.append([self.stop[node], at, at + self.service[node] / SCALE])
                idx = sol.Value(r.NextVar(idx))
            out.append({"truck": k, "day": d, "leave": sol.Min(tm.CumulVar(r.Start(v))) / SCALE,
                        "return": sol.Min(tm.CumulVar(r.End(v))) / SCALE, "visits": visits,
                        "breaks": None})
        return out


def check(inst, runs):
    """The rules both weeks must keep; a list of what is broken. `breaks` None means: some
    break placement must exist (OR-Tools does not report where it put them)."""
    M, stops, trucks = inst["minutes"], inst["stops"], inst["trucks"]
    bad, seen = [], {}
    eps = 1e-6
    for run in runs:
        t = trucks[run["truck"]]
        name = f"truck {t['id']} day {run['day']}"
        if run["day"] not in t["days"]:
            bad.append(f"{name}: truck does not work that day")
        if run["leave"] < t["window"][0] - eps or run["return"] > t["window"][1] + eps:
            bad.append(f"{name}: outside the truck's hours")
        events = [(t["depot"], run["leave"], run["leave"])]
        for i, a, dep in run["visits"]:
            s = stops[i]
            seen.setdefault(i, []).append((run["day"], run["truck"], a))
            if abs(dep - a - s["service_min"]) > eps:
                bad.append(f"{name}: {s['id']} service")
            if s["windows"] and not any(a >= o - eps and dep <= c + eps for o, c in s["windows"]):
                bad.append(f"{name}: {s['id']} outside its windows")
            if run["day"] not in s["days"]:
                bad.append(f"{name}: {s['id']} on a day it does not allow")
            events.append((s["place"], a, dep))
        events.append((t["depot"], run["return"], run["return"]))
        b = t.get("break")
        needs = b and run["return"] > b["to"] - b["minutes"] + eps
        fits = not needs
        for (p, _, end), (q, start, _) in zip(events, events[1:]):
            gap = start - end - M[p][q]
            if gap < -eps:
                bad.append(f"{name}: cannot reach place {q} by {start}")
            if needs and run["breaks"] is None:
                # Room for the drive and the break between two visits, the break starting
                # in its span (OR-Tools may split the drive with it).
                lo, hi = max(end, b["from"]), min(b["to"] - b["minutes"], start - b["minutes"])
                fits |= lo <= hi + eps and gap >= b["minutes"] - eps
        if needs and run["breaks"] is not None:
            fits = any(abs(e - s - b["minutes"]) < eps and s >= b["from"] - eps
                       and e <= b["to"] + eps for s, e in run["breaks"])
        if not fits:
            bad.append(f"{name}: no room for the break")
    for i, s in enumerate(stops):
        v = seen.get(i, [])
        if len(v) != s["visits"]:
            bad.append(f"{s['id']}: {len(v)} visits")
        elif len(v) == 2 and (apart(v[0][0], v[1][0]) < 2 or v[0][1] != v[1][1]
                              or abs(v[0][2] - v[1][2]) > eps):
            bad.append(f"{s['id']}: twice-weekly rule broken {v}")
    return bad


def figures(inst, runs):
    M = inst["minutes"]
    drive = 0.0
    for run in runs:
        depot = inst["trucks"][run["truck"]]["depot"]
        path = [depot] + [inst["stops"][i]["place"] for i, _, _ in run["visits"]] + [depot]
        drive += sum(M[a][b] for a, b in zip(path, path[1:]))
    return drive, len(runs), len({r["truck"] for r in runs})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--time-limit", type=int, nargs="+", default=[10, 60])
    ap.add_argument("--warm", type=int, default=60,
                    help="seconds of guided local search started from mobile-stops' week "
                         "(0: none)")
    args = ap.parse_args()
    rows = []
    for path in sorted(glob.glob(os.path.join(args.dir, "week-*.json"))):
        inst = json.load(open(path))
        ours = inst["ours"]
        bad = check(inst, ours["runs"])
        drive, days, trucks = figures(inst, ours["runs"])
        assert abs(drive - ours["drive_min"]) < 1e-3, (drive, ours["drive_min"])
        rows.append((inst["name"], "mobile-stops", drive, days, trucks, ours["seconds"],
                     "ok" if not bad else f"BROKEN: {bad[:3]}"))
        for limit in args.time_limit:
            sol, first, t0 = None, None, time.perf_counter()
            for first in FIRST:
                model = Model(inst)
                sol = model.solve(limit, first)
                if sol:
                    break
            secs = time.perf_counter() - t0
            if not sol:
                rows.append((inst["name"], f"OR-Tools GLS {limit}s", None, None, None, secs,
                             "no solution found"))
                continue
            runs = model.runs(sol)
            bad = check(inst, runs)
            drive, days, trucks = figures(inst, runs)
            rows.append((inst["name"], f"OR-Tools GLS {limit}s", drive, days, trucks, secs,
                         ("ok" if not bad else f"BROKEN: {bad[:3]}") + f" (first: {first})"))
        if args.warm:
            t0 = time.perf_counter()
            model = Model(inst)
            sol = model.solve(args.warm, FIRST[0], start=ours["runs"])
            secs = time.perf_counter() - t0
            if sol:
                runs = model.runs(sol)
                bad = check(inst, runs)
                drive, days, trucks = figures(inst, runs)
                note = ("ok" if not bad else f"BROKEN: {bad[:3]}") + " (from ours)"
            else:
                drive = days = trucks = None
                note = "OR-Tools rejected our week as a start"
            rows.append((inst["name"], f"OR-Tools GLS {args.warm}s warm", drive, days, trucks,
                         secs, note))
        print_rows(rows[-1 - len(args.time_limit) - bool(args.warm):], flush=True)
    print()
    print(json.dumps([dict(zip(["week", "solver", "drive_min", "truck_days", "trucks",
                                "seconds", "check"], r)) for r in rows]))


def print_rows(rows, flush=False):
    for name, solver, drive, days, trucks, secs, note in rows:
        d = f"{drive:9.1f}" if drive is not None else "        -"
        print(f"{name:8} {solver:20} {d} {days!s:>4} {trucks!s:>3} {secs:8.3f}  {note}",
              flush=flush)


if __name__ == "__main__":
    main()
