#!/usr/bin/env python3
"""Generate Graphs/illustrative-partnerships.yaml: an ILLUSTRATIVE partnership
network around a focal UN agency.

Everything in the output is INVENTED: the agency, the states, the bodies, the
institutes, the people's organisations, every tie and every date. It exists to
exercise PartnerGraph (snapshots, lapsed and expiring agreements, brokers,
bridges, communities, a user-declared tie type) on a network of realistic size
and shape. It is not real data and must not be cited as such.

Usage (from the repository root):

    python3 Examples/make_illustrative_graph.py            # writes Graphs/illustrative-partnerships.yaml
    python3 Examples/make_illustrative_graph.py -o FILE    # writes FILE ('-' for standard output)

Deterministic: a fixed seed, and only ``random.Random.random()`` is used (the
integer helpers below are built on it), so the bytes do not depend on how a
Python version implements ``randrange``, ``choice`` or ``shuffle``. Python
standard library only; the YAML is written by hand in the style of
Graphs/unesco-human-rights.yaml.
"""

import argparse
import os
import random
import re
import sys

SEED = 20161101
AS_OF = (2016, 11, 1)  # the snapshot the statuses below are written for
SOURCE = "Examples/make_illustrative_graph.py (illustrative)"
FOCAL = "agency"


# --------------------------------------------------------------------------
# Deterministic randomness (only Random.random() is used)
# --------------------------------------------------------------------------

class Dice:
    def __init__(self, seed):
        self._r = random.Random(seed)

    def random(self):
        return self._r.random()

    def int(self, lo, hi):
        """Uniform integer in [lo, hi]."""
        return lo + min(hi - lo, int(self._r.random() * (hi - lo + 1)))

    def choice(self, items):
        return items[self.int(0, len(items) - 1)]

    def chance(self, p):
        return self._r.random() < p

    def sample(self, items, k):
        """k distinct items, in the order drawn."""
        pool = list(items)
        out = []
        for _ in range(min(k, len(pool))):
            out.append(pool.pop(self.int(0, len(pool) - 1)))
        return out


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

def is_leap(y):
    return (y % 4 == 0 and y % 100 != 0) or y % 400 == 0


def days_in(y, m):
    return 29 if m == 2 and is_leap(y) else [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]


def ymd(y, m=None, d=None):
    s = "%04d" % y
    if m is not None:
        s += "-%02d" % m
    if d is not None:
        s += "-%02d" % d
    return s


def add_months(y, m, n):
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def add_days(y, m, d, n):
    for _ in range(n):
        d += 1
        if d > days_in(y, m):
            d = 1
            m += 1
            if m > 12:
                m = 1
                y += 1
    return y, m, d


# --------------------------------------------------------------------------
# Partners (all invented)
# --------------------------------------------------------------------------

EUR, AFR, LAC, ARB, ASP = ("Europe and North America", "Africa", "Latin America and the Caribbean",
                           "Arab States", "Asia and the Pacific")

PARTNERS = []  # dicts in file order
KIND = {}


def partner(pid, name, kind, region=None, themes=(), aliases=(), url=None, **attributes):
    assert pid not in KIND, pid
    p = {"id": pid, "name": name, "kind": kind}
    if aliases:
        p["aliases"] = list(aliases)
    if region:
        p["region"] = region
    if themes:
        p["themes"] = list(themes)
    if url:
        p["url"] = url
    if attributes:
        p["attributes"] = attributes
    PARTNERS.append(p)
    KIND[pid] = kind
    return pid


partner(FOCAL, "Illustrative UN Agency", "un-specialized-agency", "Global",
        ["human-rights", "education", "science", "culture"], aliases=["the Agency"],
        url="https://agency.example.org/", focal=True)

STATES = [
    # id, name, region, themes, has a national commission
    ("valdoria", "Republic of Valdoria", EUR, ["human-rights", "education"], True),
    ("northmark", "Kingdom of Northmark", EUR, ["human-rights", "science"], True),
    ("estavia", "Federal Republic of Estavia", EUR, ["education", "culture"], True),
    ("korvana", "Republic of Korvana", AFR, ["education", "gender-equality"], True),
    ("sundara", "Republic of Sundara", AFR, ["human-rights", "youth"], True),
    ("ondavia", "United Republic of Ondavia", AFR, ["education"], False),
    ("meridia", "Republic of Meridia", LAC, ["human-rights", "indigenous-knowledge"], True),
    ("quenara", "Plurinational State of Quenara", LAC, ["indigenous-knowledge", "culture"], True),
    ("tarsen", "Kingdom of Tarsen", ARB, ["education", "science"], True),
    ("zahiran", "State of Zahiran", ARB, ["culture"], False),
    ("lusitar", "Republic of Lusitar", ASP, ["human-rights", "freedom-of-expression"], True),
    ("belmora", "Federated Islands of Belmora", ASP, ["science", "education"], False),
]
for sid, name, region, themes, _ in STATES:
    partner("ms-" + sid, name, "member-state", region, themes)
for sid, name, region, themes, has_nc in STATES:
    if has_nc:
        short = name.split(" of ")[-1]
        partner("nc-" + sid, "National Commission of %s for the Agency" % short, "national-commission", region,
                ["human-rights"] + [t for t in themes if t != "human-rights"][:1])

partner("tb-cere", "Committee on Equal Rights in Education", "un-treaty-body", "Global",
        ["human-rights", "right-to-education", "monitoring"], aliases=["CERE"])
partner("tb-ccp", "Committee on Cultural Participation", "un-treaty-body", "Global",
        ["human-rights", "cultural-rights", "monitoring"], aliases=["CCP"])
partner("tb-crrc", "Committee on the Rights of Remote Communities", "un-treaty-body", "Global",
        ["human-rights", "indigenous-knowledge", "monitoring"], aliases=["CRRC"])
partner("tb-cfsr", "Committee on Freedom of Scientific Research", "un-treaty-body", "Global",
        ["human-rights", "science-ethics", "monitoring"], aliases=["CFSR"])
partner("cb-ie-science", "Independent Expert on Scientific Freedom", "un-charter-body", "Global",
        ["human-rights", "science-ethics"])
partner("cb-wg-language", "Working Group on Minority Language Rights", "un-charter-body", "Global",
        ["human-rights", "cultural-rights", "anti-discrimination"])
partner("ohced", "Office of the High Commissioner for Equal Dignity", "un-office", "Global",
        ["human-rights", "monitoring", "anti-discrimination"], aliases=["OHCED"])
partner("udco", "UN Development Coordination Office", "un-office", "Global",
        ["data-and-statistics", "education"], aliases=["UDCO"])
partner("wlo", "World Labour Organization", "un-specialized-agency", "Global",
        ["labour-rights", "human-rights", "youth"], aliases=["WLO"])
partner("ihco", "International Health Cooperation Organization", "un-specialized-agency", "Global",
        ["health", "science-ethics"], aliases=["IHCO"])
partner("ufrda", "UN Food and Rural Development Agency", "un-specialized-agency", "Global",
        ["rural-development", "indigenous-knowledge"], aliases=["UFRDA"])
partner("wdcu", "World Digital Communications Union", "un-specialized-agency", "Global",
        ["freedom-of-expression", "science"], aliases=["WDCU"])
partner("cns", "Council of Northern States", "intergovernmental-organization", EUR,
        ["human-rights", "education"], aliases=["CNS"])
partner("cscso", "Coastal States Cooperation Organization", "intergovernmental-organization", ASP,
        ["science", "culture"], aliases=["CSCSO"])
partner("savanna-ec", "Savanna Economic Community", "intergovernmental-organization", AFR,
        ["education", "youth"], aliases=["SEC"])
partner("apce", "Andean-Pacific Commission on Education", "intergovernmental-organization", LAC,
        ["education", "indigenous-knowledge"], aliases=["APCE"])

partner("iirr-northport", "Institute for Rights Research, Northport", "research-institute", "Northport, Valdoria",
        ["human-rights", "research", "monitoring"], url="https://iirr.example.org/", founded=1987)
partner("chre-port-elda", "Centre for Human Rights Education, Port Elda", "research-institute", "Port Elda, Korvana",
        ["human-rights", "education", "training"], url="https://chre.example.org/", founded=1995)
partner("isds-caldera", "Institute for Social Development Studies, Caldera", "research-institute", "Caldera, Meridia",
        ["research", "data-and-statistics", "indigenous-knowledge"], founded=1979)
partner("cmrs-vessmark", "Centre for Migration and Refugee Studies, Vessmark", "research-institute",
        "Vessmark, Northmark", ["migration", "human-rights", "research"], founded=2001)
partner("lri-riverton", "Law and Rights Institute, Riverton", "research-institute", "Riverton, Estavia",
        ["human-rights", "research", "training"], founded=1968)
partner("ipcs-salvent", "Institute for Peace and Conflict Studies, Salvent", "research-institute",
        "Salvent, Lusitar", ["peace", "research"], founded=1991)
partner("gsra-lindquay", "Gender and Society Research Academy, Lindquay", "research-institute",
        "Lindquay, Tarsen", ["gender-equality", "research"], founded=2003)
partner("dsrh-orvale", "Data for Social Rights Hub, Orvale", "research-institute", "Orvale, Sundara",
        ["data-and-statistics", "human-rights"], founded=2009)
partner("fccs-westerholm", "Foundation for Comparative Constitutional Studies, Westerholm", "research-institute",
        "Westerholm, Northmark", ["human-rights", "research"], founded=1972, closed=2007)

partner("chair-hred-northport", "Chair in Human Rights Education, University of Northport", "unesco-chair",
        "Northport, Valdoria", ["human-rights", "education"])
partner("chair-democracy-caldera", "Chair in Democracy and Citizenship, University of Caldera", "unesco-chair",
        "Caldera, Meridia", ["human-rights", "youth"])
partner("chair-bioethics-amara", "Chair in Bioethics and Human Rights, Amara Medical University", "unesco-chair",
        "Amara, Tarsen", ["science-ethics", "human-rights"])
partner("chair-gender-lindquay", "Chair in Gender Equality and Development, Lindquay College", "unesco-chair",
        "Lindquay, Tarsen", ["gender-equality"])
partner("chair-indigenous-quen", "Chair in Indigenous Knowledge Systems, National University of Quenara",
        "unesco-chair", "Puerto Alto, Quenara", ["indigenous-knowledge", "cultural-rights"])
partner("chair-peace-salvent", "Chair in Peace Education, Salvent Normal School", "unesco-chair",
        "Salvent, Lusitar", ["peace", "education"], closed=2008)

partner("univ-northport", "University of Northport", "academia", "Northport, Valdoria",
        ["research", "education"], url="https://www.northport.example.edu/")
partner("univ-caldera", "University of Caldera", "academia", "Caldera, Meridia", ["research", "education"])

partner("reni", "Rights Education Network International", "ngo", "Global",
        ["human-rights", "education", "training"], aliases=["RENI"], url="https://reni.example.org/")
partner("cfa", "Children First Alliance", "ngo", "Global", ["right-to-education", "youth"], aliases=["CFA"])
partner("opa", "Open Press Alliance", "ngo", "Global", ["freedom-of-expression"], aliases=["OPA"])
partner("ikf", "Indigenous Knowledge Forum", "ngo", LAC, ["indigenous-knowledge", "cultural-rights"], aliases=["IKF"])
partner("wisc", "Women in Science Collective", "ngo", "Global", ["gender-equality", "science"])
partner("dia", "Disability Inclusion Action", "ngo", "Global", ["disability-rights", "education"], aliases=["DIA"])
partner("yrdn", "Youth Rights Dialogue Network", "ngo", AFR, ["youth", "human-rights"], aliases=["YRDN"])
partner("hwa", "Heritage Watch Association", "ngo", EUR, ["cultural-rights", "culture"], dissolved=2007)
partner("mlsn", "Migrant Learners Support Network", "ngo", EUR, ["migration", "right-to-education"])
partner("cads", "Coalition against Discrimination in Schools", "ngo", ASP,
        ["anti-discrimination", "right-to-education"], aliases=["CADS"])

partner("ftu-valdoria", "Federation of Teachers' Unions of Valdoria", "civil-society", "Valdoria",
        ["labour-rights", "education"])
partner("ncma", "Northport Community Media Association", "civil-society", "Northport, Valdoria",
        ["freedom-of-expression"])
partner("qiwa", "Quenaran Indigenous Women's Assembly", "civil-society", "Quenara",
        ["indigenous-knowledge", "gender-equality"])


def name(pid):
    return next(p["name"] for p in PARTNERS if p["id"] == pid)


def themes_of(pid):
    return next(p.get("themes", []) for p in PARTNERS if p["id"] == pid)


# --------------------------------------------------------------------------
# Ties
# --------------------------------------------------------------------------

dice = Dice(SEED)
TIES = []
_ids = set()


def tie_id(base):
    base = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")
    tid, n = base, 2
    while tid in _ids:
        tid = "%s-%d" % (base, n)
        n += 1
    _ids.add(tid)
    return tid


def tie(kind, a, b, directed=False, start=None, end=None, label=None, weight=None, themes=None, status=None,
        note=None, id_base=None, **attributes):
    assert a in KIND and b in KIND and a != b, (a, b)
    t = {"id": tie_id(id_base or "%s-%s-%s" % (kind, a, b)), "type": kind}
    if directed:
        t["from"], t["to"] = a, b
    else:
        t["between"] = [a, b]
    if start:
        t["start"] = start
    if end:
        t["end"] = end
    if label:
        t["label"] = label
    if weight is not None:
        t["weight"] = weight
    t["themes"] = list(themes) if themes else shared_themes(a, b)
    t["source"] = SOURCE
    if status:
        t["status"] = status
    if note:
        t["note"] = note
    if attributes:
        t["attributes"] = attributes
    TIES.append(t)
    return t


def shared_themes(a, b):
    ta, tb = themes_of(a), themes_of(b)
    common = [x for x in ta if x in tb]
    return (common or (ta[:1] + [x for x in tb[:1] if x not in ta[:1]]))[:2]


# ---- Agreements between the Agency and its partners: chains of terms ------
#
# outcome: "lapsed" (last term ended before the snapshot, not renewed),
# "expiring" (last term ends in 2017), "renewed" (runs beyond 2017),
# "open" (a framework agreement without an end date).

AGREEMENT_LABEL = {
    "member-state": "Framework agreement on cooperation",
    "national-commission": "Memorandum of understanding on joint programming",
    "research-institute": "Memorandum of understanding on research cooperation",
    "unesco-chair": "Chair agreement",
    "un-office": "Memorandum of understanding",
    "un-specialized-agency": "Inter-agency memorandum of understanding",
    "intergovernmental-organization": "Cooperation agreement",
    "ngo": "Framework agreement on official partnership",
    "academia": "Academic cooperation agreement",
}

FOCAL_AGREEMENTS = [
    # partner, first year, outcome, final end year (lapsed/expiring/renewed)
    ("ohced", 2003, "open", None),
    ("wlo", 2005, "open", None),
    ("ms-valdoria", 2001, "renewed", 2019),
    ("ms-korvana", 2004, "expiring", 2017),
    ("ms-meridia", 2006, "lapsed", 2012),
    ("ms-lusitar", 2009, "renewed", 2018),
    ("ms-tarsen", 2002, "lapsed", 2008),
    ("nc-valdoria", 2008, "renewed", 2020),
    ("nc-sundara", 2010, "expiring", 2017),
    ("nc-quenara", 2007, "lapsed", 2014),
    ("iirr-northport", 2000, "renewed", 2018),
    ("chre-port-elda", 2004, "expiring", 2017),
    ("isds-caldera", 2003, "lapsed", 2011),
    ("cmrs-vessmark", 2011, "renewed", 2019),
    ("lri-riverton", 2002, "lapsed", 2015),
    ("fccs-westerholm", 2001, "lapsed", 2005),
    ("dsrh-orvale", 2012, "expiring", 2017),
    ("chair-hred-northport", 2000, "renewed", 2020),
    ("chair-democracy-caldera", 2004, "lapsed", 2012),
    ("chair-bioethics-amara", 2006, "renewed", 2018),
    ("chair-gender-lindquay", 2010, "lapsed", 2016),
    ("chair-indigenous-quen", 2008, "expiring", 2017),
    ("chair-peace-salvent", 2000, "lapsed", 2007),
    ("ihco", 2007, "lapsed", 2013),
    ("wdcu", 2012, "expiring", 2017),
    ("cns", 2003, "renewed", 2019),
    ("apce", 2009, "open", None),
    ("reni", 2002, "renewed", 2018),
    ("cfa", 2005, "lapsed", 2010),
    ("dia", 2011, "open", None),
]

OUTCOMES = {}  # partner -> outcome of its agreement chain (for the report below)


def agreement_chain(a, b, first_year, outcome, final_year, label):
    """Consecutive terms of 4-6 years from first_year; each renewal starts the
    month after the previous term ends. The last term ends in final_year."""
    y, m = first_year, dice.int(1, 12)
    start = ymd(y, m, dice.int(1, 28))  # signed on a known day
    terms = []
    if outcome == "open":
        terms.append((start, None))
    else:
        final_month = dice.int(1, 12) if final_year != 2016 else dice.int(1, 8)
        while True:
            remaining = (final_year * 12 + final_month) - (y * 12 + m)
            length = dice.int(4, 6) * 12
            if remaining <= length + 24:
                terms.append((start, ymd(final_year, final_month)))
                break
            ey, em = add_months(y, m, length - 1)
            terms.append((start, ymd(ey, em)))
            y, m = add_months(ey, em, 1)
            start = ymd(y, m)
    for n, (s, e) in enumerate(terms, 1):
        last = n == len(terms)
        if not last:
            status = "renewed"
        elif outcome == "open":
            status = "in force"
        elif outcome == "lapsed":
            status = "expired, not renewed"
        else:
            status = "in force"
        lab = label if n == 1 else "%s (renewal %d)" % (label, n - 1)
        note = None
        if outcome == "open":
            note = "Framework agreement without an expiry date."
        elif last and outcome == "expiring":
            note = "Expires in %d; renewal under discussion at the snapshot date." % final_year
        elif s > ymd(*AS_OF):
            note = "Renewal signed before the snapshot date; the new term starts after it."
        tie("agreement", a, b, start=s, end=e, label=lab, status=status, note=note,
            id_base="agreement-%s-%d" % (b, n) if a == FOCAL else "agreement-%s-%s-%d" % (a, b, n))


for pid, first, outcome, final in FOCAL_AGREEMENTS:
    agreement_chain(FOCAL, pid, first, outcome, final, AGREEMENT_LABEL[KIND[pid]])
    OUTCOMES[pid] = outcome

# Agreements between other partners (hosts of chairs, inter-agency, regional).
OTHER_AGREEMENTS = [
    ("univ-northport", "chair-hred-northport", 2000, "renewed", 2020, "Hosting agreement"),
    ("univ-caldera", "chair-democracy-caldera", 2004, "lapsed", 2012, "Hosting agreement"),
    ("univ-caldera", "isds-caldera", 2005, "renewed", 2018, "Affiliation agreement"),
    ("univ-northport", "iirr-northport", 2003, "open", None, "Affiliation agreement"),
    ("wlo", "ihco", 2008, "expiring", 2017, "Inter-agency memorandum of understanding"),
    ("ohced", "reni", 2006, "renewed", 2019, "Cooperation agreement on human rights education"),
    ("cns", "ms-valdoria", 2000, "open", None, "Host country agreement"),
    ("apce", "ms-quenara", 2009, "open", None, "Accession agreement"),
    ("savanna-ec", "ms-korvana", 2001, "lapsed", 2006, "Cooperation agreement on education"),
    ("reni", "cfa", 2007, "renewed", 2018, "Network membership agreement"),
    ("gsra-lindquay", "chair-gender-lindquay", 2010, "renewed", 2018, "Hosting agreement"),
]
for a, b, first, outcome, final, label in OTHER_AGREEMENTS:
    agreement_chain(a, b, first, outcome, final, label)

# ---- Liaisons: standing working relationships -----------------------------

FOCAL_LIAISONS = [
    # partner, start year, end year (None: ongoing), label
    ("ms-valdoria", 2000, None, "Permanent delegation contacts"),
    ("ms-northmark", 2000, None, "Permanent delegation contacts"),
    ("ms-estavia", 2003, None, "Permanent delegation contacts"),
    ("ms-korvana", 2000, None, "Permanent delegation contacts"),
    ("ms-sundara", 2005, None, "Permanent delegation contacts"),
    ("ms-ondavia", 2008, None, "Permanent delegation contacts"),
    ("ms-meridia", 2000, 2013, "Permanent delegation contacts"),
    ("ms-quenara", 2006, None, "Permanent delegation contacts"),
    ("ms-tarsen", 2001, None, "Permanent delegation contacts"),
    ("ms-zahiran", 2001, 2006, "Permanent delegation contacts"),
    ("ms-lusitar", 2004, None, "Permanent delegation contacts"),
    ("ms-belmora", 2010, None, "Permanent delegation contacts"),
    ("nc-valdoria", 2000, None, "National Commission focal point"),
    ("nc-northmark", 2000, None, "National Commission focal point"),
    ("nc-estavia", 2002, None, "National Commission focal point"),
    ("nc-korvana", 2004, None, "National Commission focal point"),
    ("nc-sundara", 2006, None, "National Commission focal point"),
    ("nc-meridia", 2001, 2011, "National Commission focal point"),
    ("nc-quenara", 2005, None, "National Commission focal point"),
    ("nc-tarsen", 2003, None, "National Commission focal point"),
    ("nc-lusitar", 2009, None, "National Commission focal point"),
    ("ohced", 2000, None, "Close liaison on human rights mainstreaming"),
    ("tb-cere", 2002, None, "Contributions to periodic reviews on the right to education"),
    ("tb-ccp", 2006, None, "Contributions to general comments on cultural participation"),
    ("tb-cfsr", 2011, None, "Contributions to reviews on scientific freedom"),
    ("cb-ie-science", 2013, None, "Exchange of information with the mandate holder"),
    ("cb-wg-language", 2004, 2010, "Exchange of information with the working group"),
    ("wlo", 2000, None, "Inter-agency working group on decent work and education"),
    ("ufrda", 2007, 2014, "Inter-agency working group on rural education"),
    ("udco", 2009, None, "Country-level coordination"),
    ("cscso", 2004, None, "Liaison on ocean science and coastal heritage"),
    ("savanna-ec", 2002, 2007, "Liaison on regional education policy"),
    ("opa", 2005, None, "Consultative status"),
    ("ikf", 2008, None, "Consultative status"),
    ("wisc", 2012, None, "Consultative status"),
    ("yrdn", 2010, None, "Consultative status"),
    ("hwa", 2000, 2006, "Consultative status"),
    ("cads", 2013, None, "Consultative status"),
    ("univ-northport", 2004, None, "Academic liaison"),
]
for pid, sy, ey, label in FOCAL_LIAISONS:
    tie("liaison", FOCAL, pid, start=ymd(sy), end=ymd(ey) if ey else None, label=label,
        note=None if ey else "Ongoing at the snapshot date.", id_base="liaison-%s" % pid)

OTHER_LIAISONS = [
    # a, b, start, end, label
    # States and their National Commissions
] + [("ms-" + s, "nc-" + s, 2000, None, "National Commission established by the Member State")
     for s, _, _, _, has_nc in STATES if has_nc] + [
    # Regional organisations and their members
    ("cns", "ms-northmark", 2000, None, "Member State of the Council"),
    ("cns", "ms-estavia", 2000, None, "Member State of the Council"),
    ("cscso", "ms-lusitar", 2003, None, "Member State of the Organization"),
    ("cscso", "ms-belmora", 2003, None, "Member State of the Organization"),
    ("savanna-ec", "ms-sundara", 2001, 2007, "Member State of the Community"),
    ("savanna-ec", "ms-ondavia", 2001, 2007, "Member State of the Community"),
    ("apce", "ms-meridia", 2009, None, "Member State of the Commission"),
    ("ms-tarsen", "ms-zahiran", 2002, 2006, "Bilateral cultural committee"),
    # The UN human rights system
    ("ohced", "tb-cere", 2000, None, "Secretariat support"),
    ("ohced", "tb-ccp", 2000, None, "Secretariat support"),
    ("ohced", "tb-crrc", 2004, None, "Secretariat support"),
    ("ohced", "tb-cfsr", 2010, None, "Secretariat support"),
    ("ohced", "cb-ie-science", 2012, None, "Support to the mandate"),
    ("ohced", "cb-wg-language", 2003, None, "Support to the working group"),
    ("ohced", "wlo", 2002, None, "Inter-agency human rights network"),
    ("ohced", "udco", 2009, None, "Human rights in country programming"),
    ("wlo", "ufrda", 2005, None, "Joint programme on rural employment"),
    ("ihco", "ufrda", 2006, None, "Joint programme on nutrition"),
    ("wdcu", "udco", 2011, None, "Digital inclusion in country programming"),
    ("tb-crrc", "ikf", 2006, None, "Shadow reporting by the Forum"),
    # Research and academia
    ("iirr-northport", "lri-riverton", 2001, None, "Joint doctoral seminar"),
    ("iirr-northport", "cmrs-vessmark", 2011, None, "Research network on migration and rights"),
    ("iirr-northport", "tb-cere", 2005, None, "Expert input to periodic reviews"),
    ("lri-riverton", "chair-hred-northport", 2003, None, "Curriculum cooperation"),
    ("isds-caldera", "chair-indigenous-quen", 2008, None, "Research cooperation on indigenous knowledge"),
    ("isds-caldera", "dsrh-orvale", 2012, None, "Data-sharing arrangement"),
    ("chair-bioethics-amara", "gsra-lindquay", 2008, None, "Research cooperation"),
    ("chair-bioethics-amara", "cb-ie-science", 2013, None, "Expert advice to the mandate holder"),
    ("ipcs-salvent", "chair-peace-salvent", 2000, 2008, "Joint peace education programme"),
    ("fccs-westerholm", "lri-riverton", 2000, 2005, "Comparative law exchange"),
    ("dsrh-orvale", "udco", 2013, None, "Indicator development"),
    ("ipcs-salvent", "nc-lusitar", 2010, None, "Advisory committee on peace education"),
    ("cmrs-vessmark", "mlsn", 2012, None, "Research-practice partnership"),
    # Civil society
    ("reni", "opa", 2004, None, "Network membership"),
    ("reni", "yrdn", 2010, None, "Network membership"),
    ("reni", "dia", 2011, None, "Network membership"),
    ("reni", "cads", 2013, None, "Network membership"),
    ("reni", "mlsn", 2012, None, "Network membership"),
    ("opa", "ncma", 2009, None, "Local media partner"),
    ("ikf", "qiwa", 2010, None, "Member organisation of the Forum"),
    ("wisc", "gsra-lindquay", 2012, None, "Mentoring programme"),
    ("wlo", "ftu-valdoria", 2006, None, "Tripartite consultations"),
    ("ftu-valdoria", "ms-valdoria", 2004, None, "Social dialogue on teachers' conditions"),
    ("hwa", "ms-estavia", 2000, 2006, "Heritage inventory contracts"),
    ("cfa", "yrdn", 2009, None, "Youth participation programme"),
]
for a, b, sy, ey, label in OTHER_LIAISONS:
    tie("liaison", a, b, start=ymd(sy), end=ymd(ey) if ey else None, label=label, id_base="liaison-%s-%s" % (a, b))

# ---- Joint activities: one-off dated events -------------------------------

EVENT_KINDS = [
    # label template, length in days (min, max), typical themes
    ("Expert meeting on %s", (1, 3)),
    ("Regional consultation on %s", (2, 3)),
    ("Training of trainers on %s", (3, 5)),
    ("International conference on %s", (2, 4)),
    ("Summer school on %s", (5, 12)),
    ("Policy dialogue on %s", (1, 2)),
    ("Launch of a report on %s", (1, 1)),
    ("Workshop on %s", (1, 3)),
]
TOPIC = {
    "human-rights": "human rights education",
    "education": "inclusive education",
    "right-to-education": "the right to education",
    "science": "open science",
    "science-ethics": "the ethics of science",
    "culture": "cultural heritage",
    "cultural-rights": "cultural rights",
    "gender-equality": "gender equality",
    "youth": "youth participation",
    "indigenous-knowledge": "indigenous knowledge",
    "freedom-of-expression": "freedom of expression",
    "monitoring": "human rights monitoring",
    "migration": "migrant learners",
    "labour-rights": "teachers' labour rights",
    "data-and-statistics": "human rights indicators",
    "research": "rights-based research",
    "training": "human rights training",
    "anti-discrimination": "non-discrimination",
    "disability-rights": "disability inclusion",
    "peace": "peace education",
    "health": "the right to health",
    "rural-development": "rural education",
}
CITY = {EUR: ["Northport", "Vessmark", "Riverton", "Westerholm"], AFR: ["Port Elda", "Orvale", "Kessa"],
        LAC: ["Caldera", "Puerto Alto"], ARB: ["Amara", "Lindquay"], ASP: ["Salvent", "Belmora Town"],
        "Global": ["Lakeshore City (Agency headquarters)"]}


def place_for(a, b, directed):
    """Where an event takes place: at the organiser (directed) or the partner of the Agency."""
    for pid in ((a, b) if directed else (b, a)):
        p = next(x for x in PARTNERS if x["id"] == pid)
        r = p.get("region", "Global")
        if "," in r:
            return r
        if r in CITY:
            return dice.choice(CITY[r]) + (", " + r if r in (EUR, AFR, LAC, ARB, ASP) else "")
    return CITY["Global"][0]


def event_dates(year, months=(1, 12)):
    m = dice.int(*months)
    d = dice.int(1, 28)
    return year, m, d


def joint_activity(a, b, year, directed, months=(1, 12), label=None, themes=None, participants=True,
                   event_kind=None):
    if themes:
        th = themes
    else:
        # The topic: a theme of either partner (shared ones twice as likely), human rights as a backdrop.
        ta, tb = themes_of(a), themes_of(b)
        pool = [x for x in ta + tb if x != "human-rights"] + [x for x in ta if x in tb and x != "human-rights"]
        topic = dice.choice(pool) if pool else "human-rights"
        th = [topic] + (["human-rights"] if topic != "human-rights" and "human-rights" in ta + tb else [])
    kind_label, (lo, hi) = event_kind or dice.choice(EVENT_KINDS)
    if year == 2016:
        months = (months[0], min(months[1], 10))  # nothing after the snapshot month
    length = dice.int(lo, hi)
    y, m, d = event_dates(year, months)
    start = ymd(y, m, d)
    end = None
    if length > 1:
        ey, em, ed = add_days(y, m, d, length - 1)
        end = ymd(ey, em, ed)
    lab = label or kind_label % TOPIC.get(th[0], th[0])
    attrs = {"place": place_for(a, b, directed)}
    if participants:
        attrs["participants"] = dice.int(12, 180)
    return tie("joint-activity", a, b, directed=directed, start=start, end=end, label=lab, themes=th,
               id_base="event-%s-%s-%s" % (start, a if a != FOCAL else "agency", b), **attrs)


def year_weighted():
    """Years 2000-2016, more activity in recent years (as in real records)."""
    r = dice.random()
    return 2000 + min(16, int((r ** 0.6) * 17))


# Events between the Agency and partners that currently work with it.
ACTIVE_WITH_FOCAL = [pid for pid, _, outcome, _ in FOCAL_AGREEMENTS if outcome != "lapsed"] + \
    [pid for pid, _, ey, _ in FOCAL_LIAISONS if ey is None]
ACTIVE_WITH_FOCAL = list(dict.fromkeys(ACTIVE_WITH_FOCAL))  # unique, in order
OLD_ONLY = {"fccs-westerholm", "chair-peace-salvent", "hwa", "ms-zahiran", "savanna-ec"}

for i in range(70):
    pid = dice.choice(ACTIVE_WITH_FOCAL)
    year = year_weighted()
    organiser_is_partner = KIND[pid] in ("research-institute", "unesco-chair", "ngo", "academia")
    directed = dice.chance(0.55)
    if directed and organiser_is_partner and dice.chance(0.6):
        joint_activity(pid, FOCAL, year, True)
    else:
        joint_activity(FOCAL, pid, year, directed)

# Events with partners whose agreements lapsed: activity stops with the agreement.
for pid, first, outcome, final in FOCAL_AGREEMENTS:
    if outcome == "lapsed" and pid not in OLD_ONLY:
        for _ in range(dice.int(1, 3)):
            joint_activity(FOCAL, pid, dice.int(first, final - 1), dice.chance(0.5))

# A few old-only partners: activity that ended long before the snapshot.
joint_activity("fccs-westerholm", FOCAL, 2002, True, label="Colloquium on constitutional protection of rights")
joint_activity("fccs-westerholm", "lri-riverton", 2004, True, label="Seminar on comparative constitutional law")
joint_activity(FOCAL, "hwa", 2003, True, label="Inventory mission on endangered heritage")
joint_activity("chair-peace-salvent", "ipcs-salvent", 2005, True, label="Peace education summer institute",
               event_kind=EVENT_KINDS[4])
joint_activity(FOCAL, "ms-zahiran", 2004, False, label="National consultation on cultural policy")

# A flagship conference with several partners (organised by the Agency).
for year, month, partners in [
    (2008, 12, ["ohced", "tb-cere", "reni", "iirr-northport", "ms-valdoria"]),
    (2013, 12, ["ohced", "tb-ccp", "tb-cfsr", "reni", "chre-port-elda", "ms-korvana", "nc-sundara"]),
    (2016, 6, ["ohced", "tb-cere", "cb-ie-science", "reni", "iirr-northport", "cmrs-vessmark", "ms-lusitar",
               "wisc"]),
]:
    day = dice.int(8, 10)
    for pid in partners:
        tie("joint-activity", FOCAL, pid, directed=True, start=ymd(year, month, day),
            end=ymd(year, month, day + 2), label="Human Rights Education Forum %d" % year,
            themes=["human-rights", "education"], note="One tie per participating partner, from the organiser.",
            id_base="forum-%d-%s" % (year, pid), place=CITY["Global"][0])

# Events among the partners themselves (communities and brokers).
PEER_EVENTS = [
    # organiser, partner, years
    ("iirr-northport", "lri-riverton", [2003, 2007, 2012, 2015]),
    ("iirr-northport", "cmrs-vessmark", [2012, 2014, 2016]),
    ("iirr-northport", "chair-hred-northport", [2006, 2011, 2014, 2016]),
    ("iirr-northport", "tb-cere", [2009, 2015]),
    ("chre-port-elda", "yrdn", [2011, 2014, 2016]),
    ("chre-port-elda", "dsrh-orvale", [2013, 2015]),
    ("chre-port-elda", "ms-korvana", [2005, 2010]),
    ("isds-caldera", "chair-indigenous-quen", [2009, 2013, 2016]),
    ("isds-caldera", "ikf", [2010, 2015]),
    ("chair-indigenous-quen", "qiwa", [2014]),
    ("gsra-lindquay", "wisc", [2013, 2015, 2016]),
    ("gsra-lindquay", "chair-gender-lindquay", [2011, 2014]),
    ("chair-bioethics-amara", "ihco", [2009, 2014]),
    ("cmrs-vessmark", "mlsn", [2013, 2015, 2016]),
    ("ipcs-salvent", "cads", [2014, 2016]),
    ("ohced", "tb-cere", [2004, 2010, 2016]),
    ("ohced", "tb-crrc", [2008, 2014]),
    ("ohced", "cads", [2014, 2016]),
    ("ohced", "opa", [2012, 2015]),
    ("ohced", "cb-wg-language", [2007, 2012]),
    ("reni", "cfa", [2008, 2013]),
    ("reni", "dia", [2012, 2016]),
    ("reni", "yrdn", [2014]),
    ("opa", "ncma", [2011, 2015]),
    ("wlo", "ftu-valdoria", [2010, 2015]),
    ("wlo", "ufrda", [2006, 2011]),
    ("udco", "dsrh-orvale", [2014, 2016]),
    ("wdcu", "opa", [2013, 2016]),
    ("cns", "ms-northmark", [2006, 2014]),
    ("cscso", "ms-belmora", [2011, 2015]),
    ("apce", "ms-quenara", [2012]),
    ("nc-northmark", "nc-estavia", [2009, 2015]),
    ("nc-korvana", "nc-sundara", [2012, 2016]),
]
for a, b, years in PEER_EVENTS:
    for year in years:
        joint_activity(a, b, year, dice.chance(0.6))

# ---- Funding (a type declared under settings.tieTypes) --------------------

FUNDING = [
    # donor, recipient, start year, years, amount (USD)
    ("ms-northmark", FOCAL, 2004, 4, 1500000),
    ("ms-northmark", FOCAL, 2010, 4, 2200000),
    ("ms-northmark", FOCAL, 2015, 3, 2500000),
    ("ms-estavia", FOCAL, 2008, 3, 800000),
    ("ms-estavia", FOCAL, 2014, 3, 950000),
    ("ms-valdoria", FOCAL, 2012, 5, 1200000),
    ("ms-belmora", FOCAL, 2013, 2, 250000),
    (FOCAL, "reni", 2009, 3, 300000),
    (FOCAL, "reni", 2014, 3, 420000),
    (FOCAL, "chre-port-elda", 2011, 2, 180000),
    (FOCAL, "dsrh-orvale", 2015, 2, 150000),
    (FOCAL, "ikf", 2012, 2, 90000),
    (FOCAL, "hwa", 2001, 2, 60000),
    ("wlo", "ftu-valdoria", 2011, 3, 120000),
    ("ms-northmark", "cmrs-vessmark", 2012, 4, 640000),
    ("cns", "iirr-northport", 2007, 3, 350000),
]
for donor, recipient, sy, years, amount in FUNDING:
    sm = dice.int(1, 12)
    ey, em = add_months(sy, sm, years * 12 - 1)
    tie("funding", donor, recipient, directed=True, start=ymd(sy, sm), end=ymd(ey, em),
        label="Extra-budgetary contribution" if recipient == FOCAL else "Project grant",
        weight=2.5 if amount >= 1000000 else None,
        id_base="funding-%s-%s-%d" % (donor, recipient, sy), amountUSD=amount)

# Partners of the old-only kind must have no tie after 2008.
for t in TIES:
    ends = [p for p in (t.get("between") or [t.get("from"), t.get("to")]) if p in OLD_ONLY]
    if ends:
        last = t.get("end") or t.get("start")
        assert int(last[:4]) <= 2008, (t["id"], last)


# --------------------------------------------------------------------------
# YAML output
# --------------------------------------------------------------------------

_PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@`")
_RESERVED = re.compile(r"""^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO
    |on|On|ON|off|Off|OFF|y|Y|n|N|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?
    |0x[0-9a-fA-F_]+|0o?[0-7_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?|[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$""", re.X)


def scalar(s, flow=False):
    """A string as a YAML scalar: plain when it reads back as the same string
    in any YAML 1.1 or 1.2 reader, double-quoted otherwise."""
    plain = (s != "" and s == s.strip() and s[0] not in _PLAIN_UNSAFE_START and ": " not in s
             and " #" not in s and not s.endswith(":") and not _RESERVED.match(s)
             and all(" " <= c <= "~" or c > "\x9f" for c in s)
             and not (flow and any(c in s for c in ",[]{}")))
    if plain:
        return s
    out = '"'
    for c in s:
        if c in '"\\':
            out += "\\" + c
        elif c == "\n":
            out += "\\n"
        elif c < " " or c == "\x7f":
            out += "\\x%02x" % ord(c)
        else:
            out += c
    return out + '"'


def value(v, flow=False):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    return scalar(v, flow)


def flow_list(items):
    return "[" + ", ".join(scalar(x, flow=True) for x in items) + "]"


def emit_mapping(lines, m, indent, first_prefix=None):
    pad = " " * indent
    for i, (k, v) in enumerate(m.items()):
        prefix = first_prefix if (i == 0 and first_prefix is not None) else pad
        if isinstance(v, dict):
            lines.append("%s%s:" % (prefix, k))
            emit_mapping(lines, v, indent + 2)
        elif isinstance(v, list):
            lines.append("%s%s: %s" % (prefix, k, flow_list(v)))
        elif k in ("start", "end"):
            lines.append("%s%s: %s" % (prefix, k, v))  # dates stay plain
        else:
            lines.append("%s%s: %s" % (prefix, k, value(v)))


def render():
    lines = [
        "# ILLUSTRATIVE DATA: an invented partnership network, NOT real. Every organisation,",
        "# place, tie and date below is made up, to exercise PartnerGraph on a network of",
        "# realistic size and shape. Do not cite it as a record of any real organisation.",
        "#",
        "# Generated by Examples/make_illustrative_graph.py (seed %d); do not edit by hand," % SEED,
        "# change the generator and run: python3 Examples/make_illustrative_graph.py",
        "# Statuses and notes describe the situation at the snapshot date %s." % ymd(*AS_OF),
        "title: Illustrative partnership network of a UN agency (invented data)",
        "focal: %s" % FOCAL,
        "description: >-",
        "  ILLUSTRATIVE, INVENTED DATA, not real: a partnership network around a fictitious",
        "  UN specialized agency (\"the Agency\"), with member states, national commissions,",
        "  UN treaty and charter bodies, other UN agencies and offices, intergovernmental",
        "  organizations, research institutes, chairs, universities, NGOs and civil society,",
        "  and agreements, liaisons, joint activities and funding from 2000 to 2016. Generated",
        "  by Examples/make_illustrative_graph.py with a fixed seed.",
        "settings:",
        "  tieTypes:",
        "    funding:",
        "      weight: 2",
        "      lookback: 1y",
        "      event: false",
        "      description: Extra-budgetary contribution or project grant, from donor to recipient (illustrative type)",
        "attributes:",
        "  illustrative: true",
        "  generator: Examples/make_illustrative_graph.py",
        "  seed: %d" % SEED,
        "  snapshot: %s" % ymd(*AS_OF),
        "partners:",
    ]
    for p in PARTNERS:
        emit_mapping(lines, p, 4, first_prefix="  - ")
    lines.append("ties:")
    for t in TIES:
        emit_mapping(lines, t, 4, first_prefix="  - ")
    return "\n".join(lines) + "\n"


def report(out):
    """Counts on standard error, for the person running the script."""
    from collections import Counter
    kinds = Counter(p["kind"] for p in PARTNERS)
    types = Counter(t["type"] for t in TIES)
    w = sys.stderr.write
    w("%s: %d partners, %d ties\n" % (out, len(PARTNERS), len(TIES)))
    for k in sorted(kinds):
        w("  partners %-32s %3d\n" % (k, kinds[k]))
    for k in sorted(types):
        w("  ties     %-32s %3d\n" % (k, types[k]))
    outcomes = Counter(OUTCOMES.values())
    w("  agreement chains with the Agency: %s\n" % ", ".join("%s %d" % (k, outcomes[k]) for k in sorted(outcomes)))


def main():
    ap = argparse.ArgumentParser(description="Write the illustrative (invented) partnership graph.")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("-o", "--output", default=os.path.join(root, "Graphs", "illustrative-partnerships.yaml"),
                    help="output file, or '-' for standard output")
    args = ap.parse_args()
    text = render()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        tmp = args.output + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, args.output)
    report(args.output)


if __name__ == "__main__":
    main()
