#!/usr/bin/env python3
"""Server-side time of one meeting change: POST /api/op then GET /api/state, as the page does
after each click, over loopback on the embedded data. Start a server first:

    mobile-stops serve --port 0 --session /tmp/bench-session > /tmp/serve.url &
    python3 benches/serve_ops.py "$(head -1 /tmp/serve.url)"

Prints p50, p95 and the largest of 120 changes (set_role and set_p, each a full re-solve).
The browser's own figure (click to redrawn map) is the page's benchmark."""
import http.client
import json
import sys
import time
from urllib.parse import urlparse

url = urlparse(sys.argv[1])
token = dict(p.split("=", 1) for p in url.query.split("&") if "=" in p).get("token")
q = f"?token={token}" if token else ""
c = http.client.HTTPConnection(url.netloc)
c.request("GET", "/api/state" + q)
state = json.loads(c.getresponse().read())
version = state["version"]
ids = [s["id"] for s in state["candidates"]][:6]
roles = ["excluded", "required", "free"]
times = []
for k in range(120):
    if k % 3:
        op = {"kind": "set_role", "id": ids[k % len(ids)], "role": roles[(k // 6) % 3]}
    else:
        op = {"kind": "set_p", "p": 3 + k % 4}
    body = json.dumps({"base": version, "who": "bench", "op": op})
    t0 = time.perf_counter()
    c.request("POST", "/api/op" + q, body, {"Content-Type": "application/json"})
    r = c.getresponse()
    reply = r.read()
    c.request("GET", "/api/state" + q)
    size = len(c.getresponse().read())
    times.append((time.perf_counter() - t0) * 1000)
    if r.status != 200:
        sys.exit(f"{r.status}: {reply[:200]!r}")
    version = json.loads(reply)["version"]
times.sort()
print(f"{len(times)} changes: p50 {times[len(times) // 2]:.1f} ms, "
      f"p95 {times[int(len(times) * 0.95)]:.1f} ms, max {times[-1]:.1f} ms; state {size} bytes")
