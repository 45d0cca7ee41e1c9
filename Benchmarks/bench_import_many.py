#!/usr/bin/env python3
"""Multi-file import speed: `partnergraph import` of 100 CSV files, 1,000,000 rows.

Generates (once per run, in a temporary directory) 100 files
`status_t000.csv` … `status_t099.csv`, one per treaty, 10,000 rows each:
`State Code`, `State Name`, `Year Ratified` (empty for one row in ten),
`Status` (`ratified`, or `withdrawn` for one row in twenty). Then times, as
whole processes (wall clock, median of --repeat runs):

  * partnergraph: `import 'status_t*.csv'` (the glob expanded by the command)
    with a bipartite mapping (the treaty from the file name, `undated: skip`,
    a `not: [withdrawn]` filter) to a CSV pair: 10,100 partners (every file
    lists the same 10,000 states), one tie per used row (855,000);
  * pandas: `pd.concat([pd.read_csv(f) for f in files])` on the same files —
    reading only; no filter, no dates, no writing.

After one untimed run of each, the timed runs alternate (partnergraph,
pandas, partnergraph, …), so that a slow moment of a shared machine falls on
both sides.

and prints the ratio partnergraph / pandas (the issue's target: at most 1.5).

usage: Benchmarks/bench_import_many.py [--repeat 3] [--files 100] [--rows 1000000]
                                       [--bin .build/release/partnergraph]
Build the binary first: Benchmarks/build_release.sh --product partnergraph
"""
import argparse, csv, os, random, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MAPPING = """\
mode: bipartite
partners: {id: State Code, name: State Name, kind: state}
groups: {id: {file: stem, match: "status_(.*)"}, kind: treaty}
ties: {type: membership, start: Year Ratified}
dates: [YYYY]
filters: [{column: Status, not: [withdrawn]}]
undated: skip
"""


def generate(directory, files, rows):
    """`files` files of rows // files rows each: every file lists the same
    rows // files states (shuffled), as one file per treaty would."""
    rng = random.Random(14)
    per = rows // files
    states = [("S%05d" % i, "State number %d" % i) for i in range(per)]
    paths = []
    for f in range(files):
        path = os.path.join(directory, "status_t%03d.csv" % f)
        order = list(range(per))
        rng.shuffle(order)
        with open(path, "w", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["State Code", "State Name", "Year Ratified", "Status"])
            for i, s in enumerate(order):
                year = "" if i % 10 == 0 else str(1950 + rng.randrange(70))
                status = "withdrawn" if i % 20 == 7 else "ratified"
                w.writerow([states[s][0], states[s][1], year, status])
        paths.append(path)
    return paths


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "partnergraph"))
    a = ap.parse_args()
    if not os.access(a.bin, os.X_OK):
        sys.exit(f"{a.bin} not found: build it with `Benchmarks/build_release.sh --product partnergraph`")
    try:
        import pandas as pd
    except ImportError:
        sys.exit("pandas is not installed: pip install pandas")
    work = tempfile.mkdtemp(prefix="pg-bench-many-")
    try:
        t = time.perf_counter()
        paths = generate(work, a.files, a.rows)
        size = sum(os.path.getsize(p) for p in paths)
        print(f"generated {a.files} files, {a.rows:,} rows, {size / 1e6:.1f} MB in {time.perf_counter() - t:.1f} s")
        mapping = os.path.join(work, "m.yaml")
        with open(mapping, "w") as fh:
            fh.write(MAPPING)
        pattern = os.path.join(work, "status_t*.csv")
        target = os.path.join(work, "out")
        last = {}

        def run_pg():
            r = subprocess.run([a.bin, "import", pattern, "--mapping", mapping, "-o", target],
                               capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit(f"partnergraph: exit {r.returncode}\n{r.stderr[-2000:]}")
            last["stderr"] = r.stderr

        def run_pd():
            frame = pd.concat([pd.read_csv(p) for p in sorted(paths)], ignore_index=True)
            last["rows"] = len(frame)

        # One untimed run of each, then the timed runs alternate, so that a slow
        # moment of a shared machine falls on both sides rather than on one.
        run_pg()
        run_pd()
        pg, pdt = [], []
        for _ in range(a.repeat):
            pg += timed(run_pg, 1)
            pdt += timed(run_pd, 1)
        for line in last["stderr"].splitlines():
            if line.startswith(("rows read:", "rows filtered:", "rows skipped:", "rows used:", "partners:", "ties:")):
                print("  partnergraph " + line)
        print(f"  pandas rows: {last['rows']:,}")
        mp, md = statistics.median(pg), statistics.median(pdt)
        print(f"partnergraph import   median {mp:.3f} s  (min {min(pg):.3f}, max {max(pg):.3f}, {a.repeat} runs)")
        print(f"pandas concat+read_csv median {md:.3f} s  (min {min(pdt):.3f}, max {max(pdt):.3f}, {a.repeat} runs)")
        print(f"ratio partnergraph / pandas: {mp / md:.2f} (target <= 1.5)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
