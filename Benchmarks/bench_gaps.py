#!/usr/bin/env python3
"""`partnergraph gaps` against `partnergraph analyze` on the same generated graph.

    python3 Benchmarks/bench_gaps.py [--rounds 3] [--nodes 10000 --edges 50000] [--as-of 2020-12-31] [--no-build]

1. uses Benchmarks/data/10k (or generates NODES/EDGES with ../shared/bench/gen_graph.py,
   seed 42, into a temporary directory when that is missing or the size differs);
2. builds partnergraph in release mode (scratch path .build-gaps);
3. picks the biggest hub (most ties) as the focal partner;
4. runs `analyze DIR --as-of D` and `gaps DIR --focal HUB --as-of D` interleaved,
   round after round, output to /dev/null, and prints the median wall-clock
   seconds of each and the ratio gaps / analyze (the target is at most 2).
"""
import argparse, collections, csv, os, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/bench"
SCRATCH = os.path.join(ROOT, ".build-gaps")
BIN = os.path.join(SCRATCH, "release", "partnergraph")


def data_dir(nodes, edges, tmp):
    d = os.path.join(HERE, "data", "10k")
    if (nodes, edges) == (10000, 50000) and os.path.exists(os.path.join(d, "ties.csv")):
        return d
    d = os.path.join(tmp, "graph")
    subprocess.run([sys.executable, os.path.join(SHARED, "gen_graph.py"), "--nodes", str(nodes), "--edges", str(edges),
                    "--out", d, "--seed", "42"], check=True, stdout=subprocess.DEVNULL)
    return d


def biggest_hub(d):
    c = collections.Counter()
    with open(os.path.join(d, "ties.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            c[r["source"]] += 1
            c[r["target"]] += 1
    return min(c.items(), key=lambda kv: (-kv[1], kv[0]))


def timed(args):
    t = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--nodes", type=int, default=10000)
    ap.add_argument("--edges", type=int, default=50000)
    ap.add_argument("--as-of", default="2020-12-31")
    ap.add_argument("--no-build", action="store_true")
    a = ap.parse_args()
    if not a.no_build:
        subprocess.run([os.path.join(ROOT, "Benchmarks", "build_release.sh"), "--scratch-path", SCRATCH, "--product", "partnergraph"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory() as tmp:
        d = data_dir(a.nodes, a.edges, tmp)
        hub, ties = biggest_hub(d)
        analyze = [BIN, "analyze", d, "--as-of", a.as_of]
        gaps = [BIN, "gaps", d, "--focal", hub, "--as-of", a.as_of]
        ta, tg = [], []
        for _ in range(a.rounds):
            ta.append(timed(analyze))
            tg.append(timed(gaps))
        ma, mg = statistics.median(ta), statistics.median(tg)
        print(f"graph {d}: {a.nodes} partners, {a.edges} ties; focal {hub} ({ties} ties); as of {a.as_of}; {a.rounds} rounds")
        print(f"analyze  median {ma:.3f} s  ({', '.join(f'{x:.3f}' for x in ta)})")
        print(f"gaps     median {mg:.3f} s  ({', '.join(f'{x:.3f}' for x in tg)})")
        print(f"ratio gaps / analyze = {mg / ma:.3f}  (target <= 2)")


if __name__ == "__main__":
    main()
