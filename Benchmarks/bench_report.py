#!/usr/bin/env python3
"""Report benchmark (issue: reports).

1. `report` on the 60-partner illustrative example against `render` alone on the
   same graph (same binary, same as-of date), interleaved; target: ratio <= 3.
2. `report` on a generated 1,000-partner / 5,000-tie graph with the default
   engine; target: under a minute.

usage: python3 Benchmarks/bench_report.py [--binary .build/release/partnergraph] [--reps 5]
"""
import argparse, os, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared", "bench")


def timed(cmd):
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    t = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr}")
    return t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary")
    ap.add_argument("--reps", type=int, default=5)
    A = ap.parse_args()
    binary = A.binary
    if not binary:
        subprocess.run(["swift", "build", "-c", "release", "--product", "partnergraph"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        binary = os.path.join(ROOT, ".build", "release", "partnergraph")
    out = tempfile.mkdtemp()
    graph = os.path.join(ROOT, "Graphs", "illustrative-partnerships.yaml")
    render = [binary, "render", graph, "--as-of", "2016-11-01", "-o", os.path.join(out, "r.svg")]
    report = [binary, "report", graph, "--as-of", "2016-11-01", "-o", os.path.join(out, "r.html")]
    timed(render); timed(report)  # warm caches
    r, p = [], []
    for _ in range(A.reps):
        r.append(timed(render)); p.append(timed(report))
    mr, mp = statistics.median(r), statistics.median(p)
    print(f"illustrative (68 partners): render {mr:.3f} s, report {mp:.3f} s, ratio {mp / mr:.2f} (target <= 3)")

    big = os.path.join(HERE, "data", "report_1000_5000")
    if not os.path.exists(os.path.join(big, "ties.csv")):
        subprocess.run([sys.executable, os.path.join(SHARED, "gen_graph.py"), "--nodes", "1000", "--edges", "5000",
                        "--out", big, "--seed", "42"], check=True, stdout=subprocess.DEVNULL)
    t = timed([binary, "report", big, "--focal", "P0000001", "--as-of", "2020-12-31", "-o", os.path.join(out, "big.html")])
    print(f"1,000 partners / 5,000 ties: report {t:.2f} s with the default engine (target < 60 s)")


if __name__ == "__main__":
    main()
