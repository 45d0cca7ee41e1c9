#!/usr/bin/env python3
"""Measure PartnerGraph figures in a real browser (headless Chromium) and with rsvg-convert.

    figcheck.py FILE.svg|FILE.html [FILE ...] [--width 16cm] [--min-pt 9] [--json]
                [--rsvg] [--print-pdf] [--same-centres REGEX] [--same-places REGEX] [--chromium PATH]

An SVG is embedded inline in a wrapper HTML page (each file in its own shadow
root, so the <style> of one figure cannot restyle another), at its own physical
width when it has one (and that width must equal --width, within 0.5 pt), else
in a container --width wide with svg{width:100%;height:auto}. Several SVG files
are measured in one Chromium launch. An HTML file (the report) is copied to a
temporary directory and loaded itself, with the measuring script added before
</body>; hidden year snapshots are shown first (as they are when printed).

For every top-level <svg> the script reports, in pt (1 CSS px = 0.75 pt):
  texts                      every non-empty <text>: its box (getBoundingClientRect)
                             and effective size = computed font-size x the scale of
                             getScreenCTM() (sqrt|ad - bc|);
  min_text_pt                the smallest of those sizes;
  outside                    texts and node shapes (children polygon/ellipse/path/
                             polyline/rect of g.node) whose box lies more than
                             0.5 px outside the root <svg>'s box;
  overlaps                   text boxes of different g.node groups (or, outside
                             Graphviz figures, any two <text> elements) intersecting
                             by more than 1 px in both axes; a text box overlapping
                             a node shape of another g.node (legend text and its
                             swatch, "X-text-N" and "X", belong together; an
                             ellipse is tested as an ellipse, other shapes by box);
  arrowheads_on_undirected   g.edge groups holding a <polygon> (Graphviz arrowheads)
                             whose class list has no "directed";
  edges_through_nodes        g.edge paths (not legend swatches) sampled every 1 px:
                             a sample more than 1 px inside the shape box of a node
                             (an ellipse as an ellipse) that is not one of the
                             edge's ends (the nodes touching its first or last point);
  centres                    the centre of each g.node's shapes, in the root svg's
                             user units, keyed by node id.
--same-centres REGEX: node ids "PREFIX-node-NAME" in figures whose PREFIX matches
REGEX (e.g. '^snap' for the report's yearly snapshots) must have the same centre
(within 0.01 user units) in every such figure holding NAME.
--same-places REGEX: the same, but each matching prefix may be shifted as a whole (the
cells "pg-cell-N" of a small-multiples figure: one layout, every partner at its place).
--rsvg: rsvg-convert -f png must succeed and give the SVG's physical size at 96 dpi
(whole figure, aspect ratio of the SVG, within a pixel); the viewBox must have the
aspect ratio of width x height (nothing clipped or letterboxed).
--print-pdf (HTML): chromium --print-to-pdf must give a PDF; with pdftotext, the
network section's heading must be on page 1.

Exit 1 when any violation, 0 otherwise, 2 on a usage or tool error.
"""

import argparse
import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

PX_PER = {"px": 1.0, "pt": 96 / 72, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "pc": 16.0}
PT_PER_PX = 0.75
WIDTH_TOL_PT = 0.5
FONT_TOL_PT = 0.05
CENTRE_TOL = 0.01

JS = r"""
(function () {
  const OVERLAP = 1.0, OUTSIDE = 0.5, PT = 0.75;
  const SHAPES = ['polygon', 'ellipse', 'path', 'polyline', 'rect'];
  function r4(v) { return Math.round(v * 100) / 100; }
  function box(r) { return {x: r.left, y: r.top, w: r.width, h: r.height}; }
  function boxPt(b) { return [r4(b.x * PT), r4(b.y * PT), r4(b.w * PT), r4(b.h * PT)]; }
  function inter(a, b) {
    const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
    const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
    return [w, h];
  }
  function ellipseHits(t, e) {
    // text box t shrunk by OVERLAP/2 on each side; does it meet the ellipse (axis-aligned on screen)?
    const s = OVERLAP / 2, x0 = t.x + s, x1 = t.x + t.w - s, y0 = t.y + s, y1 = t.y + t.h - s;
    if (x1 <= x0 || y1 <= y0) return false;
    const cx = e.x + e.w / 2, cy = e.y + e.h / 2, rx = e.w / 2, ry = e.h / 2;
    if (rx <= 0 || ry <= 0) return false;
    const px = Math.min(Math.max(cx, x0), x1), py = Math.min(Math.max(cy, y0), y1);
    const dx = (px - cx) / rx, dy = (py - cy) / ry;
    return dx * dx + dy * dy < 1;
  }
  function owner(id) { return (id || '').replace(/-text-\d+$/, ''); }
  function label(t) { const s = t.textContent.replace(/\s+/g, ' ').trim(); return s.length > 60 ? s.slice(0, 57) + '...' : s; }
  function hasClass(el, c) { return (el.getAttribute('class') || '').split(/\s+/).indexOf(c) >= 0; }
  function nodeOf(el) {
    for (let p = el.parentElement; p && p.tagName.toLowerCase() !== 'svg'; p = p.parentElement)
      if (p.tagName.toLowerCase() === 'g' && hasClass(p, 'node')) return p;
    return null;
  }
  function topSvgs(root) {
    return Array.from(root.querySelectorAll('svg')).filter(s => !(s.parentElement && s.parentElement.closest('svg')));
  }
  function measure(svg, index, name) {
    const sr = box(svg.getBoundingClientRect());
    const rootInv = svg.getScreenCTM().inverse();
    const out = {index: index, name: name, width_pt: r4(sr.w * PT), height_pt: r4(sr.h * PT),
                 width_attr: svg.getAttribute('width'), height_attr: svg.getAttribute('height'),
                 viewBox: svg.getAttribute('viewBox'), texts: [], outside: [], overlaps: [],
                 arrowheads_on_undirected: [], edges_through_nodes: [], centres: {}, min_text_pt: null, hidden_texts: 0};
    function isOutside(b) {
      return b.x < sr.x - OUTSIDE || b.y < sr.y - OUTSIDE || b.x + b.w > sr.x + sr.w + OUTSIDE || b.y + b.h > sr.y + sr.h + OUTSIDE;
    }
    function outsideBy(b) {
      return r4(Math.max(sr.x - b.x, sr.y - b.y, b.x + b.w - sr.x - sr.w, b.y + b.h - sr.y - sr.h) * PT);
    }
    const texts = [];
    let k = 0;
    svg.querySelectorAll('text').forEach(t => {
      const s = t.textContent.trim();
      if (!s) return;
      const b = box(t.getBoundingClientRect());
      if (b.w === 0 && b.h === 0) { out.hidden_texts++; return; }
      const m = t.getScreenCTM();
      const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      const fs = parseFloat(getComputedStyle(t).fontSize);
      const pt = fs * scale * PT;
      const g = nodeOf(t);
      const rec = {text: label(t), pt: Math.round(pt * 1000) / 1000, box: boxPt(b),
                   node: g ? (g.id || null) : null, family: getComputedStyle(t).fontFamily};
      out.texts.push(rec);
      texts.push({rec: rec, b: b, g: g, key: g ? 'n:' + (g.id || ('#' + (k++))) : 't:' + (k++), owner: g ? owner(g.id) : null});
      if (out.min_text_pt === null || pt < out.min_text_pt) out.min_text_pt = Math.round(pt * 1000) / 1000;
      if (isOutside(b)) out.outside.push({what: 'text', text: rec.text, node: rec.node, box: rec.box, by_pt: outsideBy(b)});
    });
    const shapes = [];
    svg.querySelectorAll('g.node').forEach(g => {
      const own = Array.from(g.children).filter(c => SHAPES.indexOf(c.tagName.toLowerCase()) >= 0);
      if (!own.length) return;
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      own.forEach(c => {
        const b = box(c.getBoundingClientRect());
        if (b.w === 0 && b.h === 0) return;
        shapes.push({g: g, b: b, ellipse: c.tagName.toLowerCase() === 'ellipse', owner: owner(g.id)});
        if (isOutside(b)) out.outside.push({what: 'shape', node: g.id || null, box: boxPt(b), by_pt: outsideBy(b)});
        const bb = c.getBBox(), m = rootInv.multiply(c.getScreenCTM());
        [[bb.x, bb.y], [bb.x + bb.width, bb.y], [bb.x, bb.y + bb.height], [bb.x + bb.width, bb.y + bb.height]].forEach(p => {
          const q = new DOMPoint(p[0], p[1]).matrixTransform(m);
          x0 = Math.min(x0, q.x); y0 = Math.min(y0, q.y); x1 = Math.max(x1, q.x); y1 = Math.max(y1, q.y);
        });
      });
      if (g.id && isFinite(x0)) out.centres[g.id] = [Math.round((x0 + x1) / 2 * 1000) / 1000, Math.round((y0 + y1) / 2 * 1000) / 1000];
    });
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i], b = texts[j];
        if (a.key === b.key) continue;
        const [w, h] = inter(a.b, b.b);
        if (w > OVERLAP && h > OVERLAP)
          out.overlaps.push({kind: 'text/text', a: a.rec.text, a_node: a.rec.node, b: b.rec.text, b_node: b.rec.node,
                             w_pt: r4(w * PT), h_pt: r4(h * PT)});
      }
      const a = texts[i];
      shapes.forEach(s => {
        if (a.g === s.g || (a.owner !== null && a.owner === s.owner)) return;
        const [w, h] = inter(a.b, s.b);
        if (!(w > OVERLAP && h > OVERLAP)) return;
        if (s.ellipse && !ellipseHits(a.b, s.b)) return;
        out.overlaps.push({kind: 'text/shape', a: a.rec.text, a_node: a.rec.node, b_node: s.g.id || null,
                           w_pt: r4(w * PT), h_pt: r4(h * PT)});
      });
    }
    // Edges through nodes: every network edge's path sampled each 1 px; a
    // sample strictly inside (by more than 1 px) a node's shape box (an
    // ellipse as an ellipse) that is not one of the edge's two ends. The ends
    // are the nodes whose box, grown by 1.5 px, holds the path's first or
    // last point (a route ends on its nodes' outlines).
    const nodeBoxes = [];
    svg.querySelectorAll('g.node').forEach(g => {
      if (hasClass(g, 'legend') || hasClass(g, 'swatch') || hasClass(g, 'key') || hasClass(g, 'heading') || hasClass(g, 'caption')) return;
      const own = Array.from(g.children).filter(c => SHAPES.indexOf(c.tagName.toLowerCase()) >= 0);
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, ell = own.length > 0;
      own.forEach(c => {
        const b = box(c.getBoundingClientRect());
        if (b.w === 0 && b.h === 0) return;
        if (c.tagName.toLowerCase() !== 'ellipse') ell = false;
        x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y); x1 = Math.max(x1, b.x + b.w); y1 = Math.max(y1, b.y + b.h);
      });
      if (isFinite(x0)) nodeBoxes.push({g: g, x0: x0, y0: y0, x1: x1, y1: y1, ellipse: ell});
    });
    function inside(n, p, d) {
      if (n.ellipse) {
        const rx = (n.x1 - n.x0) / 2 - d, ry = (n.y1 - n.y0) / 2 - d;
        if (rx <= 0 || ry <= 0) return false;
        const dx = (p.x - (n.x0 + n.x1) / 2) / rx, dy = (p.y - (n.y0 + n.y1) / 2) / ry;
        return dx * dx + dy * dy < 1;
      }
      return p.x > n.x0 + d && p.x < n.x1 - d && p.y > n.y0 + d && p.y < n.y1 - d;
    }
    function near(n, p) { return p.x >= n.x0 - 1.5 && p.x <= n.x1 + 1.5 && p.y >= n.y0 - 1.5 && p.y <= n.y1 + 1.5; }
    svg.querySelectorAll('g.edge').forEach(e => {
      if (hasClass(e, 'legend') || hasClass(e, 'swatch')) return;
      const path = e.querySelector('path');
      if (!path) return;
      const len = path.getTotalLength();
      if (!(len > 0)) return;
      const m = path.getScreenCTM();
      const at = d => { const q = path.getPointAtLength(d); return new DOMPoint(q.x, q.y).matrixTransform(m); };
      const first = at(0), last = at(len);
      const ends = nodeBoxes.filter(n => near(n, first) || near(n, last));
      const hit = new Set();
      const step = Math.max(0.5, 1 / Math.max(1e-9, Math.sqrt(Math.abs(m.a * m.d - m.b * m.c))));
      for (let d = 0; d <= len; d += step) {
        const p = at(d);
        nodeBoxes.forEach(n => { if (ends.indexOf(n) < 0 && inside(n, p, 1)) hit.add(n.g.id || '?'); });
      }
      if (hit.size) out.edges_through_nodes.push({edge: e.id || null, nodes: Array.from(hit).sort()});
    });
    svg.querySelectorAll('g.edge').forEach(e => {
      if (hasClass(e, 'directed')) return;
      const n = e.querySelectorAll('polygon').length;
      if (n) out.arrowheads_on_undirected.push({edge: e.id || null, 'class': e.getAttribute('class'), polygons: n});
    });
    return out;
  }
  function run() {
    const figs = [];
    const hosts = document.querySelectorAll('[data-figcheck-file]');
    if (hosts.length) {
      hosts.forEach(h => {
        const root = h.shadowRoot || h;
        topSvgs(root).forEach(s => figs.push(Object.assign(measure(s, figs.length, h.getAttribute('data-figcheck-file')),
                                                            {file: h.getAttribute('data-figcheck-file')})));
      });
    } else {
      topSvgs(document).forEach(s => {
        const lab = s.getAttribute('aria-labelledby') || s.id || '';
        figs.push(measure(s, figs.length, lab.split(/\s+/)[0].replace(/-title$/, '')));
      });
    }
    let pre = document.getElementById('figcheck');
    if (!pre) { pre = document.createElement('pre'); pre.id = 'figcheck'; document.body.appendChild(pre); }
    pre.textContent = JSON.stringify({figures: figs});
  }
  function start() {
    // Show every yearly snapshot (print shows them all) before measuring.
    document.querySelectorAll('[hidden]').forEach(e => e.removeAttribute('hidden'));
    const st = document.createElement('style');
    st.textContent = '.snapshot{display:block !important}';
    document.head.appendChild(st);
    // Synchronously: reading a box forces layout, and virtual time may end before a
    // requestAnimationFrame or timer callback runs.
    try { run(); } catch (e) {
      let pre = document.getElementById('figcheck') || document.body.appendChild(document.createElement('pre'));
      pre.id = 'figcheck'; pre.textContent = JSON.stringify({error: String(e && e.stack || e)});
    }
  }
  start();
})();
"""


def parse_length(s):
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*(px|pt|in|cm|mm|pc)?\s*", s or "")
    if not m:
        return None
    return float(m.group(1)) * PX_PER[m.group(2) or "px"]  # CSS px


def find_chromium(explicit=None):
    for c in [explicit, os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "chrome"]:
        if c and shutil.which(c):
            return shutil.which(c)
    return None


def svg_source(path):
    with open(path, encoding="utf-8") as f:
        s = f.read()
    s = re.sub(r"^\s*<\?xml[^>]*\?>", "", s)
    s = re.sub(r"<!DOCTYPE[^>[]*(\[[^\]]*\])?>", "", s)
    return s.strip()


def svg_root_attrs(src):
    m = re.search(r"<svg\b[^>]*>", src)
    tag = m.group(0) if m else ""
    def attr(n):
        a = re.search(r'\s%s\s*=\s*"([^"]*)"' % n, tag) or re.search(r"\s%s\s*=\s*'([^']*)'" % n, tag)
        return a.group(1) if a else None
    return attr("width"), attr("height"), attr("viewBox")


def run_chromium(chromium, url, tmp, extra):
    ud = tempfile.mkdtemp(prefix="ud-", dir=tmp)
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + ud,
           "--virtual-time-budget=5000", "--window-size=1400,1000", "--hide-scrollbars",
           "--force-device-scale-factor=1"] + extra + [url]
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=180)


def measure_page(chromium, page, tmp):
    p = run_chromium(chromium, "file://" + page, tmp, ["--dump-dom"])
    dom = p.stdout.decode("utf-8", "replace")
    m = re.search(r'<pre id="figcheck">(.*?)</pre>', dom, re.S)
    if not m or not m.group(1).strip():
        raise RuntimeError("no measurement in the dumped DOM of %s (chromium exit %d): %s"
                           % (page, p.returncode, p.stderr.decode("utf-8", "replace")[-2000:]))
    data = json.loads(html.unescape(m.group(1)))
    if "error" in data:
        raise RuntimeError("measuring script failed on %s: %s" % (page, data["error"]))
    return data["figures"]


def wrapper_for_svgs(files, width_px, tmp):
    parts = []
    for f in files:
        src = svg_source(f)
        w, _, _ = svg_root_attrs(src)
        physical = w is not None and parse_length(w) is not None  # an absolute width (not a percentage)
        style = ("" if physical else "svg{width:100%;height:auto;display:block}")
        parts.append('<div class="fig" data-figcheck-file="%s" style="width:%.4fpx">'
                     '<template shadowrootmode="open"><style>:host{display:block}svg{display:block}%s</style>%s</template></div>'
                     % (html.escape(f, quote=True), width_px, style, src))
    page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>figcheck</title>"
            "<style>body{margin:0;padding:20px}.fig{margin:0 0 40px 0}</style></head><body>\n%s\n"
            "<pre id=\"figcheck\"></pre><script>%s</script></body></html>\n" % ("\n".join(parts), JS))
    path = os.path.join(tmp, "figcheck.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)
    return path


def html_with_script(src_path, tmp):
    with open(src_path, encoding="utf-8") as f:
        s = f.read()
    inject = "<pre id=\"figcheck\"></pre><script>%s</script>" % JS
    i = s.lower().rfind("</body>")
    s = s[:i] + inject + s[i:] if i >= 0 else s + inject
    path = os.path.join(tmp, os.path.basename(src_path))
    with open(path, "w", encoding="utf-8") as f:
        f.write(s)
    return path


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def rsvg_check(path, tmp):
    problems, info = [], {}
    rsvg = shutil.which("rsvg-convert")
    if not rsvg:
        return ["rsvg-convert not found"], info
    png = os.path.join(tmp, os.path.basename(path) + ".png")
    p = subprocess.run([rsvg, "-f", "png", "-o", png, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    err = p.stderr.decode("utf-8", "replace").strip()
    if p.returncode != 0:
        return ["rsvg-convert failed (exit %d): %s" % (p.returncode, err)], info
    if err:
        problems.append("rsvg-convert warned: %s" % err[:500])
    size = png_size(png)
    if not size:
        return problems + ["rsvg-convert output is not a PNG"], info
    info["png"] = list(size)
    w, h, vb = svg_root_attrs(svg_source(path))
    wp, hp = parse_length(w) if w else None, parse_length(h) if h else None
    if vb:
        nums = [float(x) for x in re.split(r"[\s,]+", vb.strip())]
        if len(nums) == 4 and nums[2] > 0 and nums[3] > 0:
            vb_w, vb_h = nums[2], nums[3]
            if not wp and not hp:
                wp, hp = vb_w, vb_h
            elif wp and hp:
                a_vb, a_phys = vb_w / vb_h, wp / hp
                if abs(a_vb / a_phys - 1) > 0.005:
                    problems.append("viewBox aspect %.4f differs from width/height aspect %.4f (figure letterboxed or clipped)"
                                    % (a_vb, a_phys))
    if wp and hp:
        info["expected_png"] = [round(wp, 2), round(hp, 2)]
        if abs(size[0] - wp) > 1.01 or abs(size[1] - hp) > 1.01:
            problems.append("PNG is %dx%d px, the SVG is %.2fx%.2f px at 96 dpi (not the whole figure)"
                            % (size[0], size[1], wp, hp))
        elif abs(size[0] / size[1] - wp / hp) > max(1.5 / size[1], 1.5 / size[0]) * (wp / hp):
            problems.append("PNG aspect %.4f differs from the SVG's %.4f" % (size[0] / size[1], wp / hp))
    return problems, info


def print_check(chromium, page_path, orig_path, tmp):
    problems, info = [], {}
    pdf = os.path.join(tmp, "print.pdf")
    p = run_chromium(chromium, "file://" + page_path, tmp, ["--no-pdf-header-footer", "--print-to-pdf=" + pdf])
    if not os.path.exists(pdf):
        return ["chromium --print-to-pdf wrote no PDF (exit %d)" % p.returncode], info
    with open(pdf, "rb") as f:
        data = f.read()
    if not data.startswith(b"%PDF-"):
        return ["printed file is not a PDF"], info
    info["pdf_bytes"] = len(data)
    info["pages"] = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    if info["pages"] < 1:
        problems.append("printed PDF has no pages")
    with open(orig_path, encoding="utf-8") as f:
        src = f.read()
    m = re.search(r'<h2 id="network-h">(.*?)</h2>', src, re.S)
    heading = html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else None
    info["network_heading"] = heading
    if heading and shutil.which("pdftotext"):
        t = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", pdf, "-"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=60).stdout.decode("utf-8", "replace")
        if " ".join(heading.split()) not in " ".join(t.split()):
            pages = subprocess.run(["pdftotext", pdf, "-"], stdout=subprocess.PIPE, timeout=60).stdout.decode("utf-8", "replace").split("\f")
            where = [i + 1 for i, pg in enumerate(pages) if " ".join(heading.split()) in " ".join(pg.split())]
            problems.append("network heading %r is not on page 1 of the printed PDF (found on page(s) %s of %d)"
                            % (heading, where or "none", info["pages"]))
    return problems, info


def violations(fig, args, page_pt, check_width):
    v = []
    if check_width and page_pt is not None and abs(fig["width_pt"] - page_pt) > WIDTH_TOL_PT:
        v.append("width %.2f pt (%.3f cm) is not the page width %.2f pt (%.3f cm)"
                 % (fig["width_pt"], fig["width_pt"] / 72 * 2.54, page_pt, page_pt / 72 * 2.54))
    if fig["min_text_pt"] is not None and fig["min_text_pt"] < args.min_pt - FONT_TOL_PT:
        small = sorted([t for t in fig["texts"] if t["pt"] < args.min_pt - FONT_TOL_PT], key=lambda t: t["pt"])
        v.append("min text %.2f pt < %.2f pt (%d texts below, e.g. %s)"
                 % (fig["min_text_pt"], args.min_pt, len(small),
                    "; ".join("%r %.2f pt" % (t["text"], t["pt"]) for t in small[:5])))
    if fig["outside"]:
        v.append("%d outside the viewport: %s" % (len(fig["outside"]), "; ".join(
            "%s %s by %.2f pt" % (o["what"], repr(o.get("text")) if o.get("text") else o.get("node"), o["by_pt"])
            for o in fig["outside"][:8])))
    if fig["overlaps"]:
        v.append("%d label overlaps: %s" % (len(fig["overlaps"]), "; ".join(
            ("%r x %r (%.1fx%.1f pt)" % (o["a"], o["b"], o["w_pt"], o["h_pt"])) if o["kind"] == "text/text"
            else ("%r x node %s (%.1fx%.1f pt)" % (o["a"], o["b_node"], o["w_pt"], o["h_pt"]))
            for o in fig["overlaps"][:8])))
    if fig["arrowheads_on_undirected"]:
        v.append("%d undirected edges with arrowheads: %s" % (len(fig["arrowheads_on_undirected"]),
                 ", ".join(str(a["edge"]) for a in fig["arrowheads_on_undirected"][:8])))
    if fig.get("edges_through_nodes"):
        v.append("%d edges through nodes: %s" % (len(fig["edges_through_nodes"]), "; ".join(
            "%s through %s" % (e["edge"], ", ".join(e["nodes"][:3])) for e in fig["edges_through_nodes"][:8])))
    return v


def centre_mismatches(figs, regex):
    pat = re.compile(regex)
    where = {}
    for f in figs:
        for nid, c in f["centres"].items():
            m = re.match(r"^(.+?)-node-(.+)$", nid)
            if m and pat.search(m.group(1)):
                where.setdefault(m.group(2), []).append((m.group(1), c))
    bad, shared = [], 0
    for name, lst in sorted(where.items()):
        if len(lst) < 2:
            continue
        shared += 1
        x0, y0 = lst[0][1]
        if any(abs(c[0] - x0) > CENTRE_TOL or abs(c[1] - y0) > CENTRE_TOL for _, c in lst[1:]):
            bad.append({"node": name, "centres": {p: c for p, c in lst}})
    return bad, shared


def place_mismatches(figs, regex):
    """Like centre_mismatches, but each group (id prefix) may be shifted as a whole: a small-multiples
    cell is the same layout moved to its place in the grid."""
    pat = re.compile(regex)
    bad, shared = [], set()
    for f in figs:  # each figure on its own
        groups = {}
        for nid, c in f["centres"].items():
            m = re.match(r"^(.+?)-node-(.+)$", nid)
            if m and pat.search(m.group(1)):
                groups.setdefault(m.group(1), {})[m.group(2)] = c
        names = sorted(groups, key=lambda g: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", g)])
        _shifts(f, groups, names, bad, shared)
    return bad, len(shared)


def _shifts(f, groups, names, bad, shared):
    if not names:
        return
    ref = groups[names[0]]
    for g in names[1:]:
        common = sorted(set(ref) & set(groups[g]))
        if not common:
            continue
        shared.update((f["index"], n) for n in common)
        offs = [(round(groups[g][n][0] - ref[n][0], 2), round(groups[g][n][1] - ref[n][1], 2)) for n in common]
        shift = max(set(offs), key=offs.count)
        for n, o in zip(common, offs):
            if abs(o[0] - shift[0]) > CENTRE_TOL * 2 or abs(o[1] - shift[1]) > CENTRE_TOL * 2:
                bad.append({"figure": f["index"], "node": n, "centres": {names[0]: ref[n], g: groups[g][n]},
                            "expected_shift": list(shift), "shift": list(o)})


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--width", default="16cm", help="page width (cm, mm, in, pt, px); default 16cm")
    ap.add_argument("--min-pt", type=float, default=9.0, help="smallest text allowed, in pt (default 9)")
    ap.add_argument("--json", action="store_true", help="print the JSON report only")
    ap.add_argument("--rsvg", action="store_true", help="also render each SVG with rsvg-convert -f png")
    ap.add_argument("--print-pdf", action="store_true", help="HTML: print with chromium --print-to-pdf")
    ap.add_argument("--same-centres", metavar="REGEX", help="node centres equal across figures whose id prefix matches")
    ap.add_argument("--same-places", metavar="REGEX",
                    help="node centres equal up to one shift per id prefix (small-multiples cells)")
    ap.add_argument("--no-width-check", action="store_true", help="do not require the page width")
    ap.add_argument("--chromium", help="browser binary (default: chromium on PATH, or $CHROMIUM)")
    args = ap.parse_args(argv)

    page_px = parse_length(args.width)
    if page_px is None:
        ap.error("--width: not a length: %r" % args.width)
    page_pt = page_px * PT_PER_PX
    chromium = find_chromium(args.chromium)
    if not chromium:
        print("figcheck: chromium not found", file=sys.stderr)
        return 2
    for f in args.files:
        if not os.path.isfile(f):
            print("figcheck: no such file: %s" % f, file=sys.stderr)
            return 2

    tmp = tempfile.mkdtemp(prefix="figcheck-")
    report = {"page_width_pt": round(page_pt, 3), "min_pt": args.min_pt, "files": [], "figures": [],
              "centre_mismatches": [], "violations": []}
    try:
        svgs = [os.path.abspath(f) for f in args.files if not f.lower().endswith((".html", ".htm"))]
        htmls = [os.path.abspath(f) for f in args.files if f.lower().endswith((".html", ".htm"))]
        figs = []
        if svgs:
            page = wrapper_for_svgs(svgs, page_px, tmp)
            for fig in measure_page(chromium, page, tmp):
                figs.append(fig)
        for h in htmls:
            sub = tempfile.mkdtemp(prefix="html-", dir=tmp)
            page = html_with_script(h, sub)
            for fig in measure_page(chromium, page, sub):
                fig["file"] = h
                figs.append(fig)
            if args.print_pdf:
                probs, info = print_check(chromium, os.path.abspath(h), h, sub)
                report["files"].append({"file": h, "print": info, "problems": probs})
                report["violations"] += ["%s: print: %s" % (os.path.basename(h), p) for p in probs]
        for i, fig in enumerate(figs):
            fig["index"] = i
            fig["violations"] = violations(fig, args, page_pt, not args.no_width_check)
            where = "%s%s" % (os.path.basename(fig["file"]), (" [" + fig["name"] + "]") if fig.get("name") and fig["file"].lower().endswith((".html", ".htm")) else "")
            report["violations"] += ["%s: %s" % (where, v) for v in fig["violations"]]
            report["figures"].append(fig)
        if args.rsvg:
            for s in svgs:
                probs, info = rsvg_check(s, tmp)
                report["files"].append({"file": s, "rsvg": info, "problems": probs})
                report["violations"] += ["%s: rsvg: %s" % (os.path.basename(s), p) for p in probs]
        if args.same_centres:
            bad, shared = centre_mismatches(figs, args.same_centres)
            report["centre_mismatches"] = bad
            report["shared_nodes"] = shared
            if shared == 0:
                report["violations"].append("same-centres: no node is shared by two figures matching %r" % args.same_centres)
            for b in bad:
                report["violations"].append("node %s moves between figures: %s" % (
                    b["node"], ", ".join("%s (%.2f, %.2f)" % (p, c[0], c[1]) for p, c in b["centres"].items())))
        if args.same_places:
            bad, shared = place_mismatches(figs, args.same_places)
            report["place_mismatches"] = bad
            report["shared_places"] = shared
            if shared == 0:
                report["violations"].append("same-places: no node is shared by two groups matching %r" % args.same_places)
            for b in bad:
                report["violations"].append("node %s is not at the same place: shifted by (%.2f, %.2f), the others by (%.2f, %.2f)"
                                            % (b["node"], b["shift"][0], b["shift"][1], b["expected_shift"][0], b["expected_shift"][1]))
    except (RuntimeError, subprocess.TimeoutExpired, OSError, ValueError) as e:
        print("figcheck: %s" % e, file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    if args.json:
        json.dump(report, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        for fig in report["figures"]:
            where = os.path.basename(fig["file"]) + ((" [" + fig["name"] + "]") if fig.get("name") and fig["file"].lower().endswith((".html", ".htm")) else "")
            print("%s: %.1f x %.1f pt, %d texts, min %.2f pt, %d outside, %d overlaps, %d arrowheads on undirected ties, %d edges through nodes"
                  % (where, fig["width_pt"], fig["height_pt"], len(fig["texts"]), fig["min_text_pt"] or 0,
                     len(fig["outside"]), len(fig["overlaps"]), len(fig["arrowheads_on_undirected"]),
                     len(fig["edges_through_nodes"])))
        for f in report["files"]:
            if "rsvg" in f:
                print("%s: rsvg-convert PNG %s" % (os.path.basename(f["file"]), f["rsvg"].get("png")))
            if "print" in f:
                print("%s: printed %s pages" % (os.path.basename(f["file"]), f["print"].get("pages")))
        if args.same_centres:
            print("same centres: %d nodes shared, %d moved" % (report.get("shared_nodes", 0), len(report["centre_mismatches"])))
        if args.same_places:
            print("same places: %d nodes shared, %d moved" % (report.get("shared_places", 0), len(report["place_mismatches"])))
        for v in report["violations"]:
            print("VIOLATION: " + v)
        print("figcheck: %s" % ("%d violation(s)" % len(report["violations"]) if report["violations"] else "ok"))
    return 1 if report["violations"] else 0


if __name__ == "__main__":
    sys.exit(main())
