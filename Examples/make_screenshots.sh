#!/usr/bin/env bash
# Regenerates the README's pictures from the default options: the HTML report,
# the network and small multiples of the illustrative graph at the default page
# (16 cm, 9 pt), and the timeline, rendered by headless Chromium and
# rsvg-convert (at 1.25 × their physical size, 96 px to the inch).
#   bash Examples/make_screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { echo "needs chromium (apt-get install chromium)"; exit 1; }
command -v rsvg-convert >/dev/null || { echo "needs rsvg-convert (apt-get install librsvg2-bin)"; exit 1; }
swift build --product partnergraph >/dev/null
bin=.build/debug/partnergraph
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$bin report Graphs/unesco-human-rights.yaml --strategy Graphs/unesco-human-rights.strategy.yaml \
  --as-of 2016-11-01 --compare-to 2009-08-20 -o "$tmp/report.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$tmp/profile" \
  --window-size=1100,1500 --screenshot="$tmp/report.png" "file://$tmp/report.html" 2>/dev/null
cp "$tmp/report.png" Examples/screenshots/report.png
$bin report Graphs/illustrative-partnerships.yaml --as-of 2016-11-01 -o "$tmp/illustrative.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$tmp/profile2" \
  --window-size=1100,1400 --screenshot="$tmp/illustrative.png" "file://$tmp/illustrative.html" 2>/dev/null
cp "$tmp/illustrative.png" Examples/screenshots/report-illustrative.png
$bin timeline Graphs/illustrative-partnerships.yaml --as-of 2016-11-01 --years 2000...2020 -o "$tmp/timeline.svg"
rsvg-convert --zoom 1.25 --background-color white "$tmp/timeline.svg" -o Examples/screenshots/timeline.png
$bin render Graphs/illustrative-partnerships.yaml --as-of 2016-11-01 -o "$tmp/network.svg"
rsvg-convert --zoom 1.25 --background-color white "$tmp/network.svg" -o Examples/screenshots/render-illustrative.png
$bin render Graphs/illustrative-partnerships.yaml --years 2010...2016 --small-multiples -o "$tmp/years.svg"
rsvg-convert --zoom 1.25 --background-color white "$tmp/years.svg" -o Examples/screenshots/small-multiples.png
# The coverage matrix on the real HUGGO memberships (read in place from ../shared/data).
if [ -f ../shared/data/manytrade_HUGGO_MEM_additional.csv ]; then
  $bin import ../shared/data/manytrade_HUGGO_MEM_additional.csv --mapping Examples/huggo-bipartite.mapping.yaml -o "$tmp/huggo.yaml"
  $bin coverage "$tmp/huggo.yaml" --matrix --as-of 2020-12-31 --roster ARG,BOL,BRA,CHL,COL,ECU,PRY,PER,URY,VEN \
    --columns LTAFTA_1960O,LTNAIA_1980O,ANDNGC_1969A,ANDNGQ_1987P,ECSNMR_1991O,PCFCAL_2012O --format svg -o "$tmp/matrix.svg"
  rsvg-convert --zoom 1.25 --background-color white "$tmp/matrix.svg" -o Examples/screenshots/coverage-matrix.png
fi
echo "wrote Examples/screenshots/report.png, report-illustrative.png, timeline.png, render-illustrative.png, small-multiples.png, coverage-matrix.png"
