#!/usr/bin/env python3
"""Time a task that ../shared/bench/peers.py does not offer (k-core, eigenvector
centrality) with a peer.

usage: peer_extra.py --lib igraph|networkit|networkx --size SIZE --task kcore|eigenvector [--data DIR] [--reps N] [--round R]

eigenvector: igraph's ARPACK solver (`eigenvector_centrality()`; igraph 1.0 scales
the maximum to 1), NetworKit's power iteration (tol 1e-9, its default), NetworkX's
`eigenvector_centrality_numpy` (ARPACK through scipy). The summary is the argmax
node and its value, rescaled to unit Euclidean length where the library scales
differently.

Same graph as peers.py (python csv parse, repeated pairs collapsed, unweighted,
undirected), same JSON line shape and the same adaptive repetition rule.
"""
import argparse, csv, gc, json, os, re, time

ap = argparse.ArgumentParser()
ap.add_argument("--lib", required=True)
ap.add_argument("--size", required=True)
ap.add_argument("--task", default="kcore")
ap.add_argument("--data", default="data")
ap.add_argument("--reps", type=int, default=0)
ap.add_argument("--round", type=int, default=0)
A = ap.parse_args()
os.environ["OMP_NUM_THREADS"] = "1"


def rss(field):
    m = re.search(field + r":\s+(\d+) kB", open("/proc/self/status").read())
    return int(m.group(1)) / 1024.0


def reset_hwm():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def emit(task, seconds, variant, rep=0, summary=None, peak=None, n=None, m=None, status="ok"):
    print(json.dumps({"library": A.lib, "size": A.size, "task": task, "variant": variant, "rep": rep,
                      "round": A.round, "seconds": None if seconds is None else round(seconds, 6),
                      "peak_rss_mb": None if peak is None else round(peak, 1), "graph_rss_mb": None,
                      "threads": 1, "n": n, "m": m, "status": status, "summary": summary}), flush=True)


def parse(d):
    idx = {}
    with open(os.path.join(d, "partners.csv"), newline="") as f:
        r = csv.reader(f); next(r)
        for row in r:
            idx[row[0]] = len(idx)
    pw = {}
    with open(os.path.join(d, "ties.csv"), newline="") as f:
        r = csv.reader(f); next(r)
        for s, t, typ, start, end, w in r:
            a, b = idx[s], idx[t]
            if a > b: a, b = b, a
            if a == b: continue
            pw[(a, b)] = pw.get((a, b), 0.0) + float(w)
    return len(idx), list(pw.keys())


n, edges = parse(os.path.join(A.data, A.size))


def argmax(xs):
    xs = list(xs)
    norm = sum(x * x for x in xs) ** 0.5 or 1.0
    best = max(range(len(xs)), key=lambda i: xs[i])
    return [best, round(float(xs[best]) / norm, 6)]


kcore_summary = lambda r: int(max(r))
if A.lib == "igraph":
    import igraph as ig
    G = ig.Graph(n=n, edges=edges, directed=False)
    TASKS = {"kcore": ("g.coreness()", lambda: G.coreness(), kcore_summary),
             "eigenvector": ("g.eigenvector_centrality() (ARPACK)",
                             lambda: G.eigenvector_centrality(scale=False), argmax)}
elif A.lib == "networkit":
    import networkit as nk, numpy as np
    nk.setNumberOfThreads(1)
    G = nk.Graph(n, weighted=False, directed=False)
    G.addEdges((np.asarray([e[0] for e in edges], dtype=np.uint64), np.asarray([e[1] for e in edges], dtype=np.uint64)))
    def core():
        a = nk.centrality.CoreDecomposition(G); a.run(); return a.scores()
    def eig():
        a = nk.centrality.EigenvectorCentrality(G); a.run(); return a.scores()
    TASKS = {"kcore": ("CoreDecomposition", core, kcore_summary),
             "eigenvector": ("EigenvectorCentrality (power iteration, tol 1e-9)", eig, argmax)}
elif A.lib == "networkx":
    import networkx as nx
    G = nx.Graph(); G.add_nodes_from(range(n)); G.add_edges_from(edges)
    TASKS = {"kcore": ("nx.core_number", lambda: list(nx.core_number(G).values()), kcore_summary),
             "eigenvector": ("nx.eigenvector_centrality_numpy (ARPACK)",
                             lambda: list(nx.eigenvector_centrality_numpy(G).values()), argmax)}
else:
    raise SystemExit("unknown lib " + A.lib)
if A.task not in TASKS:
    emit(A.task, None, "not offered", status="n/a"); raise SystemExit(0)
variant, fn, summarize = TASKS[A.task]
total, rep = 0.0, 0
while True:
    gc.collect(); reset_hwm()
    t0 = time.perf_counter(); res = fn(); t = time.perf_counter() - t0
    emit(A.task, t, variant, rep=rep, summary=summarize(res), peak=rss("VmHWM"), n=n, m=len(edges))
    total += t; rep += 1
    if A.reps:
        if rep >= A.reps: break
    elif rep >= 5 or t > 20 or (total >= 2.0 and rep >= 3):
        break
