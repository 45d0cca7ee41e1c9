#!/usr/bin/env python3
"""Two pgbench builds head to head on the same tasks, interleaved, one thread.

    python3 Benchmarks/compare_pgbench.py --old OLD/pgbench --new NEW/pgbench \\
        [--size 100k] [--rounds 5] [--cases eigenvector,eigenvector:1e-6,pagerank:1e-12]

Each case is TASK or TASK:TOLERANCE (without a tolerance, each build's library
defaults). Every round runs every case with the old and then the new binary
(`pgbench --task TASK --threads 1 --reps 5 [--tolerance T]`); the table gives
the median over rounds of each run's median, each side's variant and summary
(argmax node and value), and new / old. Data: Benchmarks/data/SIZE, as made by
bench_analysis.py.
"""
import argparse, json, os, statistics, subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--old", required=True)
ap.add_argument("--new", required=True)
ap.add_argument("--size", default="100k")
ap.add_argument("--rounds", type=int, default=5)
ap.add_argument("--cases", default="eigenvector,eigenvector:1e-6,eigenvector:1e-12,"
                                   "pagerank,pagerank:1e-6,pagerank:1e-10,pagerank:1e-12")
A = ap.parse_args()
data = os.path.join(HERE, "data", A.size)
cases = [tuple(c.split(":")) if ":" in c else (c, None) for c in A.cases.split(",")]
times, seen = {}, {}
for _ in range(A.rounds):
    for task, tol in cases:
        for side, binary in (("old", A.old), ("new", A.new)):
            cmd = [binary, "--data", data, "--task", task, "--threads", "1", "--reps", "5"] + (["--tolerance", tol] if tol else [])
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            rows = [r for r in map(json.loads, (l for l in out.splitlines() if l.startswith("{"))) if r["task"] == task]
            times.setdefault((task, tol, side), []).append(statistics.median(r["seconds"] for r in rows))
            seen[(task, tol, side)] = (rows[-1]["variant"], rows[-1]["summary"])
print("| task | tolerance | old | old variant, summary | new | new variant, summary | new / old |")
print("|---|---|---|---|---|---|---|")
for task, tol in cases:
    o, n = (statistics.median(times[(task, tol, s)]) for s in ("old", "new"))
    print("| %s | %s | %.4f s | %s %s | %.4f s | %s %s | %.2f |" % (
        task, tol or "defaults", o, *seen[(task, tol, "old")], n, *seen[(task, tol, "new")], n / o))
