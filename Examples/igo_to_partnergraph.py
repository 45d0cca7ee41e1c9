#!/usr/bin/env python3
"""Convert the Correlates of War IGO membership spells into a PartnerGraph CSV pair.

    python3 Examples/igo_to_partnergraph.py --data ../shared/data --out DIR [--focal unesco]

Reads (read-only, never copied into the repository):
  DATA/cow_igo_v3_membership_spells.csv  ccode,stateabb,ioname,first_year,last_year,status
  DATA/igoR_states2016.csv               stateabb,ccode,statenme,styear,...

Writes into DIR:
  igo/partners.csv    id,name,kind       states (kind `state`, id = COW abbreviation) that
                                         hold a full membership, and IGOs (id = COW ioname;
                                         kind `un-system` for UN-system bodies, else `igo`)
  igo/ties.csv        source,target,type,start,end
                                         one tie per full-membership spell (status 1 only),
                                         state -> IGO, type `agreement` (kept simple: no
                                         graph.yaml with a declared `membership` type), start = first_year,
                                         end = last_year; a spell running to the last year of
                                         the data (2014) is censored, so it is left open.
  states.csv          id,name,kind       roster of every state in the COW state list
  strategy.yaml       focal FOCAL, expected category `state` with the roster,
                      so `coverage` counts members against all states.

Cite: Pevehouse, Nordstrom, McManus & Jamison (2020), J. Peace Research 57(3):492-503.
"""
import argparse, csv, os

UN_SYSTEM = {"un", "unesco", "ilo", "who", "fao", "imf", "ibrd", "itu", "upu", "unido", "wmo", "icao", "imo",
             "wipo", "ifad", "iaea", "wto", "ida", "ifc", "miga", "icsid", "unwto"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--focal", default="unesco")
    a = ap.parse_args()

    spells = []
    with open(os.path.join(a.data, "cow_igo_v3_membership_spells.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["status"] == "1":
                spells.append(r)
    last = max(int(r["last_year"]) for r in spells)

    names = {}
    with open(os.path.join(a.data, "igoR_states2016.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            names.setdefault(r["stateabb"], r["statenme"])

    states = sorted({r["stateabb"] for r in spells})
    igos = sorted({r["ioname"] for r in spells})
    if a.focal not in igos:
        raise SystemExit(f"unknown IGO '{a.focal}'")
    graph = os.path.join(a.out, "igo")
    os.makedirs(graph, exist_ok=True)
    with open(os.path.join(graph, "partners.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "kind"])
        for s in states:
            w.writerow([s, names.get(s, s), "state"])
        for i in igos:
            w.writerow([i, i.upper(), "un-system" if i in UN_SYSTEM else "igo"])
    with open(os.path.join(graph, "ties.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "type", "start", "end"])
        for r in spells:
            end = "" if int(r["last_year"]) == last else r["last_year"]
            w.writerow([r["stateabb"], r["ioname"], "agreement", r["first_year"], end])
    with open(os.path.join(a.out, "states.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "kind"])
        for s in sorted(names):
            w.writerow([s, names[s], "state"])
    with open(os.path.join(a.out, "strategy.yaml"), "w", encoding="utf-8") as f:
        f.write(f"# Every state is expected to be a full member of {a.focal}.\n"
                f"focal: {a.focal}\ncategories: [state]\nroster: states.csv\n")
    print(f"{len(states)} states, {len(igos)} IGOs, {len(spells)} full-membership spells "
          f"(open after {last}); roster of {len(names)} states", flush=True)


if __name__ == "__main__":
    main()
