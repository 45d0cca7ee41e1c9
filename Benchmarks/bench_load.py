#!/usr/bin/env python3
"""Loading benchmark (issue: foundation): our CSV-pair loader against pandas + igraph.

Generates seeded graphs with ../shared/bench/gen_graph.py, then times, interleaved
(ours, peer, ours, peer, ...):
  ours : `partnergraph validate DIR` (release build): read both CSV files, check
         every cell, build the model with O(1) id lookup, run every semantic check;
         wall time of the whole process, start-up included.
  peer : pandas.read_csv of both files + igraph.Graph.DataFrame (in-process time,
         imports excluded), the figure the issue names.
Prints medians, the ratio ours/peer (target <= 1.0) and our peak RSS (target <= 600 MB).

usage: python3 Benchmarks/bench_load.py [--sizes 100000:500000] [--reps 5]
"""
import argparse, json, os, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared", "bench")
DATA = os.path.join(HERE, "data")

PEER = r'''
import sys, time, resource
import pandas as pd, igraph as ig
d = sys.argv[1]
t0 = time.perf_counter()
nodes = pd.read_csv(d + "/partners.csv", dtype=str).rename(columns={"name": "label"})  # igraph reserves "name"
ties = pd.read_csv(d + "/ties.csv", dtype={"source": str, "target": str, "type": str, "start": str, "end": str})
g = ig.Graph.DataFrame(ties, directed=False, vertices=nodes, use_vids=False)
t = time.perf_counter() - t0
print(t, g.vcount(), g.ecount(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
'''


def ensure_graph(n, m):
    out = os.path.join(DATA, f"{n}_{m}")
    if not os.path.exists(os.path.join(out, "ties.csv")):
        subprocess.run([sys.executable, os.path.join(SHARED, "gen_graph.py"), "--nodes", str(n), "--edges", str(m),
                        "--out", out, "--seed", "42"], check=True, stdout=subprocess.DEVNULL)
    return out


def ours(binary, d):
    t0 = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "validate", d], capture_output=True, text=True)
    t = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit("partnergraph validate failed:\n" + r.stderr)
    rss_mb = int(r.stderr.strip().splitlines()[-1]) / 1024
    return t, rss_mb


def peer(d):
    r = subprocess.run([sys.executable, "-c", PEER, d], capture_output=True, text=True, check=True)
    t, n, m, rss = r.stdout.split()
    return float(t), float(rss)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000:500000")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--binary", help="a release-built partnergraph (default: build one with Benchmarks/build_release.sh)")
    A = ap.parse_args()
    binary = A.binary
    if not binary:
        subprocess.run([os.path.join(ROOT, "Benchmarks", "build_release.sh"), "--product", "partnergraph"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        binary = os.path.join(ROOT, ".build", "release", "partnergraph")
    print(f"{'size':>16}  {'ours s':>8}  {'pandas+igraph s':>16}  {'ratio':>6}  {'our peak MB':>11}  {'peer peak MB':>12}")
    for size in A.sizes.split(","):
        n, m = map(int, size.split(":"))
        d = ensure_graph(n, m)
        ours(binary, d); peer(d)  # warm the page cache
        o, p, orss, prss = [], [], [], []
        for _ in range(A.reps):
            t, r = ours(binary, d); o.append(t); orss.append(r)
            t, r = peer(d); p.append(t); prss.append(r)
        mo, mp = statistics.median(o), statistics.median(p)
        print(f"{n:>7}/{m:<8}  {mo:8.3f}  {mp:16.3f}  {mo / mp:6.2f}  {max(orss):11.0f}  {max(prss):12.0f}")


if __name__ == "__main__":
    main()
