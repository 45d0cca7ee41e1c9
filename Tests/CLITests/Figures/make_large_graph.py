#!/usr/bin/env python3
"""Write a deterministic, invented partner graph of N partners (default 160) as PartnerGraph YAML.

    make_large_graph.py [-n 160] [--seed 20161101] [-o OUT.yaml]   (default: standard output)

A focal hub ("agency", a UN specialized agency) tied to most partners, plus a
mesh of ties among the others; built-in kinds, realistic name lengths, dated
agreements, liaisons, joint activities and (directed) funding over 2005-2016.
ILLUSTRATIVE DATA: every name is made up. Same arguments, same bytes
(random.Random(seed), no clock, no hash order).
"""

import argparse
import json
import random
import sys

KINDS = [  # (kind, share, name patterns)
    ("member-state", 0.18, ["Republic of {P}", "Kingdom of {P}", "Federal Republic of {P}",
                            "United Republic of {P}", "Plurinational State of {P}", "Principality of {P}"]),
    ("national-commission", 0.10, ["National Commission of {P} for the Agency", "{P} National Commission"]),
    ("ngo", 0.14, ["{A} Network for {T}", "Friends of {T}", "{A} Alliance for {T} and {T2}",
                   "Centre for {T} Advocacy", "{P} {T} Watch"]),
    ("civil-society", 0.07, ["{P} Citizens' Forum", "Coalition for {T} in {P}", "{A} Youth Assembly"]),
    ("research-institute", 0.12, ["Institute for {T} Studies", "{P} Institute of {T}",
                                  "{A} Research Centre on {T} and {T2}"]),
    ("academia", 0.08, ["University of {C}", "{C} Polytechnic", "{C} School of {T}", "Open University of {P}"]),
    ("unesco-chair", 0.07, ["Chair on {T} at the University of {C}", "Chair in {T} and {T2}, {C}"]),
    ("intergovernmental-organization", 0.08, ["{A} Commission on {T}", "{A} Organization for {T}",
                                              "Council of {A} States"]),
    ("un-office", 0.04, ["Office for {T}", "{A} Regional Office for {T}"]),
    ("un-treaty-body", 0.04, ["Committee on {T}", "Committee on the Rights of {G}"]),
    ("un-charter-body", 0.03, ["Council on {T}", "Special Rapporteur on {T}"]),
    ("un-specialized-agency", 0.03, ["World {T} Organization", "International {T} Agency"]),
    ("un-system-entity", 0.02, ["{T} Programme", "Fund for {T}"]),
]
PLACES = ["Valdoria", "Northmark", "Estavia", "Korvana", "Sundara", "Ondavia", "Meridia", "Quenara", "Tarsen",
          "Belmora", "Cassavia", "Drovnia", "Elstrand", "Farrowmere", "Gildera", "Halvoria", "Istrana", "Jorvik Isles",
          "Kestrelia", "Lunaria", "Marovia", "Nerith", "Ostland", "Pellaria", "Quillon", "Rosmarck", "Saltera",
          "Torvald", "Umbria Nova", "Varenne", "Westerholm", "Xanthe", "Yselde", "Zamora Coast", "Arvandor", "Brisca"]
ADJ = ["Andean-Pacific", "Nordic", "Sahelian", "Caribbean", "Baltic", "Trans-Saharan", "Alpine", "Lusophone",
       "Francophone", "Arctic", "Mekong", "Balkan", "Pan-African", "Mediterranean", "Central Asian", "Pacific Island"]
THEMES = ["Human Rights", "Inclusive Education", "Open Science", "Cultural Heritage", "Press Freedom",
          "Gender Equality", "Indigenous Knowledge", "Water Security", "Ocean Literacy", "Youth Participation",
          "Bioethics", "Media Literacy", "Disaster Risk Reduction", "Literacy", "Peace and Tolerance"]
GROUPS = ["the Child", "Persons with Disabilities", "Migrant Workers", "Indigenous Peoples"]
CITIES = ["Northport", "Ambermoor", "Castelbrun", "Dunhallow", "Eskerford", "Fenwick", "Grantholm", "Highcliff",
          "Ironbridge", "Juniper Falls", "Kingsreach", "Larkspur", "Millbrook", "Newhaven", "Oakridge", "Port Selwyn"]
THEME_TAGS = ["human-rights", "education", "science", "culture", "communication", "gender-equality", "youth"]
LABELS = {
    "agreement": ["Memorandum of understanding", "Framework agreement on cooperation", "Cooperation agreement",
                  "Letter of intent on joint programming"],
    "liaison": ["Regular consultations", "Focal point exchange", "Observer status", "Working relations"],
    "joint-activity": ["International conference on {t}", "Training of trainers on {t}", "Expert meeting on {t}",
                       "Launch of a report on {t}", "Regional workshop on {t}"],
    "funding": ["Extra-budgetary contribution", "Project grant", "Funds-in-trust arrangement"],
}


def slug(s):
    out = "".join(c.lower() if c.isalnum() else "-" for c in s)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def q(s):
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def date(rng, y0, y1):
    y = rng.randint(y0, y1)
    return "%04d-%02d-%02d" % (y, rng.randint(1, 12), rng.randint(1, 28))


def make(n, seed):
    rng = random.Random(seed)
    partners = [("agency", "Illustrative UN Agency", "un-specialized-agency")]
    used_names, used_ids = {"Illustrative UN Agency"}, {"agency"}
    weights = [k[1] for k in KINDS]
    i = 0
    while len(partners) < n:
        i += 1
        kind, _, patterns = KINDS[rng.choices(range(len(KINDS)), weights)[0]] if i > len(KINDS) else KINDS[i - 1]
        t1, t2 = rng.sample(THEMES, 2)
        name = rng.choice(patterns).format(P=rng.choice(PLACES), A=rng.choice(ADJ), T=t1, T2=t2,
                                           G=rng.choice(GROUPS), C=rng.choice(CITIES))
        if name in used_names:
            continue
        used_names.add(name)
        pid = slug(name)[:40].strip("-")
        base, k = pid, 2
        while pid in used_ids:
            pid, k = "%s-%d" % (base, k), k + 1
        used_ids.add(pid)
        partners.append((pid, name, kind))

    ties = []
    def tie(kind, a, b, directed=False):
        start = date(rng, 2005, 2016)
        y = int(start[:4])
        t = {"type": kind, "a": a, "b": b, "directed": directed, "start": start}
        if kind == "agreement":
            if rng.random() < 0.55:
                t["end"] = "%04d-%02d" % (min(y + rng.randint(2, 6), 2018), rng.randint(1, 12))
        elif kind == "liaison":
            if rng.random() < 0.3:
                t["end"] = str(min(y + rng.randint(1, 5), 2016))
        elif kind == "joint-activity":
            d = int(start[8:10])
            t["end"] = start[:8] + "%02d" % min(d + rng.randint(0, 4), 28)
        elif kind == "funding":
            t["end"] = "%04d-%02d" % (min(y + rng.randint(1, 4), 2017), rng.randint(1, 12))
            t["weight"] = rng.choice([1.5, 2, 2.5, 3])
        t["label"] = rng.choice(LABELS[kind]).format(t=rng.choice(THEMES).lower())
        t["themes"] = sorted(rng.sample(THEME_TAGS, rng.randint(1, 2)))
        ties.append(t)

    others = [p[0] for p in partners[1:]]
    for pid in others:  # the hub: about three quarters of the partners, some several times
        if rng.random() < 0.75:
            for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
                kind = rng.choices(["agreement", "liaison", "joint-activity", "funding"], [3, 4, 5, 1])[0]
                if kind == "funding":
                    tie(kind, pid, "agency", directed=True)
                else:
                    tie(kind, "agency", pid, directed=(kind == "joint-activity" and rng.random() < 0.15))
    for _ in range(int(len(others) * 1.6)):  # the mesh, with some local clustering
        a = rng.choice(others)
        j = others.index(a)
        b = others[(j + rng.randint(1, 12)) % len(others)] if rng.random() < 0.7 else rng.choice(others)
        if a == b:
            continue
        kind = rng.choices(["agreement", "liaison", "joint-activity", "funding"], [2, 3, 6, 1])[0]
        tie(kind, a, b, directed=(kind == "funding"))

    out = []
    w = out.append
    w("# ILLUSTRATIVE DATA: invented, NOT real. Generated by Tests/CLITests/Figures/make_large_graph.py")
    w("# (n %d, seed %d); do not edit by hand." % (n, seed))
    w("title: %s" % q("Generated partnership network (%d partners, invented data)" % n))
    w("focal: agency")
    w("settings:")
    w("  tieTypes:")
    w("    funding:")
    w("      weight: 2")
    w("      lookback: 1y")
    w("      event: false")
    w("      description: Extra-budgetary contribution or project grant, from donor to recipient")
    w("partners:")
    for pid, name, kind in partners:
        w("  - id: %s" % pid)
        w("    name: %s" % q(name))
        w("    kind: %s" % kind)
    w("ties:")
    for k, t in enumerate(ties, 1):
        w("  - id: %s-%d" % (t["type"], k))
        w("    type: %s" % t["type"])
        if t["directed"]:
            w("    from: %s" % t["a"])
            w("    to: %s" % t["b"])
        else:
            w("    between: [%s, %s]" % (t["a"], t["b"]))
        w("    start: %s" % t["start"])
        if "end" in t:
            w("    end: %s" % t["end"])
        w("    label: %s" % q(t["label"]))
        if "weight" in t:
            w("    weight: %s" % t["weight"])
        w("    themes: [%s]" % ", ".join(t["themes"]))
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=160, help="number of partners, the focal one included (default 160)")
    ap.add_argument("--seed", type=int, default=20161101)
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    if a.n < 2:
        ap.error("-n must be at least 2")
    text = make(a.n, a.seed)
    if a.output == "-":
        sys.stdout.write(text)
    else:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
