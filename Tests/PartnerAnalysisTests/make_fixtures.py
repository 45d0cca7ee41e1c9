#!/usr/bin/env python3
"""Regenerate Fixtures.swift and Reference.swift for PartnerAnalysisTests.

    python3 Tests/PartnerAnalysisTests/make_fixtures.py

Fixtures.swift  : the test graphs as Swift edge-list literals (node i = i-th node
                  in NetworkX's node order; names kept for readability).
Reference.swift : expected values computed here by NetworkX (and igraph where
                  NetworkX breaks equal-length weighted paths by float noise),
                  printed with repr() so that they round-trip exactly.

Tested with NetworkX 3.6.1, numpy 2.4 and python-igraph 1.0.0. Weighted path measures use
length = 1/weight (attribute 'dist'), as PartnerAnalysis does.
"""
import math, os, random, sys

# NetworkX sums some measures (harmonic) over set intersections, whose order follows
# string hashing: fix the hash seed so that the generated literals are byte-identical.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import networkx as nx
import numpy as np
import igraph as ig
from networkx.algorithms import community as nxc

HERE = os.path.dirname(os.path.abspath(__file__))


def lit(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "nil"
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int):
        return str(x)
    return repr(float(x))


def arr(xs, per_line=4, indent="            "):
    items = [lit(x) for x in xs]
    lines = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    return "[\n" + ",\n".join(indent + l for l in lines) + ",\n" + indent[:-4] + "]" if items else "[]"


def graphs():
    out = []
    kite = nx.krackhardt_kite_graph()
    out.append(("kite", kite, False))
    flo = nx.florentine_families_graph()
    out.append(("florentine", flo, False))
    flop = flo.copy(); flop.add_node("Pucci")
    out.append(("florentineWithPucci", flop, False))
    kar = nx.karate_club_graph()
    out.append(("karate", kar, True))
    dav = nx.davis_southern_women_graph()
    out.append(("davis", dav, False))
    les = nx.les_miserables_graph()
    out.append(("lesMiserables", les, True))
    return out


def directed_fixture():
    g = nx.gnp_random_graph(25, 0.12, seed=3, directed=True)
    return g


def directed_weighted_fixture():
    """The directed fixture with integer weights 1...5 drawn by random.Random(11), in edge order."""
    g = directed_fixture()
    rng = random.Random(11)
    for u, v, d in g.edges(data=True):
        d["weight"] = float(rng.randint(1, 5))
    return g


def index(G):
    nodes = list(G.nodes())
    return nodes, {v: i for i, v in enumerate(nodes)}


def edges_of(G, idx, weighted):
    es = []
    for u, v, d in G.edges(data=True):
        es.append((idx[u], idx[v], float(d.get("weight", 1.0)) if weighted else 1.0))
    return es


def vec(G, nodes, d):
    return [d[v] for v in nodes]


def with_dist(G):
    H = G.copy()
    for u, v, d in H.edges(data=True):
        d["dist"] = 1.0 / d["weight"]
    return H


def igraph_of(G, nodes, idx):
    g = ig.Graph(n=len(nodes), edges=[(idx[u], idx[v]) for u, v in G.edges()], directed=G.is_directed())
    g.es["weight"] = [float(d.get("weight", 1.0)) for _, _, d in G.edges(data=True)]
    return g


def exact_eigenvector(G, nodes, weight):
    """Unit-length leading eigenvector of the symmetric adjacency matrix, by numpy.linalg.eigh."""
    A = nx.to_numpy_array(G, nodelist=nodes, weight=weight)
    w, V = np.linalg.eigh(A)
    assert w[-1] - w[-2] > 1e-6, "top eigenvalue not simple"
    v = V[:, -1]
    v = v * np.sign(v.sum())
    return [0.0 if abs(x) < 1e-15 else float(x) for x in v]


def components_labels(G, nodes, idx):
    comps = sorted((sorted(idx[v] for v in c) for c in nx.connected_components(G)), key=lambda c: c[0])
    lab = [0] * len(nodes)
    for ci, c in enumerate(comps):
        for v in c:
            lab[v] = ci
    return lab


def reference(name, G, weighted):
    nodes, idx = index(G)
    n = len(nodes)
    r = {}
    r["degree"] = [G.degree(v) for v in nodes]
    r["degreeCentrality"] = vec(G, nodes, nx.degree_centrality(G))
    r["betweenness"] = vec(G, nodes, nx.betweenness_centrality(G))
    r["betweennessRaw"] = vec(G, nodes, nx.betweenness_centrality(G, normalized=False))
    r["closeness"] = vec(G, nodes, nx.closeness_centrality(G))
    r["harmonic"] = vec(G, nodes, nx.harmonic_centrality(G))
    # power iteration on A + I (NetworkX's convention), run to a tight tolerance; cross-checked
    # against the dense eigen-solver where the graph is connected
    r["eigenvector"] = vec(G, nodes, nx.eigenvector_centrality(G, max_iter=100000, tol=1e-15))
    if nx.is_connected(G):
        ev = nx.eigenvector_centrality_numpy(G)
        assert max(abs(ev[v] - r["eigenvector"][i]) for i, v in enumerate(nodes)) < 1e-12, name
    # NetworkX's defaults (tol 1e-6, max_iter 100): same iteration, so the same stopping point
    r["eigenvectorDefault"] = vec(G, nodes, nx.eigenvector_centrality(G))
    # the exact leading eigenvector (LAPACK's dense symmetric solver), which our default tolerance
    # must reach to 1e-10; the top eigenvalue is simple on every fixture
    r["eigenvectorExact"] = exact_eigenvector(G, nodes, None)
    r["pagerank"] = vec(G, nodes, nx.pagerank(G, tol=1e-15, max_iter=100000, weight=None))
    r["pagerankDefault"] = vec(G, nodes, nx.pagerank(G, weight=None))
    r["coreNumber"] = vec(G, nodes, nx.core_number(G))
    r["clustering"] = vec(G, nodes, nx.clustering(G))
    r["components"] = components_labels(G, nodes, idx)
    r["articulationPoints"] = sorted(idx[v] for v in nx.articulation_points(G))
    r["bridges"] = sorted(tuple(sorted((idx[u], idx[v]))) for u, v in nx.bridges(G))
    con = nx.constraint(G)
    r["constraint"] = [None if math.isnan(con[v]) else con[v] for v in nodes]
    es = nx.effective_size(G)
    r["effectiveSize"] = [None if math.isnan(es[v]) else es[v] for v in nodes]
    # sampled betweenness: NetworkX draws its pivots with random.Random(seed).sample(list(G), k)
    k, seed = min(5, n), 42
    piv = random.Random(seed).sample(list(G.nodes()), k)
    r["samplePivots"] = [idx[v] for v in piv]
    r["betweennessSampled"] = vec(G, nodes, nx.betweenness_centrality(G, k=k, seed=seed))
    r["betweennessSampledRaw"] = vec(G, nodes, nx.betweenness_centrality(G, k=k, seed=seed, normalized=False))
    if weighted:
        H = with_dist(G)
        # NetworkX's Dijkstra compares path lengths exactly, so sums such as 1/3 + 1/6 vs 1/2
        # may fail to tie; igraph compares with a relative tolerance of 1e-10, as we do.
        g = igraph_of(G, nodes, idx)
        raw = g.betweenness(weights=[1.0 / w for w in g.es["weight"]], directed=False)
        r["weightedBetweennessRaw"] = raw
        r["weightedBetweenness"] = [b * 2.0 / ((n - 1) * (n - 2)) for b in raw]
        nxw = vec(G, nodes, nx.betweenness_centrality(H, weight="dist", normalized=False))
        r["_nxWeightedBetweennessMaxDiff"] = max(abs(a - b) for a, b in zip(raw, nxw))
        r["weightedCloseness"] = vec(G, nodes, nx.closeness_centrality(H, distance="dist"))
        r["weightedHarmonic"] = vec(G, nodes, nx.harmonic_centrality(H, distance="dist"))
        r["weightedEigenvector"] = vec(G, nodes, nx.eigenvector_centrality(G, max_iter=100000, tol=1e-15, weight="weight"))
        r["weightedEigenvectorExact"] = exact_eigenvector(G, nodes, "weight")
        r["weightedPagerank"] = vec(G, nodes, nx.pagerank(G, tol=1e-15, max_iter=100000, weight="weight"))
        r["strength"] = [G.degree(v, weight="weight") for v in nodes]
        con = nx.constraint(G, weight="weight")
        r["weightedConstraint"] = [None if math.isnan(con[v]) else con[v] for v in nodes]
        # NetworkX 3.6.1's vectorised path (nodes=None, scipy present) divides the mutual
        # weights by the row maxima broadcast along the wrong axis, so its weighted values differ
        # from its own documented formula (m_vw = mutual weight / v's largest mutual weight) and
        # from its per-node path; we use the per-node path, which follows the definition.
        es = nx.effective_size(G, nodes=list(G), weight="weight")
        es_vec = nx.effective_size(G, weight="weight")
        print("%s: weighted effective size, NetworkX vectorised vs per-node max diff = %g"
              % (name, max(abs(es[v] - es_vec[v]) for v in G if es[v] == es[v])))
        r["weightedEffectiveSize"] = [None if math.isnan(es[v]) else es[v] for v in nodes]
    # best modularity NetworkX's Louvain reaches over seeds 0...9 (unweighted, and weighted)
    if weighted:
        r["weightedLouvainBestModularity"] = max(
            nxc.modularity(G, nxc.louvain_communities(G, weight="weight", seed=s), weight="weight") for s in range(10))
    r["louvainBestModularity"] = max(
        nxc.modularity(G, nxc.louvain_communities(G, weight=None, seed=s), weight=None) for s in range(10))
    return nodes, r


def directed_reference(G):
    nodes, idx = index(G)
    n = len(nodes)
    r = {}
    r["inDegree"] = [G.in_degree(v) for v in nodes]
    r["outDegree"] = [G.out_degree(v) for v in nodes]
    r["betweenness"] = vec(G, nodes, nx.betweenness_centrality(G))
    r["betweennessRaw"] = vec(G, nodes, nx.betweenness_centrality(G, normalized=False))
    r["closeness"] = vec(G, nodes, nx.closeness_centrality(G))
    r["harmonic"] = vec(G, nodes, nx.harmonic_centrality(G))
    r["pagerank"] = vec(G, nodes, nx.pagerank(G, tol=1e-15, max_iter=100000))
    r["degree"] = [G.degree(v) for v in nodes]
    r["degreeCentrality"] = vec(G, nodes, nx.degree_centrality(G))
    # left eigenvector (in-arcs), power iteration on A + I run to the limit
    r["eigenvector"] = vec(G, nodes, nx.eigenvector_centrality(G, max_iter=100000, tol=1e-15))
    r["coreNumber"] = vec(G, nodes, nx.core_number(G))
    k, seed = 6, 7
    piv = random.Random(seed).sample(list(G.nodes()), k)
    r["samplePivots"] = [idx[v] for v in piv]
    r["betweennessSampled"] = vec(G, nodes, nx.betweenness_centrality(G, k=k, seed=seed))
    # components of the underlying undirected graph (weak components)
    r["components"] = components_labels(G.to_undirected(), nodes, idx)
    return nodes, r


def directed_weighted_reference(G):
    """Weighted measures of the weighted directed fixture (length = 1/weight for paths)."""
    nodes, idx = index(G)
    n = len(nodes)
    r = {}
    r["strength"] = [G.degree(v, weight="weight") for v in nodes]
    # as for the undirected fixtures, igraph ties equal weighted lengths with a relative tolerance
    g = igraph_of(G, nodes, idx)
    raw = g.betweenness(weights=[1.0 / w for w in g.es["weight"]], directed=True)
    r["betweennessRaw"] = raw
    r["betweenness"] = [b / ((n - 1) * (n - 2)) for b in raw]
    H = with_dist(G)
    nxw = vec(G, nodes, nx.betweenness_centrality(H, weight="dist", normalized=False))
    print("directedWeighted: max |igraph - networkx| weighted raw betweenness = %g"
          % max(abs(a - b) for a, b in zip(raw, nxw)))
    r["closeness"] = vec(G, nodes, nx.closeness_centrality(H, distance="dist"))
    r["harmonic"] = vec(G, nodes, nx.harmonic_centrality(H, distance="dist"))
    r["eigenvector"] = vec(G, nodes, nx.eigenvector_centrality(G, max_iter=100000, tol=1e-15, weight="weight"))
    r["pagerank"] = vec(G, nodes, nx.pagerank(G, tol=1e-15, max_iter=100000, weight="weight"))
    return nodes, r


def emit_edges(fx, es):
    """Flat, homogeneously typed literals: cheap for the Swift type checker."""
    fx.append("        pairs: [")
    for i in range(0, len(es), 8):
        fx.append("            " + " ".join("%d, %d," % (u, v) for u, v, _ in es[i:i + 8]))
    fx.append("        ],")
    fx.append("        weights: [")
    for i in range(0, len(es), 8):
        fx.append("            " + " ".join("%s," % lit(w) for _, _, w in es[i:i + 8]))
    fx.append("        ],")


def swift_string(s):
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    fx = ["// Generated by make_fixtures.py from NetworkX " + nx.__version__ + " — do not edit.",
          "", "// swiftlint:disable all", "", "enum Fixtures {"]
    rf = ["// Generated by make_fixtures.py from NetworkX " + nx.__version__ + " and python-igraph "
          + ig.__version__ + " — do not edit.", "", "enum Reference {"]
    for name, G, weighted in graphs():
        nodes, idx = index(G)
        es = edges_of(G, idx, weighted)
        fx.append("    /// %s: %d nodes, %d edges%s." % (name, len(nodes), len(es), ", weighted" if weighted else ""))
        fx.append("    static let %s = Fixture(" % name)
        fx.append("        names: %s," % arr([None] * 0) if False else "        names: [" + ", ".join(swift_string(v) for v in nodes) + "],")
        emit_edges(fx, es)
        fx.append("        directed: false")
        fx.append("    )")
        _, r = reference(name, G, weighted)
        rf.append("    static let %s = Measures(" % name)
        keys = [k for k in r if not k.startswith("_")]
        for k in keys:
            v = r[k]
            if k == "bridges":
                rf.append("        %s: [%s]," % (k, ", ".join("[%d, %d]" % b for b in v)))
            elif isinstance(v, list):
                rf.append("        %s: %s," % (k, arr(v, indent="            ")))
            else:
                rf.append("        %s: %s," % (k, lit(v)))
        rf[-1] = rf[-1].rstrip(",")
        rf.append("    )")
        if "_nxWeightedBetweennessMaxDiff" in r:
            print("%s: max |igraph - networkx| weighted raw betweenness = %g" % (name, r["_nxWeightedBetweennessMaxDiff"]))
    D = directed_fixture()
    nodes, idx = index(D)
    es = edges_of(D, idx, False)
    fx.append("    /// directed G(25, 0.12), seed 3: %d arcs." % len(es))
    fx.append("    static let directedRandom = Fixture(")
    fx.append("        names: [" + ", ".join(swift_string(v) for v in nodes) + "],")
    emit_edges(fx, es)
    fx.append("        directed: true")
    fx.append("    )")
    W = directed_weighted_fixture()
    es = edges_of(W, idx, True)
    fx.append("    /// the directed fixture with weights 1...5 (random.Random(11)): %d arcs." % len(es))
    fx.append("    static let directedWeighted = Fixture(")
    fx.append("        names: [" + ", ".join(swift_string(v) for v in nodes) + "],")
    emit_edges(fx, es)
    fx.append("        directed: true")
    fx.append("    )")
    fx.append("}")
    _, r = directed_reference(D)
    rf.append("    static let directedRandom = DirectedMeasures(")
    for k, v in r.items():
        rf.append("        %s: %s," % (k, arr(v) if isinstance(v, list) else lit(v)))
    rf[-1] = rf[-1].rstrip(",")
    rf.append("    )")
    _, r = directed_weighted_reference(W)
    rf.append("    static let directedWeighted = DirectedWeightedMeasures(")
    for k, v in r.items():
        rf.append("        %s: %s," % (k, arr(v) if isinstance(v, list) else lit(v)))
    rf[-1] = rf[-1].rstrip(",")
    rf.append("    )")
    rf.append("}")
    open(os.path.join(HERE, "Fixtures.swift"), "w").write("\n".join(fx) + "\n")
    open(os.path.join(HERE, "Reference.swift"), "w").write("\n".join(rf) + "\n")


if __name__ == "__main__":
    main()
