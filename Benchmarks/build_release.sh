#!/usr/bin/env bash
# The release build of partnergraph that the benchmarks time: the Swift
# runtime and Foundation linked in statically (start-up about 6 ms instead of
# 10 ms, Benchmarks/bench_render.py). FoundationXML's static library does not
# name its C part and libxml2 for the linker, so they are named here. The
# flags live here, not in Package.swift, so the package has no unsafeFlags
# and other packages can depend on it.
set -euo pipefail
cd "$(dirname "$0")/.."
extra=()
if [ "$(uname -s)" = "Linux" ]; then
  extra=(--static-swift-stdlib -Xlinker -l_CFXMLInterface -Xlinker -lxml2)
fi
exec swift build -c release "${extra[@]}" "$@"
