#!/usr/bin/env python3
"""GraphML read speed: `partnergraph validate FILE.graphml` against NetworkX.

Generates the seeded 100,000-partner / 500,000-tie graph with
../shared/bench/gen_graph.py (CSV pair), converts it to GraphML with
`partnergraph convert`, then times, interleaved (ours, NetworkX, ours, …):

  * ours:     `partnergraph validate FILE.graphml` (release build: parse,
              build the network, run every semantic check), wall clock of
              the whole process;
  * NetworkX: `networkx.read_graphml(FILE)` in a fresh `python3` process,
              timed inside the process around the call (imports excluded).

Prints each run, the medians and the ratio ours / NetworkX (the issue asks
for <= 1.0).

usage: Benchmarks/bench_graphml.py [--nodes 100000] [--edges 500000]
           [--repeat 3] [--data /tmp/pg-bench-graphml] [--bin .build/release/partnergraph]
"""
import argparse, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(os.path.dirname(ROOT), "shared", "bench", "gen_graph.py")
if not os.path.exists(GEN):
    GEN = "/work/shared/bench/gen_graph.py"

NX_SCRIPT = """
import sys, time, networkx as nx
t = time.perf_counter()
G = nx.read_graphml(sys.argv[1])
dt = time.perf_counter() - t
print(dt, G.number_of_nodes(), G.number_of_edges())
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=100000)
    ap.add_argument("--edges", type=int, default=500000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data", default="/tmp/pg-bench-graphml")
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "partnergraph"))
    a = ap.parse_args()

    if not os.access(a.bin, os.X_OK):
        sys.exit(f"{a.bin} not found: build it with `Benchmarks/build_release.sh --product partnergraph`")
    size = f"{a.nodes // 1000}k"
    csv_dir = os.path.join(a.data, size)
    graphml = os.path.join(a.data, f"{size}.graphml")
    if not os.path.exists(os.path.join(csv_dir, "ties.csv")):
        subprocess.run([sys.executable, GEN, "--nodes", str(a.nodes), "--edges", str(a.edges), "--out", csv_dir],
                       check=True)
    if not os.path.exists(graphml):
        t = time.perf_counter()
        subprocess.run([a.bin, "convert", csv_dir, "-o", graphml], check=True)
        print(f"convert CSV pair -> GraphML: {time.perf_counter() - t:.2f} s, "
              f"{os.path.getsize(graphml) / 1e6:.1f} MB")

    ours, theirs = [], []
    for i in range(a.repeat):
        t = time.perf_counter()
        r = subprocess.run([a.bin, "validate", graphml], capture_output=True, text=True)
        dt = time.perf_counter() - t
        if r.returncode != 0:
            sys.exit(f"validate failed:\n{r.stderr}")
        ours.append(dt)
        print(f"run {i + 1}: partnergraph validate {dt:.2f} s  ({r.stdout.strip().split(': ok: ')[-1]})")
        r = subprocess.run([sys.executable, "-c", NX_SCRIPT, graphml], capture_output=True, text=True, check=True)
        secs, n, m = r.stdout.split()
        theirs.append(float(secs))
        print(f"run {i + 1}: networkx.read_graphml {float(secs):.2f} s  ({n} nodes, {m} edges)")
    mo, mt = statistics.median(ours), statistics.median(theirs)
    print(f"median: partnergraph validate {mo:.2f} s, networkx.read_graphml {mt:.2f} s, "
          f"ratio {mo / mt:.2f} x (target <= 1.0)")


if __name__ == "__main__":
    main()
