#!/usr/bin/env bash
# The Duo benchmark: builds its own Duo lab world (prefix cw-bduo-), measures it, and takes it down again.
#   bench/duo/run.sh <causeway-lab binary (runs the causeway next to it)> [seconds per iperf3 run] [rounds]
# A phone's throughput to the internet (iperf3, both directions) through the VM's access server and the provider:
#   udp-1194      the open network's phone, connected over UDP 1194 as it connects by itself
#   tcp-443       the same phone, its network made to drop UDP to the VM, the same profile falling back to TCP 443
#   tcp-443-cafe  the café's phone, whose network drops all UDP (one more router, with NAT, on its way)
#   udp-1194-vm, tcp-443-vm  the open network's phone to an iperf3 on the VM's end of its tunnel: the access hop alone
# Rounds alternate UDP and TCP; the ratio TCP / UDP of the medians is the result (goal: at least 0.6).
# Writes bench/results/duo.json (and duo.svg) and prints two short tables. Reports, never gates.
set -euo pipefail

binary=$(realpath "${1:?usage: bench/duo/run.sh <causeway-lab binary> [seconds] [rounds]}")
seconds=${2:-5}
rounds=${3:-2}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../results"
mkdir -p "$out"
prefix=cw-bduo-
root=/run/causeway-lab-bench-duo

down() { "$binary" down duo --prefix "$prefix" --root "$root" >/dev/null 2>&1 || true; rmdir "$root" 2>/dev/null || true; }
down
trap down EXIT

"$binary" up duo --prefix "$prefix" --root "$root" >&2
"$binary" bench duo --prefix "$prefix" --root "$root" --seconds "$seconds" --rounds "$rounds" --out "$out/duo.json"
echo "report: $(realpath "$out/duo.json")" >&2
