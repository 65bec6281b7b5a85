#!/usr/bin/env bash
# The Dinosaur benchmark: builds its own Dinosaur lab world (prefix cw-bdino-), measures it, and takes it down again.
#   bench/dinosaur/run.sh <causeway-lab binary (runs the causeway next to it)> [seconds per iperf3 run] [rounds]
# Throughput to the internet (iperf3, both directions), in one run:
#   provider-tunnel  the sbc's own traffic through its provider tunnel: the bare tunnel (two OpenVPN processes)
#   chain-udp        the open network's phone over UDP 1194: phone → VM → ZeroTier overlay → sbc → provider (four)
#   chain-tcp-cafe   the café's phone, whose network drops all UDP, over TCP 443 along the same chain
# with the CPU every hop used (cores, and cores per Gbit/s). The result is chain / provider tunnel (goal over UDP:
# at least 0.45; about 0.5 is the CPU's bound on a two-core machine) beside the bound the CPU figures give.
# Writes bench/results/dinosaur.json (and dinosaur.svg) and prints its tables. Reports, never gates.
set -euo pipefail

binary=$(realpath "${1:?usage: bench/dinosaur/run.sh <causeway-lab binary> [seconds] [rounds]}")
seconds=${2:-5}
rounds=${3:-2}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../results"
mkdir -p "$out"
prefix=cw-bdino-
root=/run/causeway-lab-bench-dinosaur

down() { "$binary" down dinosaur --prefix "$prefix" --root "$root" >/dev/null 2>&1 || true; rmdir "$root" 2>/dev/null || true; }
down
trap down EXIT

"$binary" up dinosaur --prefix "$prefix" --root "$root" >&2
"$binary" bench dinosaur --prefix "$prefix" --root "$root" --seconds "$seconds" --rounds "$rounds" --out "$out/dinosaur.json"
echo "report: $(realpath "$out/dinosaur.json")" >&2
