#!/usr/bin/env python3
"""Report benchmark (issue: reports).

1. `report` on the 60-partner illustrative example against `render` alone on the
   same graph (same binary, same as-of date), interleaved; target: ratio <= 3.
2. `report` on a generated 1,000-partner / 5,000-tie graph with the default
   engine, against the 4.3 s measured before the page model (target: no
   slower), and against Graphviz alone on the same DOT:
   - the drawn figure: `render --format dot` of the same graph, our positions
     and routes stripped, laid out and routed by the same engine with
     `splines=true` and written as SVG by the Graphviz binary;
   - the whole graph: the generator's own DOT of all 1,000 partners through
     `sfdp -Tsvg` (what an analyst drawing it by hand would run).
   Runs are interleaved and medians compared; target: within 1.2x.

usage: python3 Benchmarks/bench_report.py [--binary .build/release/partnergraph] [--reps 5]
"""
import argparse, os, re, statistics, subprocess, sys, tempfile, time

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
    ap.add_argument("--big-reps", type=int, default=3)
    A = ap.parse_args()
    binary = A.binary
    if not binary:
        subprocess.run([os.path.join(ROOT, "Benchmarks", "build_release.sh"), "--product", "partnergraph"], cwd=ROOT, check=True,
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
    if not os.path.exists(os.path.join(big, "graph.dot")):
        subprocess.run([sys.executable, os.path.join(SHARED, "gen_graph.py"), "--nodes", "1000", "--edges", "5000",
                        "--out", big, "--seed", "42", "--dot"], check=True, stdout=subprocess.DEVNULL)
    common = [big, "--focal", "P0000001", "--as-of", "2020-12-31"]
    figure_dot = os.path.join(out, "figure.dot")
    subprocess.run([binary, "render", *common, "--format", "dot", "-o", figure_dot], check=True, capture_output=True)
    engine, bare = strip_layout(open(figure_dot).read())
    bare_dot = os.path.join(out, "figure-bare.dot")
    open(bare_dot, "w").write(bare)
    report = [binary, "report", *common, "-o", os.path.join(out, "big.html")]
    render = [binary, "render", *common, "-o", os.path.join(out, "big.svg")]
    alone = [engine, "-Tsvg", bare_dot, "-o", os.path.join(out, "alone.svg")]
    whole = ["sfdp", "-Tsvg", os.path.join(big, "graph.dot"), "-o", os.path.join(out, "whole.svg")]
    runs = {"report": [], "render": [], "alone": [], "whole": []}
    for _ in range(A.big_reps):
        runs["report"].append(timed(report)); runs["render"].append(timed(render))
        runs["alone"].append(timed(alone)); runs["whole"].append(timed(whole))
    m = {k: statistics.median(v) for k, v in runs.items()}
    print(f"1,000 partners / 5,000 ties, medians of {A.big_reps}:")
    print(f"  report (.html)                         {m['report']:.2f} s   vs 4.3 s before: ratio {m['report'] / 4.3:.2f} (target <= 1)")
    print(f"  render (.svg)                          {m['render']:.2f} s")
    print(f"  {engine} -Tsvg on the drawn figure's DOT    {m['alone']:.2f} s   render/{engine} {m['render'] / m['alone']:.2f}, "
          f"report/{engine} {m['report'] / m['alone']:.2f} (target <= 1.2)")
    print(f"  sfdp -Tsvg on the whole graph's DOT    {m['whole']:.2f} s   report/sfdp {m['report'] / m['whole']:.2f} (target <= 1.2)")


def strip_layout(dot):
    """The figure as Graphviz alone would draw it: the network's nodes and
    edges (no legend, key or caption), no positions, routes or pins, laid out
    by the engine our figure used, edges routed around nodes."""
    text = dot.replace("\\\n", "")
    statements = [s.strip() for s in text.split(";\n")]
    # Under 1,000 drawn partners and not a star, the layout rules pick neato.
    engine = "neato"
    keep = []
    for s in statements:
        if s.startswith("graph ["):
            continue
        if re.match(r'^"n\d+" (--|->) "n\d+" \[', s) or re.match(r'^"n\d+" \[', s):
            s = re.sub(r'\s?pos="[^"]*",?', "", s)
            keep.append(s + ";")
    head = 'graph "figure" {\n  graph [overlap="prism", sep="+4", esep="+3", splines="true", outputorder="edgesfirst", pad=0];\n'
    node = '  node [fontname="Arial", fontsize=9, height=0, margin="0.02,0.01", penwidth=0.8, style="filled", width=0];\n'
    return engine, head + node + "\n".join("  " + k for k in keep) + "\n}\n"


if __name__ == "__main__":
    main()
