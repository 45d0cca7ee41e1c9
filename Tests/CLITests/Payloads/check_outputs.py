#!/usr/bin/env python3
"""Parses every output in a directory with a real parser and checks it is inert.

Usage: check_outputs.py DIR  ->  one JSON object on stdout:
  {"files": {name: {"problems": [...], "text": "visible text"}}, "checked": N}

By extension:
  .json      json.loads (no raw C0/C1 control characters)
  .csv       csv.reader; a directory is a CSV pair (its .csv files)
  .yaml      yaml.safe_load (no raw control characters)
  .txt       terminal output: no C0 (except newline), C1 or bidi control
  .md        pandoc (markdown -> html) and markdown-it (CommonMark + tables)
             -> HTML checked as below; no raw control or bidi character
  .html      html.parser: no script (except the report's own year selector),
             no event attribute, no javascript:/data:/file: URL, no external
             resource (iframe, object, embed, link, base, form, remote src)
  .svg       xmllint --noout, then ElementTree: no script, foreignObject,
             image, iframe, event attribute or non-local/unsafe href
  .graphml   xmllint --noout and networkx.read_graphml
  .gexf      xmllint --noout and networkx.read_gexf
  .dot       drawn with `dot -Tsvg` under strace: no file from the data
             (/etc/passwd, /etc) is opened; the drawing is checked as .svg
  .png .pdf  the file signature; no javascript: in a PDF
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

csv.field_size_limit(sys.maxsize)
from html.parser import HTMLParser

C0 = {chr(c) for c in range(0x20)} - {"\n"}
C1 = {chr(c) for c in range(0x7F, 0xA0)}
BIDI = {"\u061c", "\u200e", "\u200f"} | {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2066, 0x206A)}
SAFE_SCHEMES = ("http://", "https://", "mailto:")
REPORT_SCRIPT_MARK = "document.getElementById('year')"

# Elements a Markdown renderer makes from Markdown syntax; anything else in
# the rendered HTML came from raw HTML in the data.
MARKDOWN_ELEMENTS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th",
                     "td", "strong", "em", "code", "pre", "a", "img", "figure", "figcaption", "blockquote", "hr", "br",
                     "span", "div", "col", "colgroup", "caption", "section", "header", "nav", "del", "sup", "sub"}


def controls(text, bidi=True, c1=True, xml_whitespace=False):
    allowed = {"\t", "\r"} if xml_whitespace else set()
    found = {ch for ch in text if (ch in C0 and ch not in allowed) or (c1 and ch in C1) or (bidi and ch in BIDI)}
    return ["raw control or bidi character U+%04X" % ord(ch) for ch in sorted(found)]


def url_problem(value, allow_relative=False):
    v = value.strip().lower()
    if v.startswith("#"):
        return None
    if v.startswith(SAFE_SCHEMES):
        return None
    if allow_relative and re.fullmatch(r"[a-z0-9._~/%-]+\.svg", v) and ":" not in v and not v.startswith("/"):
        return None
    return "unsafe or external URL %r" % value


class HTMLCheck(HTMLParser):
    def __init__(self, markdown, allow_relative):
        super().__init__(convert_charrefs=True)
        self.markdown = markdown
        self.allow_relative = allow_relative
        self.problems = []
        self.text = []
        self.in_script = False
        self.script = []

    def handle_starttag(self, tag, attrs):
        if self.markdown and tag not in MARKDOWN_ELEMENTS:
            self.problems.append("element <%s> from raw HTML" % tag)
        if tag in ("iframe", "object", "embed", "link", "base", "form", "frame", "meta") and not (
                tag == "meta" and all(k in ("charset", "name", "content") for k, _ in attrs)):
            self.problems.append("external-resource element <%s>" % tag)
        if tag == "script":
            self.in_script = True
            self.script = []
        for k, v in attrs:
            k = k.lower()
            if k.startswith("on"):
                self.problems.append("event attribute %s on <%s>" % (k, tag))
            if k in ("href", "src", "xlink:href", "action", "formaction", "poster", "background") and v is not None:
                p = url_problem(v, self.allow_relative)
                if p:
                    self.problems.append(p + " in <%s %s>" % (tag, k))
            if k == "style" and v and ("url(" in v.lower() or "expression" in v.lower()):
                self.problems.append("style with a URL on <%s>" % tag)

    def handle_endtag(self, tag):
        if tag == "script" and self.in_script:
            self.in_script = False
            body = "".join(self.script)
            if self.markdown or REPORT_SCRIPT_MARK not in body or "alert" in body:
                self.problems.append("script element")

    def handle_data(self, data):
        if self.in_script:
            self.script.append(data)
        else:
            self.text.append(data)


def check_html(text, markdown=False, allow_relative=False):
    h = HTMLCheck(markdown, allow_relative)
    h.feed(text)
    h.close()
    if h.in_script:
        h.problems.append("unterminated script element")
    return h.problems, "".join(h.text)


def check_svg_text(data):
    problems = []
    with tempfile.NamedTemporaryFile(suffix=".svg", delete=False) as f:
        f.write(data)
        path = f.name
    try:
        r = subprocess.run(["xmllint", "--noout", "--nonet", path], capture_output=True, text=True, errors="replace")
        if r.returncode != 0:
            return ["not well-formed XML: " + r.stderr.strip()[:300]], ""
    finally:
        os.unlink(path)
    if b"<!ENTITY" in data or b"SYSTEM" in data.split(b"<svg", 1)[0]:
        problems.append("entity or external DTD")
    root = ET.fromstring(data)
    texts = []
    for el in root.iter():
        tag = el.tag.split("}")[-1]
        if tag in ("script", "foreignObject", "image", "iframe", "embed", "object", "handler"):
            problems.append("element <%s>" % tag)
        for k, v in el.attrib.items():
            name = k.split("}")[-1].lower()
            if name.startswith("on"):
                problems.append("event attribute %s on <%s>" % (name, tag))
            if name == "href":
                p = url_problem(v)
                if p:
                    problems.append(p + " in <%s>" % tag)
            if name == "style" and ("url(" in v.lower()):
                problems.append("style with a URL on <%s>" % tag)
        if el.text:
            texts.append(el.text)
        if el.tail:
            texts.append(el.tail)
    text = "".join(texts)
    # Tab and carriage return are XML white space, not controls a reader sees.
    problems += controls(data.decode("utf-8"), bidi=False, xml_whitespace=True)
    return problems, text


def check_markdown(text):
    problems = controls(text)
    rendered_texts = []
    if shutil.which("pandoc"):
        r = subprocess.run(["pandoc", "-f", "markdown", "-t", "html"], input=text, capture_output=True, text=True, errors="replace")
        if r.returncode != 0:
            problems.append("pandoc failed: " + r.stderr[:200])
        else:
            p, t = check_html(r.stdout, markdown=True, allow_relative=True)
            problems += ["pandoc: " + x for x in p]
            rendered_texts.append(t)
    else:
        problems.append("pandoc is not installed")
    try:
        from markdown_it import MarkdownIt
        html = MarkdownIt("commonmark").enable("table").render(text)
        p, t = check_html(html, markdown=True, allow_relative=True)
        problems += ["markdown-it: " + x for x in p]
        rendered_texts.append(t)
    except ImportError:
        problems.append("markdown-it-py is not installed")
    return problems, "\n".join(rendered_texts)


def check_dot(path):
    problems = []
    out = tempfile.mkdtemp()
    svg = os.path.join(out, "drawn.svg")
    log = os.path.join(out, "strace.log")
    cmd = ["dot", "-Tsvg", path, "-o", svg]
    if shutil.which("strace"):
        cmd = ["strace", "-f", "-qq", "-e", "trace=open,openat,stat,newfstatat,access", "-o", log] + cmd
    r = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=60)
    if r.returncode != 0:
        problems.append("dot failed: " + r.stderr[:300])
    if "passwd" in r.stderr:
        problems.append("dot tried a file from the data: " + r.stderr[:200])
    if os.path.exists(log):
        for line in open(log, errors="replace"):
            if "/etc/passwd" in line or re.search(r'"/etc/?"', line):
                problems.append("dot opened a path from the data: " + line.strip()[:200])
                break
    elif shutil.which("strace"):
        problems.append("strace wrote no log")
    text = ""
    if os.path.exists(svg):
        p, text = check_svg_text(open(svg, "rb").read())
        problems += ["drawn: " + x for x in p]
    shutil.rmtree(out, ignore_errors=True)
    return problems, text


def check_file(path):
    ext = os.path.splitext(path)[1].lower()
    data = open(path, "rb").read()
    if not data:
        return ["empty output"], ""
    if ext in (".png", ".pdf"):
        sig = b"\x89PNG\r\n\x1a\n" if ext == ".png" else b"%PDF-"
        problems = [] if data.startswith(sig) else ["not a %s file" % ext]
        if ext == ".pdf" and b"javascript" in data.lower():
            problems.append("javascript in the PDF")
        return problems, ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return ["not UTF-8: %s" % e], ""
    if ext == ".json":
        try:
            json.loads(text)
        except ValueError as e:
            return ["not JSON: %s" % e], ""
        return controls(text, bidi=False), text
    if ext == ".csv":
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        except csv.Error as e:
            return ["not CSV: %s" % e], ""
        return ([] if rows else ["no rows"]), text
    if ext in (".yaml", ".yml"):
        import yaml
        try:
            yaml.safe_load(text)
        except yaml.YAMLError as e:
            return ["not YAML: %s" % str(e)[:200]], ""
        return controls(text, bidi=False), text
    if ext == ".txt":
        return controls(text), text
    if ext == ".md":
        return check_markdown(text)
    if ext == ".html":
        problems, visible = check_html(text)
        return problems + controls(text, bidi=False, xml_whitespace=True), visible
    if ext == ".svg":
        return check_svg_text(data)
    if ext in (".graphml", ".gexf"):
        r = subprocess.run(["xmllint", "--noout", "--nonet", path], capture_output=True, text=True, errors="replace")
        if r.returncode != 0:
            return ["not well-formed XML: " + r.stderr.strip()[:300]], ""
        problems = controls(text, bidi=False)
        if "<!ENTITY" in text or "<!DOCTYPE" in text:
            problems.append("DTD or entity")
        import networkx as nx
        try:
            (nx.read_graphml if ext == ".graphml" else nx.read_gexf)(path)
        except Exception as e:  # noqa: BLE001 - any failure to read is the finding
            problems.append("NetworkX cannot read it: %s" % str(e)[:200])
        return problems, text
    if ext in (".dot", ".gv"):
        return check_dot(path)
    return ["unknown output type %s" % ext], ""


def main():
    root = sys.argv[1]
    result = {}
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if os.path.isdir(path):
            for inner in sorted(os.listdir(path)):
                if inner.startswith("."):
                    result[name + "/" + inner] = {"problems": ["temporary file left behind"], "text": ""}
                    continue
                problems, text = check_file(os.path.join(path, inner))
                result[name + "/" + inner] = {"problems": problems, "text": text}
            continue
        if name.startswith("."):
            result[name] = {"problems": ["temporary file left behind"], "text": ""}
            continue
        problems, text = check_file(path)
        result[name] = {"problems": problems, "text": text}
    json.dump({"files": result, "checked": len(result)}, sys.stdout)


if __name__ == "__main__":
    main()
