#!/usr/bin/env python3
"""The hostile-input corpus (issue 13): generates every case, runs every
command that reads input on each, and reports what went wrong.

Usage: hostile_corpus.py BINARY WORKDIR  ->  JSON on stdout:
  {"cases": N, "runs": M, "failures": [...], "peak_kb": K, "slowest_s": S}

Each case is bad input in one of the formats we read (YAML, JSON, CSV pair,
GraphML, GEXF, a strategy, an import mapping with its CSV). Every command
that reads that kind of input must:
  - exit 1 (bad data) or 64 (bad request), never crash, hang or succeed;
  - print a diagnostic `file:line:col: error:` where the format has lines;
  - write nothing (the output directory stays empty);
  - leave the input byte for byte as it was;
  - stay under 512 MB of resident memory and 10 s (measured per process
    with wait4's rusage and a wall clock).
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

GOOD_PARTNERS = [("a", "Alpha", "ngo"), ("b", "Beta", "member-state"), ("c", "Gamma", "institute")]
MEMORY_LIMIT_KB = 512 * 1024
TIME_LIMIT_S = 10.0


def yaml_graph(name_a="Alpha", start="2010", extra_tie="", weight=None, partners_extra=""):
    w = "" if weight is None else ", weight: %s" % weight
    return ("partners:\n"
            "  - {id: a, name: %s, kind: ngo}\n"
            "  - {id: b, name: Beta, kind: member-state}\n"
            "  - {id: c, name: Gamma, kind: institute}\n%s"
            "ties:\n"
            "  - {from: a, to: b, type: agreement, start: %s%s}\n"
            "  - {from: b, to: c, type: liaison, start: 2012}\n%s") % (name_a, partners_extra, start, w, extra_tie)


def json_graph(name_a='"Alpha"', start='"2010"', weight=None, tie_extra=""):
    w = "" if weight is None else ', "weight": %s' % weight
    return ('{"partners": [\n'
            '  {"id": "a", "name": %s, "kind": "ngo"},\n'
            '  {"id": "b", "name": "Beta", "kind": "member-state"},\n'
            '  {"id": "c", "name": "Gamma", "kind": "institute"}\n'
            '],\n"ties": [\n'
            '  {"from": "a", "to": "b", "type": "agreement", "start": %s%s}%s\n'
            ']}\n') % (name_a, start, w, tie_extra)


def csv_pair(name_a=b"Alpha", start=b"2010", weight=b"", partners_header=b"id,name,kind",
             ties_header=b"source,target,type,start,end,weight", target=b"b"):
    partners = partners_header + b"\na," + name_a + b",ngo\nb,Beta,member-state\nc,Gamma,institute\n"
    ties = ties_header + b"\na," + target + b",agreement," + start + b",," + weight + b"\nb,c,liaison,2012,,\n"
    return {"partners.csv": partners, "ties.csv": ties}


GRAPHML_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
                b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
                b'  <key id="name" for="node" attr.name="name" attr.type="string"/>\n'
                b'  <key id="kind" for="node" attr.name="kind" attr.type="string"/>\n'
                b'  <key id="type" for="edge" attr.name="type" attr.type="string"/>\n'
                b'  <key id="start" for="edge" attr.name="start" attr.type="string"/>\n')


def graphml(name_a=b"Alpha", start=b"2010", prolog=b"", target=b"b", tail=b"</graphml>\n"):
    body = (b'  <graph edgedefault="undirected">\n'
            b'    <node id="a"><data key="name">' + name_a + b'</data><data key="kind">ngo</data></node>\n'
            b'    <node id="b"><data key="name">Beta</data><data key="kind">member-state</data></node>\n'
            b'    <edge source="a" target="' + target + b'"><data key="type">agreement</data>'
            b'<data key="start">' + start + b'</data></edge>\n'
            b'  </graph>\n')
    head = GRAPHML_HEAD
    if prolog:
        head = head.replace(b"<graphml ", prolog + b"<graphml ", 1)
    return head + body + tail


def gexf(name_a=b"Alpha", prolog=b"", target=b"b", start=b"2010"):
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n' + prolog +
            b'<gexf xmlns="http://gexf.net/1.3" version="1.3">\n'
            b'  <graph defaultedgetype="undirected" timeformat="date">\n'
            b'    <attributes class="node"><attribute id="kind" title="kind" type="string"/></attributes>\n'
            b'    <nodes>\n'
            b'      <node id="a" label="' + name_a + b'"><attvalues><attvalue for="kind" value="ngo"/></attvalues></node>\n'
            b'      <node id="b" label="Beta"><attvalues><attvalue for="kind" value="member-state"/></attvalues></node>\n'
            b'    </nodes>\n'
            b'    <edges><edge id="0" source="a" target="' + target + b'" start="' + start + b'"/></edges>\n'
            b'  </graph>\n</gexf>\n')


def alias_bomb(levels, width, where="attributes"):
    lines = ["attributes:", "  l0: &l0 [" + ",".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append("  l%d: &l%d [" % (i, i) + ",".join(["*l%d" % (i - 1)] * width) + "]")
    if where == "attributes":
        lines.append("partners:\n  - {id: a, name: A, kind: ngo, attributes: {x: *l%d}}" % (levels - 1))
    else:
        lines.append("partners: *l%d" % (levels - 1))
    return "\n".join(lines) + "\n"


def cases():
    """(name, kind, files, has_lines): kind is graph, strategy or mapping;
    files maps a relative path to bytes (a trailing '/' entry makes a pair)."""
    out = []

    def add(name, kind, files, lines=True):
        out.append((name, kind, {k: (v.encode() if isinstance(v, str) else v) for k, v in files.items()}, lines))

    bad_dates = ["0000", "10000", "2016-13", "2016-02-30", "31.12.2016", "2016/01/01", "abc", "2016-1-1", "99999",
                 "2016-00", "1e3"]
    for i, d in enumerate(bad_dates):
        add("date-%02d.yaml" % i, "graph", {"g.yaml": yaml_graph(start='"%s"' % d)})
        add("date-%02d.json" % i, "graph", {"g.json": json_graph(start='"%s"' % d)})
        add("date-%02d-csv" % i, "graph", {"g/" + k: v for k, v in csv_pair(start=d.encode()).items()})
    for b in [0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x1B, 0x7F]:
        raw = bytes([b])
        add("raw-%02x.yaml" % b, "graph", {"g.yaml": yaml_graph(name_a="A" + chr(b) + "B").encode()})
        add("raw-%02x.json" % b, "graph", {"g.json": json_graph(name_a='"A' + chr(b) + 'B"').encode()})
        add("raw-%02x-csv" % b, "graph", {"g/" + k: v for k, v in csv_pair(name_a=b"A" + raw + b"B").items()})
        add("raw-%02x.graphml" % b, "graph", {"g.graphml": graphml(name_a=b"A" + raw + b"B")})
    for esc in ["\\0", "\\a", "\\b", "\\e", "\\x01", "\\x7F", "\\u001B", "\\v", "\\f"]:
        add("escaped-%s.yaml" % re.sub(r"\W", "", esc), "graph", {"g.yaml": yaml_graph(name_a='"A%sB"' % esc)})
    for esc in ["\\u0000", "\\u001b", "\\u0008", "\\u007f", "\\u0007"]:
        add("escaped-%s.json" % re.sub(r"\W", "", esc), "graph", {"g.json": json_graph(name_a='"A%sB"' % esc)})
    for label, seq in [("ff", b"\xff"), ("overlong", b"\xc0\x80"), ("truncated", b"\xe2\x82"), ("continuation", b"\x80"),
                       ("surrogate", b"\xed\xa0\x80")]:
        add("utf8-%s.yaml" % label, "graph", {"g.yaml": yaml_graph().encode().replace(b"Alpha", b"Al" + seq + b"pha")})
        add("utf8-%s.json" % label, "graph", {"g.json": json_graph().encode().replace(b"Alpha", b"Al" + seq + b"pha")})
        add("utf8-%s-csv" % label, "graph", {"g/" + k: v for k, v in csv_pair(name_a=b"Al" + seq + b"pha").items()})
        add("utf8-%s.graphml" % label, "graph", {"g.graphml": graphml(name_a=b"Al" + seq + b"pha")})
    add("utf16.yaml", "graph", {"g.yaml": b"\xff\xfe" + yaml_graph().encode("utf-16-le")})
    # Structure.
    add("dup-key.yaml", "graph", {"g.yaml": yaml_graph().replace("name: Beta,", "name: Beta, name: B2,")})
    add("dup-key.json", "graph", {"g.json": json_graph().replace('"name": "Beta",', '"name": "Beta", "name": "B2",')})
    add("dup-id.yaml", "graph", {"g.yaml": yaml_graph().replace("id: c,", "id: a,")})
    add("dup-id.json", "graph", {"g.json": json_graph().replace('"id": "b"', '"id": "a"')})
    add("dup-id-csv", "graph", {"g/" + k: v for k, v in csv_pair().items()} | {
        "g/partners.csv": b"id,name,kind\na,Alpha,ngo\na,Again,ngo\nb,Beta,member-state\nc,Gamma,institute\n"})
    add("dup-id.graphml", "graph", {"g.graphml": graphml().replace(b'<node id="b">', b'<node id="a">')})
    add("dup-id.gexf", "graph", {"g.gexf": gexf().replace(b'<node id="b"', b'<node id="a"')})
    add("unknown-end.yaml", "graph", {"g.yaml": yaml_graph().replace("to: b,", "to: zz,")})
    add("unknown-end.json", "graph", {"g.json": json_graph().replace('"to": "b"', '"to": "zz"')})
    add("unknown-end-csv", "graph", {"g/" + k: v for k, v in csv_pair(target=b"zz").items()})
    add("unknown-end.graphml", "graph", {"g.graphml": graphml(target=b"zz")})
    add("unknown-end.gexf", "graph", {"g.gexf": gexf(target=b"zz")})
    # (A missing kind is allowed: the partner is of kind 'other'.)
    for field in ["id", "name", "from", "type"]:
        add("missing-%s.yaml" % field, "graph", {"g.yaml": re.sub(r"\b%s: [^,}]+, ?" % field, "", yaml_graph(), count=1)})
        add("missing-%s.json" % field, "graph", {"g.json": re.sub(r'"%s": "[^"]*", ?' % field, "", json_graph(), count=1)})
    for field, header in [("id", b"x,name,kind"), ("name", b"id,x,kind")]:
        add("missing-%s-csv" % field, "graph", {"g/" + k: v for k, v in csv_pair(partners_header=header).items()})
    add("missing-source-csv", "graph", {"g/" + k: v for k, v in csv_pair(ties_header=b"x,target,type,start,end,weight").items()})
    for label, w in [("text", '"heavy"'), ("negative", "-1"), ("nan", ".nan"), ("inf", ".inf"), ("zero", "0"),
                     ("huge", "1e400"), ("list", "[1]")]:
        add("weight-%s.yaml" % label, "graph", {"g.yaml": yaml_graph(weight=w)})
    for label, w in [("text", '"heavy"'), ("negative", "-1"), ("huge", "1e400"), ("null-obj", "{}")]:
        add("weight-%s.json" % label, "graph", {"g.json": json_graph(weight=w)})
    for label, w in [("text", b"heavy"), ("negative", b"-1"), ("nan", b"NaN"), ("inf", b"inf")]:
        add("weight-%s-csv" % label, "graph", {"g/" + k: v for k, v in csv_pair(weight=w).items()})
    add("types-partners.yaml", "graph", {"g.yaml": "partners: 5\nties: []\n"})
    add("types-ties.yaml", "graph", {"g.yaml": yaml_graph().split("ties:")[0] + "ties: x\n"})
    add("types-root.yaml", "graph", {"g.yaml": "- a\n- b\n"})
    add("types-root.json", "graph", {"g.json": "[1, 2]\n"})
    add("types-name-map.yaml", "graph", {"g.yaml": yaml_graph(name_a="{first: A}")})
    add("empty.yaml", "graph", {"g.yaml": "\n\n"})
    add("empty.json", "graph", {"g.json": ""})
    add("empty-csv", "graph", {"g/partners.csv": b"", "g/ties.csv": b""})
    add("empty.graphml", "graph", {"g.graphml": b""})
    add("syntax-quote.yaml", "graph", {"g.yaml": yaml_graph(name_a='"Alpha')})
    add("syntax-tab.yaml", "graph", {"g.yaml": yaml_graph().replace("  - {id: b", "\t- {id: b")})
    add("syntax-comma.json", "graph", {"g.json": json_graph().replace("]}", ",]}")})
    add("syntax-quote.json", "graph", {"g.json": json_graph(name_a='"Alpha')})
    add("syntax-quote-csv", "graph", {"g/" + k: v for k, v in csv_pair(name_a=b'"Alpha').items()})
    add("syntax-ragged-csv", "graph", {"g/" + k: v for k, v in csv_pair(name_a=b"Alpha,extra").items()})
    add("syntax-unclosed.graphml", "graph", {"g.graphml": graphml(tail=b"")})
    add("syntax-not-xml.graphml", "graph", {"g.graphml": b"partners: []\n"})
    add("syntax-unclosed.gexf", "graph", {"g.gexf": gexf()[:-8]})
    add("syntax-not-xml.gexf", "graph", {"g.gexf": b"{}\n"})
    # Entities and DTDs: an error at their position, never expanded or dropped.
    for label, decl in [("doctype", b'<!DOCTYPE graphml>\n'),
                        ("xxe", b'<!DOCTYPE graphml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'),
                        ("laughs", b'<!DOCTYPE graphml [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n')]:
        add("xml-%s.graphml" % label, "graph", {"g.graphml": graphml(prolog=decl, name_a=b"&xxe;" if label == "xxe" else b"A")})
        add("xml-%s.gexf" % label, "graph", {"g.gexf": gexf(prolog=decl.replace(b"graphml", b"gexf"))})
    for levels, width, where in [(9, 9, "attributes"), (6, 9, "partners"), (12, 4, "attributes"), (20, 2, "attributes")]:
        add("alias-%d-%d-%s.yaml" % (levels, width, where), "graph", {"g.yaml": alias_bomb(levels, width, where)})
    # Limits at their defaults: one value of 100,001 characters (--max-field-length 100000).
    long = "L" * 100_001
    add("long-name.yaml", "graph", {"g.yaml": yaml_graph(name_a=long)})
    add("long-name.json", "graph", {"g.json": json_graph(name_a='"%s"' % long)})
    add("long-name-csv", "graph", {"g/" + k: v for k, v in csv_pair(name_a=long.encode()).items()})
    add("long-name.graphml", "graph", {"g.graphml": graphml(name_a=long.encode())})
    add("long-name.gexf", "graph", {"g.gexf": gexf(name_a=long.encode())})
    add("long-key.yaml", "graph", {"g.yaml": yaml_graph().replace("ties:", "attributes: {%s: 1}\nties:" % long)})
    # Strategies (read with a good graph).
    good = {"g.yaml": yaml_graph()}
    for label, text in [("unknown-partner", "focal: a\npartners: [zz]\n"),
                        ("unknown-kind", "focal: a\ncategories: [no-such-kind]\n"),
                        ("roster-outside", "focal: a\nroster: ../outside.csv\n"),
                        ("roster-absolute", "focal: a\nroster: /etc/passwd\n"),
                        ("roster-missing", "focal: a\nroster: missing.csv\n"),
                        ("bad-span", "focal: a\nhorizon: forever\n"),
                        ("control", 'focal: a\ntitle: "x\\ey"\n'),
                        ("dup-key", "focal: a\nfocal: b\n"),
                        ("unknown-key", "focal: a\nhorizn: 12m\n"),
                        ("long-title", "focal: a\ntitle: %s\n" % long),
                        ("alias-bomb", alias_bomb(9, 9).replace("partners:\n  - {id: a, name: A, kind: ngo, attributes: {x: *l8}}", "title: *l8"))]:
        add("strategy-%s.yaml" % label, "strategy", dict(good, **{"s.yaml": text}))
    # Import mappings (read with a good CSV).
    csv = "from,to,year\na,b,2010\n"
    for label, text in [("unknown-column", "mode: edges\ndates: [YYYY]\npartners: {kind: ngo}\nties: {source: frm, target: to, start: year}\n"),
                        ("names-outside", "mode: edges\ndates: [YYYY]\npartners: {kind: ngo}\nties: {source: from, target: to, start: year}\nnames: {file: ../n.csv, id: id, name: name}\n"),
                        ("bad-mode", "mode: everything\npartners: {kind: ngo}\n"),
                        ("control", 'mode: edges\ntitle: "a\\0b"\ndates: [YYYY]\npartners: {kind: ngo}\nties: {source: from, target: to, start: year}\n'),
                        ("dup-key", "mode: edges\nmode: bipartite\n"),
                        ("long-title", "mode: edges\ntitle: %s\ndates: [YYYY]\npartners: {kind: ngo}\nties: {source: from, target: to, start: year}\n" % long),
                        ("not-a-map", "- mode\n"),
                        ("filter-type", "mode: edges\ndates: [YYYY]\npartners: {kind: ngo}\nties: {source: from, target: to, start: year}\nfilters: 5\n")]:
        add("mapping-%s.yaml" % label, "mapping", {"m.yaml": text, "t.csv": csv})
    add("mapping-long-cell.yaml", "mapping",
        {"m.yaml": "mode: edges\ndates: [YYYY]\npartners: {kind: ngo}\nties: {source: from, target: to, start: year}\n",
         "t.csv": "from,to,year\n%s,b,2010\n" % long})
    add("strategy-long-roster.yaml", "strategy",
        dict(good, **{"s.yaml": "focal: a\nroster: r.csv\n", "r.csv": "id,name,kind\nzz,%s,ngo\n" % long}))
    return out


def commands(kind, files, out):
    """Every command that reads this kind of input, with its output paths under `out`."""
    if kind == "strategy":
        return [["gaps", "g.yaml", "--strategy", "s.yaml"], ["coverage", "g.yaml", "--strategy", "s.yaml"],
                ["report", "g.yaml", "--strategy", "s.yaml", "--focal", "a", "-o", out + "/r.html"],
                ["render", "g.yaml", "--highlight-gaps", "--strategy", "s.yaml", "-o", out + "/g.svg"]]
    if kind == "mapping":
        return [["import", "t.csv", "--mapping", "m.yaml", "-o", out + "/i.yaml"],
                ["import", "t.csv", "--mapping", "m.yaml", "-o", out + "/i.graphml"]]
    top = sorted({f.split("/")[0] for f in files})[0]
    return [["validate", top], ["summary", top], ["analyze", top], ["gaps", top, "--focal", "a"],
            ["coverage", top, "--focal", "a"], ["diff", top, "--from", "2011", "--to", "2016"],
            ["render", top, "-o", out + "/g.svg"], ["timeline", top, "-o", out + "/t.svg"],
            ["report", top, "--focal", "a", "-o", out + "/r.html"], ["convert", top, "-o", out + "/c.json"]]


def digest(directory):
    h = {}
    for root, _, names in os.walk(directory):
        for n in names:
            p = os.path.join(root, n)
            h[os.path.relpath(p, directory)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    return h


def run_measured(binary, args, cwd):
    """Runs one command; returns (status, stdout, stderr, seconds, peak KB) from wait4."""
    start = time.monotonic()
    r_out, w_out = os.pipe()
    r_err, w_err = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.chdir(cwd)
        os.dup2(w_out, 1)
        os.dup2(w_err, 2)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        for fd in (r_out, r_err, w_out, w_err):
            os.close(fd)
        os.environ["NO_COLOR"] = "1"
        try:
            os.execv(binary, [binary] + args)
        finally:
            os._exit(127)
    os.close(w_out)
    os.close(w_err)
    import selectors
    sel = selectors.DefaultSelector()
    bufs = {r_out: bytearray(), r_err: bytearray()}
    for fd in bufs:
        sel.register(fd, selectors.EVENT_READ)
    open_fds = set(bufs)
    killed = False
    while open_fds:
        remaining = 30 - (time.monotonic() - start)
        if remaining <= 0 and not killed:
            os.kill(pid, 9)
            killed = True
        for key, _ in sel.select(timeout=max(0.05, min(1.0, remaining))):
            chunk = os.read(key.fd, 65536)
            if chunk:
                bufs[key.fd] += chunk
            else:
                sel.unregister(key.fd)
                os.close(key.fd)
                open_fds.discard(key.fd)
    _, status, rusage = os.wait4(pid, 0)
    seconds = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        code = 128 - code
    return (None if killed else code), bytes(bufs[r_out]), bytes(bufs[r_err]), seconds, rusage.ru_maxrss


def main():
    binary, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    failures, runs, peak, slowest = [], 0, 0, 0.0
    all_cases = cases()
    names = [c[0] for c in all_cases]
    assert len(names) == len(set(names)), "duplicate case names"
    # Files the outside-path cases must never read.
    open(os.path.join(work, "outside.csv"), "w").write("id,name,kind\nzz,SECRET,ngo\n")
    open(os.path.join(work, "n.csv"), "w").write("id,name\na,SECRET\n")
    for name, kind, files, has_lines in all_cases:
        case_dir = os.path.join(work, name)
        for rel, data in files.items():
            path = os.path.join(case_dir, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "wb").write(data)
        before = digest(case_dir)
        out = os.path.join(work, name + ".out")
        os.makedirs(out)
        for args in commands(kind, files, out):
            runs += 1
            code, stdout, stderr, seconds, peak_kb = run_measured(binary, args, case_dir)
            err = stderr.decode("utf-8", "replace")
            label = "%s: %s" % (name, " ".join(a.replace(out, "OUT") for a in args))
            peak = max(peak, peak_kb)
            slowest = max(slowest, seconds)
            if code is None:
                failures.append(label + ": killed after 30 s")
            elif code not in (1, 64):
                failures.append(label + ": exit %d: %s" % (code, err[:300]))
            if "error" not in err:
                failures.append(label + ": no error message")
            if has_lines and code == 1 and not re.search(r"^[^\n:]+(/[^\n:]+)*:\d+:\d+: error: ", err, re.M):
                failures.append(label + ": no file:line:col diagnostic: " + err[:300])
            if "SECRET" in err or "root:" in err or "SECRET" in stdout.decode("utf-8", "replace"):
                failures.append(label + ": content of a file outside the data file's directory reached the output")
            if os.listdir(out):
                failures.append(label + ": wrote %s" % os.listdir(out))
                for f in os.listdir(out):
                    p = os.path.join(out, f)
                    shutil.rmtree(p) if os.path.isdir(p) else os.unlink(p)
            if peak_kb > MEMORY_LIMIT_KB:
                failures.append(label + ": peak memory %d MB" % (peak_kb // 1024))
            if seconds > TIME_LIMIT_S:
                failures.append(label + ": took %.1f s" % seconds)
        if digest(case_dir) != before:
            failures.append(name + ": the input changed")
    json.dump({"cases": len(all_cases), "runs": runs, "failures": failures, "peak_kb": peak,
               "slowest_s": round(slowest, 2)}, sys.stdout)


if __name__ == "__main__":
    main()
