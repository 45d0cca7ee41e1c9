#!/usr/bin/env python3
"""Checks that every two fills of Theme.palette stay apart for readers with
normal vision and under simulated deuteranopia, protanopia and tritanopia
(Machado et al. 2009, severity 100, via colorspacious): CAM02-UCS distance
at least MIN (default 8). Reads the palette from Sources/FigureStyle/Theme.swift.

usage: python3 Tests/RenderingTests/palette_check.py [--min 8]
exit 0 when every pair passes, 1 otherwise (the closest pairs are printed)."""
import itertools, os, re, sys

from colorspacious import cspace_convert, deltaE

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
minimum = float(sys.argv[sys.argv.index("--min") + 1]) if "--min" in sys.argv else 8.0
theme = open(os.path.join(ROOT, "Sources", "FigureStyle", "Theme.swift"), encoding="utf-8").read()
block = re.search(r"public static let palette: \[String\] = \[(.*?)\]", theme, re.S).group(1)
palette = re.findall(r'"(#[0-9A-Fa-f]{6})"', block)
assert len(palette) >= 12, palette


def rgb(h):
    return [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]


visions = {"normal": None, "deuteranopia": "deuteranomaly", "protanopia": "protanomaly", "tritanopia": "tritanomaly"}
worst = []
for name, cvd in visions.items():
    if cvd is None:
        seen = {h: rgb(h) for h in palette}
    else:
        space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}
        seen = {h: [min(max(c, 0), 1) for c in cspace_convert(rgb(h), space, "sRGB1")] for h in palette}
    for a, b in itertools.combinations(palette, 2):
        worst.append((deltaE(seen[a], seen[b], input_space="sRGB1", uniform_space="CAM02-UCS"), name, a, b))
worst.sort()
print(f"{len(palette)} fills; closest pairs (CAM02-UCS distance):")
for d, name, a, b in worst[:5]:
    print(f"  {d:6.2f}  {name:13s} {a} {b}")
sys.exit(0 if worst[0][0] >= minimum else 1)
