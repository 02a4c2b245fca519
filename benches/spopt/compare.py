#!/usr/bin/env python3
"""Side-by-side timing of `mobile-stops solve` against PySAL spopt + CBC.

The issue asks for "at least 10x faster than PySAL spopt with its default CBC on the same
instances (model build + solve), measured side by side in one run; say the ratio".
This script runs both on the public benchmark instances in ../shared/benchmarks, checks
that they reach the same objective, and prints the time ratio spopt / ours.

Run it with the interpreter of a virtualenv that has spopt and pulp installed (see
README.md next to this file). Only the standard library, numpy, spopt and pulp are used.

What is timed:
  spopt  `Model.from_cost_matrix(...)` + `.solve(pulp.PULP_CBC_CMD(msg=False))`, in a
         separate process so that a run over --spopt-timeout can be killed. Building the
         distance matrix (Floyd-Warshall, Euclidean) is NOT timed: it is input preparation.
  ours   the JSON `seconds` of the binary (model build + solve, also without reading the
         file and without Floyd-Warshall), and the wall clock of the whole subprocess
         (process start, file reading, Floyd-Warshall, output): the conservative figure.
"""

from __future__ import annotations

import argparse
import csv
import functools
import importlib.metadata
import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
MODELS = ("pmedian", "pcenter", "mclp", "lscp")

# The binary prints `seconds` rounded to 3 decimals, so 0.0 means "under half a
# millisecond". Dividing by this floor then gives a lower bound on the ratio.
JSON_SECONDS_FLOOR = 0.0005


# ---------------------------------------------------------------------------------------
# Instances
# ---------------------------------------------------------------------------------------


@dataclass
class Case:
    """One benchmark run: a file, a model and its parameters."""

    instance: str  # e.g. "pmed1", "SJC324"
    model: str  # one of MODELS
    path: Path
    p: int | None = None  # None for LSCP; for pmed the file's own p is filled in
    radius: int | None = None  # covering models only
    optimum: float | None = None  # known optimum from the benchmark CSVs, if any


def read_orlib(path: Path) -> tuple[np.ndarray, int]:
    """Shortest-path matrix and p of an OR-Library pmed file (rules of its README)."""
    tokens = path.read_text().split()  # lines start with blanks: parse tokens, not columns
    n, m, p = (int(t) for t in tokens[:3])
    edges = np.array(tokens[3 : 3 + 3 * m], dtype=np.int64).reshape(m, 3)
    inf = np.int64(1) << 40  # far above any path length, and inf + inf cannot overflow
    d = np.full((n, n), inf, dtype=np.int64)
    np.fill_diagonal(d, 0)
    # File order matters: a later line for the same pair overwrites the earlier cost
    # (not the minimum). A plain Python loop keeps that order explicit; fancy-index
    # assignment with repeated indices does not promise "last one wins".
    for i, j, c in edges:
        d[i - 1, j - 1] = c
        d[j - 1, i - 1] = c
    for k in range(n):  # Floyd-Warshall, one vectorised relaxation per pivot
        np.minimum(d, d[:, k : k + 1] + d[k : k + 1, :], out=d)
    if (d >= inf).any():
        raise ValueError(f"{path}: graph is not connected")
    return d, p


def read_sjc(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Integer coordinates (n x 2) and demands of an SJC file.

    Whitespace splitting copes with the tabs, trailing tabs, CRLF and the missing final
    newline of SJC818. The header's p and S are placeholders and ignored.
    """
    tokens = path.read_text().split()
    n = int(tokens[0])
    rows = np.array(tokens[4 : 4 + 3 * n], dtype=np.int64).reshape(n, 3)
    return rows[:, :2], rows[:, 2]


def squared_distances(xy: np.ndarray) -> np.ndarray:
    diff = xy[:, None, :] - xy[None, :, :]
    return (diff * diff).sum(axis=2)


def read_optima(root: Path) -> dict[tuple, float]:
    """Known optima keyed by (model, instance, p, radius); p/radius None where unused."""
    out: dict[tuple, float] = {}
    for model, rel in (
        ("pmedian", "orlib-pmed/optima.csv"),
        ("pcenter", "orlib-pmed/pcenter_optima.csv"),
    ):
        with open(root / rel, newline="") as f:
            for r in csv.DictReader(f):
                out[(model, r["instance"], int(r["p"]), None)] = float(r["optimum"])
    with open(root / "mclp-sjc-lorena/mclp_computed_optima.csv", newline="") as f:
        for r in csv.DictReader(f):
            key = ("mclp", r["instance"], int(r["p"]), int(r["radius"]))
            out[key] = float(r["optimum"])
    with open(root / "mclp-sjc-lorena/lscp_computed_optima.csv", newline="") as f:
        for r in csv.DictReader(f):
            key = ("lscp", r["instance"], None, int(r["radius"]))
            out[key] = float(r["min_facilities"])
    return out


def build_cases(root: Path, which: str) -> list[Case]:
    pmed_dir = root / "orlib-pmed/instances"
    sjc_dir = root / "mclp-sjc-lorena/instances"
    optima = read_optima(root)
    cases: list[Case] = []

    def pmed(k: int) -> None:
        path = pmed_dir / f"pmed{k}.txt"
        p = int(path.read_text().split()[2])
        for model in ("pmedian", "pcenter"):
            opt = optima.get((model, f"pmed{k}", p, None))
            cases.append(Case(f"pmed{k}", model, path, p, None, opt))

    def sjc(name: str, model: str, radius: int, p: int | None) -> None:
        opt = optima.get((model, name, p, radius))
        cases.append(Case(name, model, sjc_dir / f"{name}.txt", p, radius, opt))

    if which == "quick":
        for k in (1, 6, 11):
            pmed(k)
        sjc("SJC324", "mclp", 800, 5)
        sjc("SJC324", "mclp", 1200, 3)
        sjc("SJC324", "lscp", 800, None)
    else:
        for k in range(1, 41):
            pmed(k)
        # Every (instance, radius, p) the optimum table lists: p = 1 up to the LSCP minimum.
        for (model, name, p, radius), _ in sorted(
            optima.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][3] or 0, kv[0][2] or 0)
        ):
            if model == "mclp":
                sjc(name, "mclp", radius, p)
        for name in ("SJC324", "SJC402", "SJC500", "SJC708", "SJC818"):
            for radius in (800, 1200):
                sjc(name, "lscp", radius, None)
    return cases


@dataclass
class Data:
    """Prepared input of one case: the cost matrix spopt gets and what scoring needs."""

    dist: np.ndarray  # float64 cost matrix passed to spopt (clients x sites)
    weights: np.ndarray  # demand per client
    covers: np.ndarray | None = None  # bool matrix of the exact integer coverage rule
    note: str = ""


def prepare(case: Case) -> Data:
    if case.model in ("pmedian", "pcenter"):
        return _prepare(case.path, None)  # p-median and p-center share one matrix
    return _prepare(case.path, case.radius)


@functools.lru_cache(maxsize=2)  # consecutive cases mostly share a file; 900x900 is 6 MB
def _prepare(path: Path, radius: int | None) -> Data:
    if radius is None:
        d, _ = read_orlib(path)
        return Data(d.astype(np.float64), np.ones(d.shape[0]))
    xy, demand = read_sjc(path)
    sq = squared_distances(xy)
    covers = sq <= radius * radius
    dist = np.sqrt(sq.astype(np.float64))
    # spopt decides coverage with `cost_matrix <= service_radius` on floats. sqrt is
    # correctly rounded, so for integer S this should agree with dx*dx+dy*dy <= S*S;
    # count the pairs to make sure both sides solve the same problem.
    by_spopt = int((dist <= radius).sum())
    by_rule = int(covers.sum())
    note = f"{by_spopt} covered pairs by spopt's D <= S, {by_rule} by dx*dx+dy*dy <= S*S"
    if by_spopt != by_rule:
        note = "COVERAGE DIFFERS: " + note
    return Data(dist, demand.astype(np.float64), covers, note)


def score(case: Case, data: Data, chosen: list[int]) -> float:
    """The objective of a set of chosen sites (0-based), the same way for both tools."""
    if case.model == "lscp":
        return float(len(chosen))
    if case.model == "mclp":
        reached = data.covers[:, chosen].any(axis=1)
        return float(data.weights[reached].sum())
    nearest = data.dist[:, chosen].min(axis=1)
    if case.model == "pmedian":
        return float((data.weights * nearest).sum())
    return float(nearest.max())  # pcenter


# ---------------------------------------------------------------------------------------
# spopt side (runs in a child process: `compare.py --spopt-worker DIR`)
# ---------------------------------------------------------------------------------------


def spopt_worker(work: Path) -> None:
    """Load the prepared matrix, build and solve with spopt, write result.json.

    Prints READY once imports and loading are done, so that the parent starts the
    timeout clock only for build + solve (importing spopt alone takes seconds).
    """
    spec = json.loads((work / "spec.json").read_text())
    dist = np.load(work / "dist.npy")
    weights = np.load(work / "weights.npy")
    import pulp
    from spopt.locate import LSCP, MCLP, PCenter, PMedian

    print("READY", flush=True)
    # Nothing else may go to the pipe the parent no longer reads.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)

    model, p, radius = spec["model"], spec["p"], spec["radius"]
    solver = pulp.PULP_CBC_CMD(msg=False, threads=spec["cbc_threads"])
    t0 = time.perf_counter()
    # Keyword arguments as in spopt 0.7: PCenter takes no weights, LSCP no p.
    if model == "pmedian":
        m = PMedian.from_cost_matrix(dist, weights, p_facilities=p)
    elif model == "pcenter":
        m = PCenter.from_cost_matrix(dist, p_facilities=p)
    elif model == "mclp":
        m = MCLP.from_cost_matrix(dist, weights, service_radius=radius, p_facilities=p)
    else:
        m = LSCP.from_cost_matrix(dist, service_radius=radius)
    t1 = time.perf_counter()
    try:
        # results=False skips spopt's pure-Python client/facility tables, which are
        # reporting, not solving: leaving them out can only make spopt look faster.
        m.solve(solver, results=spec["results"])
        error = None
    except Exception as e:  # spopt raises when CBC does not report "Optimal"
        error = f"{type(e).__name__}: {e}"
    t2 = time.perf_counter()
    chosen = [j for j, v in enumerate(m.fac_vars) if (v.value() or 0) > 0.5]
    result = {
        "build_s": t1 - t0,
        "solve_s": t2 - t1,
        "status": pulp.LpStatus[m.problem.status],
        "chosen": chosen,
        "error": error,
    }
    (work / "result.json").write_text(json.dumps(result))


@dataclass
class SpoptRun:
    seconds: float | None = None  # build + solve; the timeout when timed out
    build_s: float | None = None
    chosen: list[int] = field(default_factory=list)
    status: str = ""
    timed_out: bool = False
    error: str | None = None


def run_spopt(case: Case, data: Data, args) -> SpoptRun:
    with tempfile.TemporaryDirectory(prefix="spopt-cmp-") as tmp:
        work = Path(tmp)
        np.save(work / "dist.npy", data.dist)
        np.save(work / "weights.npy", data.weights)
        spec = {
            "model": case.model,
            "p": case.p,
            "radius": case.radius,
            "cbc_threads": args.cbc_threads,
            "results": args.spopt_results,
        }
        (work / "spec.json").write_text(json.dumps(spec))
        # pulp writes its .mps/.sol files to TMP/TMPDIR: keep them in our directory so a
        # killed CBC leaves nothing behind.
        env = dict(os.environ, TMPDIR=tmp, TMP=tmp)
        with open(work / "stderr.txt", "w+") as stderr:
            # A new session makes the worker the leader of a process group that also
            # holds its CBC child, so a timeout can kill both.
            proc = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--spopt-worker", tmp],
                stdout=subprocess.PIPE,
                stderr=stderr,
                env=env,
                text=True,
                start_new_session=True,
            )
            timed_out = False
            try:
                if proc.stdout.readline().strip() == "READY":
                    try:
                        proc.wait(timeout=args.spopt_timeout)
                    except subprocess.TimeoutExpired:
                        timed_out = True
                proc.stdout.close()
            finally:
                if proc.poll() is None:  # timeout, or Ctrl-C while waiting
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            if timed_out:
                return SpoptRun(seconds=args.spopt_timeout, timed_out=True, status="timeout")
            result_file = work / "result.json"
            if not result_file.exists():
                stderr.seek(0)
                tail = stderr.read().strip()[-300:]
                return SpoptRun(error=f"worker exit {proc.returncode}: {tail}")
        r = json.loads(result_file.read_text())
    return SpoptRun(
        seconds=r["build_s"] + r["solve_s"],
        build_s=r["build_s"],
        chosen=r["chosen"],
        status=r["status"],
        error=r["error"],
    )


# ---------------------------------------------------------------------------------------
# Our side
# ---------------------------------------------------------------------------------------


@dataclass
class OurRun:
    json_s: float | None = None
    wall_s: float | None = None
    objective: float | None = None
    chosen: list[int] = field(default_factory=list)
    status: str = ""
    error: str | None = None


def our_command(case: Case, args) -> list[str]:
    cmd = [str(args.binary)]
    if args.threads is not None:
        cmd += ["--threads", str(args.threads)]  # global option: before the subcommand
    cmd += ["solve", "--model", case.model, "--format", "json"]
    if case.model in ("pmedian", "pcenter"):
        cmd += ["--orlib", str(case.path)]  # p comes from the file
    else:
        cmd += ["--sjc", str(case.path), "--radius-m", str(case.radius)]
        if case.p is not None:
            cmd += ["--p", str(case.p)]
    if args.method:
        cmd += ["--method", args.method]
    return cmd


def run_ours(case: Case, args) -> OurRun:
    cmd = our_command(case, args)
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.our_timeout)
    except subprocess.TimeoutExpired:
        return OurRun(error=f"timeout after {args.our_timeout} s")
    wall = time.perf_counter() - t0
    # Exit 3 means "infeasible" and still prints a result.
    if proc.returncode not in (0, 3):
        return OurRun(wall_s=wall, error=f"exit {proc.returncode}: {proc.stderr.strip()[:200]}")
    out = json.loads(proc.stdout)
    # Benchmark instances name their sites "1".."n" in file order.
    chosen = [int(s) - 1 for s in out.get("stops", [])]
    return OurRun(
        json_s=float(out["seconds"]),
        wall_s=wall,
        objective=None if out.get("objective") is None else float(out["objective"]),
        chosen=chosen,
        status=out.get("status", ""),
    )


# ---------------------------------------------------------------------------------------
# Comparison and report
# ---------------------------------------------------------------------------------------


def same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def ratio(spopt: SpoptRun, ours_s: float | None, floor: float = 0.0) -> tuple[float | None, bool]:
    """spopt / ours, and whether it is only a lower bound (spopt timeout, ours < floor)."""
    if spopt.seconds is None or ours_s is None:
        return None, False
    lower = spopt.timed_out or ours_s < floor
    return spopt.seconds / max(ours_s, floor, 1e-9), lower


def fmt_num(x: float | None, digits: int = 0) -> str:
    if x is None:
        return "-"
    return f"{x:.{digits}f}" if digits or x != int(x) else f"{int(x)}"


def fmt_ratio(r: float | None, lower: bool) -> str:
    if r is None:
        return "-"
    return ("≥" if lower else "") + (f"{r:.0f}" if r >= 100 else f"{r:.1f}")


COLUMNS = [  # (header, width)
    ("instance", 8), ("model", 7), ("p", 3), ("radius", 6), ("optimum", 8),
    ("spopt obj", 9), ("our obj", 8), ("equal", 5), ("our status", 10),
    ("spopt s", 8), ("our s", 7), ("our wall", 8), ("ratio", 7), ("ratio wall", 10),
    ("note", 0),
]


def print_row(cells: list[str]) -> None:
    parts = [c.rjust(w) if w else c for c, (_, w) in zip(cells, COLUMNS)]
    print("  ".join(parts).rstrip(), flush=True)


def compare(case: Case, args) -> dict:
    data = prepare(case)
    notes = [data.note] if data.note.startswith("COVERAGE DIFFERS") else []
    ours = run_ours(case, args)
    spopt = run_spopt(case, data, args)

    spopt_obj = score(case, data, spopt.chosen) if spopt.chosen and not spopt.error else None
    if ours.error:
        notes.append("ours: " + ours.error)
    elif ours.chosen:
        # Score our stops independently: a wrong reported objective must not pass as "equal".
        mine = score(case, data, ours.chosen)
        if not same(mine, ours.objective):
            notes.append(f"our stops score {fmt_num(mine)}, reported {fmt_num(ours.objective)}")
        if case.model == "lscp" and not data.covers[:, ours.chosen].any(axis=1).all():
            notes.append("our LSCP stops leave points uncovered")
    if spopt.error:
        notes.append("spopt: " + spopt.error)
    if spopt.timed_out:
        notes.append(f"spopt killed after {args.spopt_timeout:g} s")
    if case.optimum is not None and spopt_obj is not None and not same(spopt_obj, case.optimum):
        notes.append("spopt != optimum")
    if case.optimum is not None and ours.objective is not None and not same(ours.objective, case.optimum):
        notes.append("ours != optimum")

    r_json, lb_json = ratio(spopt, ours.json_s, JSON_SECONDS_FLOOR)
    r_wall, lb_wall = ratio(spopt, ours.wall_s)
    equal = "n/a" if spopt_obj is None or ours.objective is None else (
        "yes" if same(spopt_obj, ours.objective) else "NO")
    row = {
        "instance": case.instance,
        "model": case.model,
        "p": case.p,
        "radius": case.radius,
        "optimum": case.optimum,
        "spopt_objective": spopt_obj,
        "spopt_status": spopt.status or ("error" if spopt.error else ""),
        "spopt_build_s": spopt.build_s,
        "spopt_s": spopt.seconds,
        "spopt_timed_out": spopt.timed_out,
        "our_objective": ours.objective,
        "our_status": ours.status or ("error" if ours.error else ""),
        "our_json_s": ours.json_s,
        "our_wall_s": ours.wall_s,
        "equal": equal,
        "ratio": r_json,
        "ratio_is_lower_bound": lb_json,
        "ratio_wall": r_wall,
        "ratio_wall_is_lower_bound": lb_wall,
        "note": "; ".join(notes),
    }
    spopt_s = fmt_num(spopt.seconds, 3) if spopt.seconds is not None else "error"
    if spopt.timed_out:
        spopt_s = "timeout"
    print_row([
        case.instance, case.model, fmt_num(case.p), fmt_num(case.radius), fmt_num(case.optimum),
        fmt_num(spopt_obj), fmt_num(ours.objective), equal, row["our_status"] or "-",
        spopt_s, fmt_num(ours.json_s, 3), fmt_num(ours.wall_s, 3),
        fmt_ratio(r_json, lb_json), fmt_ratio(r_wall, lb_wall), row["note"],
    ])
    return row


def label(r: dict) -> str:
    extra = (f" p={r['p']}" if r["model"] == "mclp" else "") + (
        f" S={r['radius']}" if r["radius"] is not None else "")
    return f"{r['instance']} {r['model']}{extra}"


def summary(rows: list[dict]) -> None:
    done = [r for r in rows if r["spopt_s"] is not None and r["our_json_s"] is not None]
    print(f"\n{len(done)} of {len(rows)} runs timed on both sides"
          f"{'; a spopt timeout counts as its time (lower bound, ≥)' if any(r['spopt_timed_out'] for r in done) else ''}")
    totals(done, "all timed runs")
    # A fast wrong answer proves nothing: the requirement is about the same answer faster.
    agree = [r for r in done if r["equal"] == "yes"]
    if len(agree) != len(done):
        totals(agree, "runs where both objectives agree")
    unequal = [label(r) for r in done if r["equal"] == "NO"]
    if unequal:
        print(f"objectives differ on {len(unequal)}: {', '.join(unequal)}")
    others = sorted({r["our_status"] for r in done} - {"optimal"})
    if others:
        print(f"our statuses other than optimal: {', '.join(others)}")


def totals(rows: list[dict], title: str) -> None:
    print(f"{title} ({len(rows)}):")
    if not rows:
        return
    any_timeout = any(r["spopt_timed_out"] for r in rows)
    total_spopt = sum(r["spopt_s"] for r in rows)
    print(f"  spopt build+solve total {'≥' if any_timeout else ''}{total_spopt:.3f} s")
    for what, key, floor, ratio_key in (
        ("ours, JSON seconds", "our_json_s", JSON_SECONDS_FLOOR, "ratio"),
        ("ours, wall clock", "our_wall_s", 1e-9, "ratio_wall"),
    ):
        total_ours = sum(r[key] for r in rows)
        overall = total_spopt / max(total_ours, floor)
        worst = min(rows, key=lambda r: r[ratio_key])
        print(f"  {what:18} total {total_ours:.3f} s; overall ratio "
              f"{fmt_ratio(overall, any_timeout or total_ours < floor)}; min ratio "
              f"{fmt_ratio(worst[ratio_key], worst[ratio_key + '_is_lower_bound'])} ({label(worst)})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=("quick", "full"), default="quick",
                    help="quick: 9 small runs; full: pmed1-40 (p-median, p-center), all SJC "
                         "MCLP rows of mclp_computed_optima.csv, LSCP on all five at 800/1200 m")
    ap.add_argument("--benchmarks", type=Path, default=REPO.parent / "shared/benchmarks",
                    help="benchmark root (default: <repo>/../shared/benchmarks)")
    ap.add_argument("--binary", type=Path, default=REPO / "target/release/mobile-stops",
                    help="mobile-stops binary (default: <repo>/target/release/mobile-stops)")
    ap.add_argument("--threads", type=int, default=None,
                    help="passed to the binary as `mobile-stops --threads N solve ...` "
                         "(default: the binary's own, all cores)")
    ap.add_argument("--method", choices=("exact", "heuristic", "mip"), default=None,
                    help="our --method (default: the binary's default)")
    ap.add_argument("--spopt-timeout", type=float, default=300.0,
                    help="seconds before spopt is killed; the timeout then counts as a lower "
                         "bound of its time (default 300)")
    ap.add_argument("--our-timeout", type=float, default=600.0,
                    help="seconds before our binary is killed (default 600)")
    ap.add_argument("--cbc-threads", type=int, default=None,
                    help="threads for CBC (default: pulp's default, single-threaded CBC)")
    ap.add_argument("--spopt-results", action="store_true",
                    help="time spopt's solve(results=True) post-processing too "
                         "(default off: only build + CBC, spopt's fastest path)")
    ap.add_argument("--models", default=",".join(MODELS),
                    help="comma-separated subset of " + ",".join(MODELS))
    ap.add_argument("--instances", default=None,
                    help="comma-separated instance names to keep, e.g. pmed1,SJC324")
    ap.add_argument("--csv", type=Path, default=None, help="also write the rows to this CSV")
    ap.add_argument("--spopt-worker", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.spopt_worker:
        spopt_worker(args.spopt_worker)
        return
    if importlib.util.find_spec("spopt") is None or importlib.util.find_spec("pulp") is None:
        sys.exit("spopt and pulp are not importable: run with the virtualenv's python "
                 "(see benches/spopt/README.md)")
    if not args.binary.is_file():
        sys.exit(f"{args.binary} not found: run `cargo build --release` first")

    models = set(args.models.split(","))
    if not models <= set(MODELS):
        sys.exit(f"--models: unknown {sorted(models - set(MODELS))}")
    cases = [c for c in build_cases(args.benchmarks, args.set) if c.model in models]
    if args.instances:
        keep = set(args.instances.split(","))
        cases = [c for c in cases if c.instance in keep]

    print(f"spopt {importlib.metadata.version('spopt')}, pulp {importlib.metadata.version('pulp')} "
          f"(CBC threads: {args.cbc_threads or 'default'}); binary {args.binary} "
          f"(--threads {args.threads or 'default'}, --method {args.method or 'default'}); "
          f"{len(cases)} runs")
    seen = set()
    for c in cases:
        if c.radius is not None and (c.instance, c.radius) not in seen:
            seen.add((c.instance, c.radius))
            print(f"coverage check {c.instance} S={c.radius}: {prepare(c).note}")
    print("times in seconds; ratio = spopt / our JSON seconds; ratio wall = spopt / our "
          "whole subprocess\n")
    # One untimed start so the first row's wall clock does not pay for a cold page cache.
    subprocess.run([str(args.binary), "--version"], capture_output=True)
    print_row([h for h, _ in COLUMNS])
    rows = [compare(c, args) for c in cases]
    summary(rows)
    if args.csv:
        with open(args.csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()) if rows else ["instance"])
            w.writeheader()
            w.writerows(rows)
        print(f"rows written to {args.csv}")


if __name__ == "__main__":
    main()
