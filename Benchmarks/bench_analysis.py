#!/usr/bin/env python3
"""PartnerAnalysis against its peers, on the same generated files, in one run.

    python3 Benchmarks/bench_analysis.py [--rounds 3] [--only TASK[,TASK]] [--sizes 1k,10k,100k]
                                         [--all-peers] [--no-build]

1. generates Benchmarks/data/{1k,10k,100k} with ../shared/bench/gen_graph.py
   (seed 42; skipped when present) and the 256 pivots peers.py uses
   (random.Random(7).sample(range(n), 256)) into DIR/pivots256.txt;
2. builds pgbench in release mode (scratch path .build-analysis);
3. for every (size, task) runs ours and the peers interleaved, round after
   round (ours, peer, ours, peer, ...), each run repeating the task as
   peers.py does (adaptive, or once for tasks over ~5 s), and takes the median
   of the runs' medians;
4. prints one table: seconds, ratio ours / peer (below 1 = we are faster),
   peak RSS during the task, and each side's summary (argmax node, counts)
   so the results can be cross-checked.

Peers: ../shared/bench/peers.py (igraph, NetworKit 1 and 2 threads, NetworkX);
k-core and eigenvector centrality, which peers.py lacks, through Benchmarks/peer_extra.py.
"""
import argparse, json, os, random, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench"))
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/bench"
DATA = os.path.join(HERE, "data")
PGBENCH = os.path.join(ROOT, ".build-analysis", "release", "pgbench")
SIZES = {"1k": (1000, 5000), "10k": (10000, 50000), "100k": (100000, 500000)}

# (size, task, our thread counts, peers, reps per run: 0 = adaptive)
PLAN = [
    ("1k", "betweenness_exact", [1], ["networkx", "igraph"], 0),
    ("1k", "harmonic_exact", [1], ["networkx", "igraph"], 0),
    ("10k", "betweenness_exact", [1, 2], ["igraph"], 1),
    ("10k", "harmonic_exact", [1, 2], ["igraph"], 0),
    ("100k", "betweenness_k256", [1, 2], ["igraph"], 1),
    ("100k", "pagerank", [1, 2], ["igraph", "networkit", "networkit-mt"], 0),
    ("100k", "components", [1], ["igraph", "networkit"], 0),
    ("100k", "eigenvector", [1], ["igraph*", "networkit*"], 0),
    ("100k", "kcore", [1], ["igraph*", "networkit*"], 0),
    ("100k", "articulation", [1], ["igraph", "networkit"], 0),
    ("100k", "constraint", [1], ["igraph"], 0),
    ("100k", "louvain", [1], ["networkit", "igraph"], 0),
    ("100k", "degree", [1], ["igraph"], 0),
    ("100k", "load", [1], ["igraph", "networkit"], 0),
]
EXTRA_PEERS = {("10k", "betweenness_exact"): ["networkit", "networkit-mt"],
               ("10k", "harmonic_exact"): ["networkit", "networkit-mt"],
               ("100k", "betweenness_k256"): ["networkit", "networkit-mt"],
               ("100k", "louvain"): ["networkit-mt"]}


def ensure_data(sizes):
    for s in sizes:
        d = os.path.join(DATA, s)
        if not os.path.exists(os.path.join(d, "ties.csv")):
            n, m = SIZES[s]
            subprocess.run([sys.executable, os.path.join(SHARED, "gen_graph.py"), "--nodes", str(n), "--edges", str(m),
                            "--out", d], check=True, stdout=subprocess.DEVNULL)
        piv = os.path.join(d, "pivots256.txt")
        if not os.path.exists(piv):
            n = sum(1 for _ in open(os.path.join(d, "partners.csv"))) - 1
            with open(piv, "w") as f:
                f.write(" ".join(map(str, random.Random(7).sample(range(n), min(256, n)))) + "\n")


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write("failed: %s\n%s" % (" ".join(cmd), p.stderr[-2000:]))
        return []
    out = []
    for line in p.stdout.splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            pass
    return out


def measure(side, size, task, reps, rnd):
    """side: ('ours', threads) or ('peer', lib). Returns (median seconds, peak MB, summary) or None."""
    d = os.path.join(DATA, size)
    if side[0] == "ours":
        cmd = [PGBENCH, "--data", d, "--size", size, "--task", task, "--threads", str(side[1]), "--round", str(rnd),
               "--pivots", os.path.join(d, "pivots256.txt")]
    else:
        lib = side[1]
        script = os.path.join(SHARED, "peers.py")
        if lib.endswith("*"):
            lib, script = lib[:-1], os.path.join(HERE, "peer_extra.py")
        cmd = [sys.executable, script, "--lib", lib, "--size", size, "--task", task, "--data", DATA,
               "--round", str(rnd)]
    if reps:
        cmd += ["--reps", str(reps)]
    rows = [r for r in run(cmd) if r.get("task") == task and r.get("status", "ok") == "ok" and r.get("seconds") is not None]
    if not rows:
        return None
    return (statistics.median(r["seconds"] for r in rows), max(r["peak_rss_mb"] or 0 for r in rows), rows[-1]["summary"])


def fmt_s(x):
    if x is None:
        return "–"
    return "%.4f" % x if x < 0.1 else ("%.3f" % x if x < 10 else "%.1f" % x)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", default="")
    ap.add_argument("--sizes", default="1k,10k,100k")
    ap.add_argument("--all-peers", action="store_true", help="also NetworKit on the slow tasks (adds minutes)")
    ap.add_argument("--no-build", action="store_true")
    A = ap.parse_args()
    sizes = A.sizes.split(",")
    only = set(A.only.split(",")) if A.only else None
    ensure_data(sizes)
    if not A.no_build:
        subprocess.run([os.path.join(ROOT, "Benchmarks", "build_release.sh"), "--scratch-path", os.path.join(ROOT, ".build-analysis"),
                        "--product", "pgbench"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    plan = [p for p in PLAN if p[0] in sizes and (only is None or p[1] in only)]
    print("# PartnerAnalysis benchmark — %s — %d round(s), medians; ratio = ours / peer"
          % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), A.rounds))
    print("# machine: %s, %d cores, load average at start %s" % (os.uname().machine, os.cpu_count(),
                                                                  open("/proc/loadavg").read().split()[0]))
    header = "%-5s %-18s %-16s %9s %9s %8s %9s  %s" % ("size", "task", "side", "seconds", "ratio t1", "ratio t2",
                                                       "peak MB", "summary")
    print(header)
    print("-" * len(header))
    for size, task, threads, peers, reps in plan:
        peers = peers + (EXTRA_PEERS.get((size, task), []) if A.all_peers else [])
        sides = [("ours", t) for t in threads] + [("peer", p) for p in peers]
        if task == "load":
            sides = [("ours", 1)] + [("peer", p) for p in peers]
        results = {s: [] for s in sides}
        for rnd in range(A.rounds):
            for s in sides:          # interleaved: ours t1, ours t2, peer 1, ... then again
                r = measure(s, size, task, reps, rnd)
                if r:
                    results[s].append(r)
        med = {s: (statistics.median(x[0] for x in v), max(x[1] for x in v), v[-1][2]) if v else None
               for s, v in results.items()}
        ours1 = med.get(("ours", 1)); ours2 = med.get(("ours", 2))
        for s in sides:
            m = med[s]
            name = "ours %d thread%s" % (s[1], "" if s[1] == 1 else "s") if s[0] == "ours" else s[1].rstrip("*")
            r1 = r2 = ""
            if s[0] == "peer" and m:
                r1 = "%.2f" % (ours1[0] / m[0]) if ours1 else ""
                r2 = "%.2f" % (ours2[0] / m[0]) if ours2 else ""
            print("%-5s %-18s %-16s %9s %9s %8s %9s  %s" % (size, task, name, fmt_s(m[0]) if m else "n/a", r1, r2,
                                                           "%.1f" % m[1] if m else "", json.dumps(m[2]) if m else ""))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
