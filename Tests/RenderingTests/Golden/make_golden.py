#!/usr/bin/env python3
"""Writes the golden SVG files for GoldenSVGTests.swift from an independent oracle.

For every NAME.dot in this folder:

1. the Graphviz `dot` binary renders it (`dot -Tsvg NAME.dot`; the layout
   engine is the graph's `layout` attribute, which `dot` honours);
2. the SVG post-processing rules of SVGDocument.prepare (Sources/GraphvizRendering/
   SVGDocument.swift) are applied by the re-implementation below, written from
   the rules, with the Python standard library only (xml.parsers.expat);
3. NAME.svg is written, with the options from NAME.options.json.

Every NAME.svg.in (a raw SVG written by hand, no Graphviz involved) goes through
step 2 only and gives NAME.svg as well.

GRAPHVIZ-VERSION receives the `dot -V` line; the Swift test compares the SVG made
from a DOT input byte for byte only when the installed `dot -V` prints the same.

Never paste the output of the Swift code into the goldens: the point of this
script is that it does not share code, or mistakes, with SVGDocument.swift.

Usage: python3 Tests/RenderingTests/Golden/make_golden.py [--dot PATH] [--check]
  --check  write nothing; exit 1 when a golden file would change.
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
import unicodedata
import xml.parsers.expat

HERE = os.path.dirname(os.path.abspath(__file__))

DEFAULT_ID_PREFIX = "pg-"
DEFAULT_FONT_FAMILY = "Arial,'Liberation Sans',Helvetica,sans-serif"

# Elements dropped with everything inside them.
REMOVED_ELEMENTS = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video", "style"}


# ---------------------------------------------------------------------------
# Options (NAME.options.json)


class Options:
    KEYS = {"title", "description", "width", "height", "idPrefix", "elementTitles", "fontFamily", "keepsLinks"}

    def __init__(self, data):
        unknown = set(data) - self.KEYS
        if unknown:
            raise ValueError("unknown option keys: %s" % ", ".join(sorted(unknown)))
        self.title = data["title"]
        self.description = data["description"]
        self.width = data.get("width")
        self.height = data.get("height")
        self.id_prefix = data.get("idPrefix", DEFAULT_ID_PREFIX)
        self.element_titles = data.get("elementTitles", {})
        self.font_family = data.get("fontFamily", DEFAULT_FONT_FAMILY)
        self.keeps_links = data.get("keepsLinks", False)


# ---------------------------------------------------------------------------
# Tree: an element is [name, {attributes}, [children]]; a child is an element
# or a str (text). Adjacent text is merged while parsing, also across comments
# and processing instructions, which are dropped.


class Element:
    __slots__ = ("name", "attributes", "children")

    def __init__(self, name, attributes, children=None):
        self.name = name
        self.attributes = attributes
        self.children = children if children is not None else []


def is_removed_character(code):
    """Characters XML 1.0 forbids (C0 but tab/LF/CR, U+FFFE, U+FFFF) and C1 controls."""
    if code in (0x09, 0x0A, 0x0D):
        return False
    return code <= 0x1F or 0x7F <= code <= 0x9F or code in (0xFFFE, 0xFFFF)


def remove_control_characters(text):
    return "".join(ch for ch in text if not is_removed_character(ord(ch)))


def parse(text):
    """Parses XML text into Elements with expat (no namespace processing, no DTD loading)."""
    parser = xml.parsers.expat.ParserCreate("UTF-8")
    parser.buffer_text = False
    parser.ordered_attributes = False
    state = {"root": None}
    stack = []

    def start(name, attributes):
        element = Element(name, dict(attributes))
        if stack:
            stack[-1].children.append(element)
        elif state["root"] is None:
            state["root"] = element
        stack.append(element)

    def end(name):
        stack.pop()

    def characters(data):
        if not stack:
            return  # whitespace around the root element
        children = stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters  # also receives CDATA section content
    parser.Parse(text.encode("utf-8"), True)
    if state["root"] is None:
        raise ValueError("no root element")
    return state["root"]


# ---------------------------------------------------------------------------
# Transformation


def gradient_renames(root):
    """Graphviz numbers gradients from a process-wide counter; renumber them
    gradient-1, gradient-2… in document order (pre-order, first id wins)."""
    renames = {}

    def visit(element):
        if element.name in ("linearGradient", "radialGradient"):
            gid = element.attributes.get("id")
            if gid is not None and gid not in renames:
                renames[gid] = "gradient-%d" % (len(renames) + 1)
        for child in element.children:
            if isinstance(child, Element):
                visit(child)

    visit(root)
    return renames


# Swift's CharacterSet.whitespaces: Unicode general category Zs plus tab.
def _is_swift_whitespace(ch):
    return ch == "\t" or unicodedata.category(ch) == "Zs"


def _trim_whitespace(text):
    start, end = 0, len(text)
    while start < end and _is_swift_whitespace(text[start]):
        start += 1
    while end > start and _is_swift_whitespace(text[end - 1]):
        end -= 1
    return text[start:end]


_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")


def _parse_double(text):
    """A decimal number as Swift's Double(String) reads the ones Graphviz writes; else None."""
    if _NUMBER.match(text):
        return float(text)
    return None


def _round_half_away(value):
    """Swift's Double.rounded(): to nearest, ties away from zero."""
    magnitude = abs(value)
    floor = math.floor(magnitude)
    rounded = floor + 1.0 if magnitude - floor >= 0.5 else floor
    return math.copysign(rounded, value)


def format_length(value):
    """At most two decimals, no trailing zeros, no decimal point for whole numbers."""
    rounded = _round_half_away(value * 100) / 100
    if rounded == _round_half_away(rounded):
        return str(int(rounded))
    return re.sub(r"0+$", "", "%.2f" % rounded)


class Transformer:
    def __init__(self, options, renamed_ids):
        self.options = options
        self.renamed_ids = renamed_ids

    def _renamed(self, target):
        return self.renamed_ids.get(target, target)

    def transform_root(self, root):
        svg = self.transform(root)
        prefix = self.options.id_prefix
        svg.attributes["xmlns"] = "http://www.w3.org/2000/svg"
        svg.attributes["xmlns:xlink"] = "http://www.w3.org/1999/xlink"
        svg.attributes["role"] = "img"
        svg.attributes["aria-labelledby"] = prefix + "title " + prefix + "desc"
        self.apply_size(svg)
        title = Element("title", {"id": prefix + "title"}, [self.options.title])
        desc = Element("desc", {"id": prefix + "desc"}, [self.options.description])
        svg.children[0:0] = ["\n", title, "\n", desc]
        return svg

    def apply_size(self, svg):
        parts = [p for p in re.split(r"[ ,]", svg.attributes.get("viewBox", "")) if p]
        box = [d for d in (_parse_double(p) for p in parts) if d is not None]
        if len(box) != 4 or not box[2] > 0 or not box[3] > 0:
            return
        aspect = box[3] / box[2]
        width, height = self.options.width, self.options.height
        if width is not None and height is not None:
            svg.attributes["width"] = format_length(width)
            svg.attributes["height"] = format_length(height)
        elif width is not None:
            svg.attributes["width"] = format_length(width)
            svg.attributes["height"] = format_length(width * aspect)
        elif height is not None:
            svg.attributes["width"] = format_length(height / aspect)
            svg.attributes["height"] = format_length(height)

    @staticmethod
    def reference(element):
        if "xlink:href" in element.attributes:
            return element.attributes["xlink:href"]
        return element.attributes.get("href")

    def is_internal(self, element):
        target = self.reference(element)
        return target is None or target.startswith("#")

    def keeps_link(self, anchor):
        target = self.reference(anchor)
        if not self.options.keeps_links or target is None:
            return False
        lowered = target.lower()
        return lowered.startswith(("http://", "https://", "mailto:", "#"))

    def transform(self, element):
        attributes = {}
        for name, value in element.attributes.items():
            kept = self.transform_attribute(name, value, element.name)
            if kept is not None:
                attributes[kept[0]] = kept[1]
        result = Element(element.name, attributes)
        original_id = element.attributes.get("id")
        replaced_title = False
        for child in element.children:
            if isinstance(child, str):
                result.children.append(child)
                continue
            if child.name in REMOVED_ELEMENTS:
                continue
            if child.name in ("image", "use") and not self.is_internal(child):
                continue
            if (child.name == "title" and not replaced_title and original_id is not None
                    and original_id in self.options.element_titles):
                replaced_title = True
                result.children.append(Element("title", {}, [self.options.element_titles[original_id]]))
                continue
            transformed = self.transform(child)
            if child.name == "a" and not self.keeps_link(child):
                result.children.extend(transformed.children)  # unwrap the link
            else:
                result.children.append(transformed)
        return result

    def transform_attribute(self, name, value, element_name):
        lowered = name.lower()
        if lowered.startswith("on"):
            return None  # event handlers
        if lowered == "xmlns" or lowered.startswith("xmlns:"):
            return None  # the root gets its own declarations
        prefix = self.options.id_prefix
        if lowered == "id":
            return (name, prefix + self._renamed(value))
        if lowered in ("href", "xlink:href"):
            if value.startswith("#"):
                return (name, "#" + prefix + self._renamed(value[1:]))
            if element_name == "a":
                return (name, value)
            return None
        if lowered == "font-family":
            pieces = [p for p in value.split(",") if p]
            first = _trim_whitespace(pieces[0]) if pieces else ""
            if first.lower() == "arial":
                return (name, self.options.font_family)
            return (name, value)
        if "url(" in value.lower():
            # Every url(...) must point inside the document (#id), in any
            # case and with optional blanks or quotes; one external reference
            # drops the whole attribute.
            value = self.prefixing_references(value)
            if value is None:
                return None
        if "javascript:" in value.lower():
            return None
        return (name, value)

    _URL = re.compile(r"(url\()([ \t\r\n\"']*)([^)]*)", re.IGNORECASE)

    def prefixing_references(self, value):
        """url(#id) → url(#<prefix><renamed id>); None if any url() is external."""
        external = False

        def replace(match):
            nonlocal external
            opening, blanks, rest = match.group(1), match.group(2), match.group(3)
            if not rest.startswith("#"):
                external = True
                return match.group(0)
            target_end = len(rest)
            for i, ch in enumerate(rest[1:], start=1):
                if ch in " \t\r\n\"'":
                    target_end = i
                    break
            target = rest[1:target_end]
            return opening + blanks + "#" + self.options.id_prefix + self._renamed(target) + rest[target_end:]

        result = self._URL.sub(replace, value)
        return None if external else result


# ---------------------------------------------------------------------------
# Serialisation


def _attribute_key(name):
    rank = {"xmlns": 0, "xmlns:xlink": 1, "id": 2, "class": 3}.get(name, 4)
    return (rank, name)


def escape_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def serialize(element, out):
    out.append("<" + element.name)
    for name in sorted(element.attributes, key=_attribute_key):
        out.append(" %s=\"%s\"" % (name, escape_attribute(element.attributes[name])))
    if not element.children:
        out.append("/>")
        return
    out.append(">")
    for child in element.children:
        if isinstance(child, str):
            out.append(escape_text(child))
        else:
            serialize(child, out)
    out.append("</" + element.name + ">")


def prepare(svg_bytes, options):
    text = remove_control_characters(svg_bytes.decode("utf-8", errors="replace"))
    root = parse(text)
    if root.name != "svg":
        raise ValueError("the root element is <%s>, not <svg>" % root.name)
    prepared = Transformer(options, gradient_renames(root)).transform_root(root)
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    serialize(prepared, out)
    out.append("\n")
    return "".join(out).encode("utf-8")


# ---------------------------------------------------------------------------
# Driver


def layout_engine(dot_text):
    """The graph's `layout` attribute (layout=neato, layout="neato"…)."""
    match = re.search(r'\blayout\s*=\s*"?([A-Za-z0-9_]+)"?', dot_text)
    if not match:
        raise ValueError("no layout attribute")
    return match.group(1)


def run_dot(dot, arguments):
    completed = subprocess.run([dot] + arguments, capture_output=True, check=False)
    if completed.returncode != 0 or completed.stderr.strip() and arguments != ["-V"]:
        raise RuntimeError("%s %s: status %d\n%s" % (dot, " ".join(arguments), completed.returncode,
                                                     completed.stderr.decode("utf-8", "replace")))
    return completed


def main():
    arguments = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    arguments.add_argument("--dot", default="dot", help="the Graphviz dot binary")
    arguments.add_argument("--check", action="store_true", help="compare instead of writing")
    args = arguments.parse_args()

    version = run_dot(args.dot, ["-V"]).stderr.decode("utf-8").strip() + "\n"
    outputs = {"GRAPHVIZ-VERSION": version.encode("utf-8")}
    names = sorted(os.listdir(HERE))
    for name in names:
        if name.endswith(".dot"):
            stem = name[: -len(".dot")]
            with open(os.path.join(HERE, name), encoding="utf-8") as f:
                engine = layout_engine(f.read())
            # -K as well as the attribute, as the Swift test passes the engine too.
            raw = run_dot(args.dot, ["-K" + engine, "-Tsvg", os.path.join(HERE, name)]).stdout
        elif name.endswith(".svg.in"):
            stem = name[: -len(".svg.in")]
            with open(os.path.join(HERE, name), "rb") as f:
                raw = f.read()
        else:
            continue
        with open(os.path.join(HERE, stem + ".options.json"), encoding="utf-8") as f:
            options = Options(json.load(f))
        outputs[stem + ".svg"] = prepare(raw, options)

    changed = []
    for name, data in sorted(outputs.items()):
        path = os.path.join(HERE, name)
        old = None
        if os.path.exists(path):
            with open(path, "rb") as f:
                old = f.read()
        if old == data:
            continue
        changed.append(name)
        if not args.check:
            with open(path, "wb") as f:
                f.write(data)
    verb = "would change" if args.check else "wrote"
    for name in changed:
        print("%s %s" % (verb, name))
    if not changed:
        print("golden files up to date (%s)" % version.strip())
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
