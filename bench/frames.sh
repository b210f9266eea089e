#!/usr/bin/env bash
# Frame times of the real viewer window (under Xvfb, Mesa llvmpipe) at 1k, 10k and 100k actors,
# with ForceAtlas2 running on its worker thread meanwhile. Usage: bench/frames.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
govnet=$build/cli/govnet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf "%-8s %-10s %s\n" actors vertices "frames (mean / median / p95), layout progress"
for n in 1000 10000 100000; do
  /usr/bin/python3 "$here/generate.py" --actors "$n" --out "$work/g$n" >/dev/null
  "$govnet" import --db "$work/db$n" --dataset "generated $n" "$work/g$n/actors.csv" \
      "$work/g$n/instruments.csv" "$work/g$n/ties.csv" >/dev/null 2>&1
  vertices=$("$govnet" stats --db "$work/db$n" --format json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["full view"]["vertices"])')
  line=$(env -u DISPLAY "$govnet" view --db "$work/db$n" --frames 120 --size 1280x800 --fresh-layout --labels 30)
  printf "%-8s %-10s %s\n" "$n" "$vertices" "$line"
done
