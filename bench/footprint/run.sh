#!/usr/bin/env bash
# The footprint benchmark: `causeway up` idle, in its own Uno world (prefix cw-bfoot-), then in a Duo world with 20
# more access clients connected; each taken down again.
#   bench/footprint/run.sh <causeway-lab binary (runs the causeway next to it)> [seconds to sample] [clients]
# Resident memory (goal ≤ 30 MB), CPU of one core over the window with the commands the daemon runs (goal ≤ 0.3 %),
# and `causeway status` from start to exit (goal ≤ 50 ms). Writes bench/results/footprint-uno.json and
# footprint-duo.json. Reports, never gates.
set -euo pipefail

binary=$(realpath "${1:?usage: bench/footprint/run.sh <causeway-lab binary> [seconds] [clients]}")
seconds=${2:-60}
clients=${3:-20}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../results"
mkdir -p "$out"
# On a machine shared with others: CAUSEWAY_BENCH_PREFIX (e.g. cwf-) and CAUSEWAY_BENCH_ROOT (e.g. /run/cwflab).
prefix=${CAUSEWAY_BENCH_PREFIX:-cw-bfoot-}
root=${CAUSEWAY_BENCH_ROOT:-/run/causeway-lab-bench-footprint}

# A binary just built has pages not yet written back, which the kernel cannot drop from its cache: the daemon's page-out
# once settled (Engine.Daemon.IdleCompaction) would keep less than on a host where the package was installed long ago.
sync

for world in uno duo; do
  down() { "$binary" down "$world" --prefix "$prefix" --root "$root" >/dev/null 2>&1 || true; rmdir "$root" 2>/dev/null || true; }
  down
  trap down EXIT
  "$binary" up "$world" --prefix "$prefix" --root "$root" >&2
  "$binary" bench "$world" --prefix "$prefix" --root "$root" --footprint --window "$seconds" --clients "$clients" --out "$out/footprint-$world.json"
  echo "report: $(realpath "$out/footprint-$world.json")" >&2
  down
  trap - EXIT
done
