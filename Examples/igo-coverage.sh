#!/bin/sh
# Coverage of real data: which states are full members of a UN-system IGO,
# year by year, from the Correlates of War IGO membership spells.
#
#   Examples/igo-coverage.sh [FOCAL] [FROM...TO]      (default: unesco 1946...2014)
#
# Reads ../shared/data (or $DATA) in place; exits 0 with a message when it is
# absent. Uses $PARTNERGRAPH, else .build/release/partnergraph (built when missing).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${DATA:-$ROOT/../shared/data}
FOCAL=${1:-unesco}
YEARS=${2:-1946...2014}
if [ ! -f "$DATA/cow_igo_v3_membership_spells.csv" ] || [ ! -f "$DATA/igoR_states2016.csv" ]; then
    echo "skipping: $DATA/cow_igo_v3_membership_spells.csv not found" >&2
    exit 0
fi
BIN=${PARTNERGRAPH:-$ROOT/.build/release/partnergraph}
if [ ! -x "$BIN" ]; then
    (cd "$ROOT" && bash Benchmarks/build_release.sh --product partnergraph >&2)
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 "$ROOT/Examples/igo_to_partnergraph.py" --data "$DATA" --out "$TMP" --focal "$FOCAL" >&2
start=$(date +%s.%N)
"$BIN" coverage "$TMP/igo" --strategy "$TMP/strategy.yaml" --years "$YEARS"
"$BIN" gaps "$TMP/igo" --strategy "$TMP/strategy.yaml" --as-of 2014-12-31 \
    --gap-kind uncovered-category,uncovered-partner --format csv | head -n 12
end=$(date +%s.%N)
echo "coverage ($YEARS) and gaps took $(echo "$end - $start" | bc) s" >&2
