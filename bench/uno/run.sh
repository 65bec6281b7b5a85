#!/usr/bin/env bash
# The Uno benchmark: builds its own lab world (prefix cw-bench-), measures it, and takes it down again.
#   bench/uno/run.sh <causeway-lab binary (runs the causeway next to it)> [seconds per iperf3 run] [rounds] [failover rounds]
# What it measures, how, and the latest numbers: bench/uno/README.md.
# Throughput (iperf3, both directions) of three paths:
#   raw-veth          the gateway to the internet router over the bare veth (the ceiling)
#   openvpn-defaults  the gateway through a plain OpenVPN client with OpenVPN's defaults, to a second server
#                     on the provider (same PKI), then NATed to the internet's server
#   causeway          the laptop -> overlay -> gateway -> Causeway's OpenVPN tunnel -> provider -> internet
# Both tunnels stay up; each round runs every path in both directions, the two tunnels' order alternating from
# round to round; the report gives medians, spreads, ratios per round and CPU per Gbit/s, with the load average.
# Failover: provider killed -> gateway notices; provider back -> laptop online; Causeway's OpenVPN killed ->
# laptop online. Writes bench/results/uno.json (and uno.svg) and prints short tables. Reports, never gates.
set -euo pipefail

binary=$(realpath "${1:?usage: bench/uno/run.sh <causeway-lab binary> [seconds] [rounds] [failover rounds]}")
seconds=${2:-8}
rounds=${3:-5}
failover_rounds=${4:-$rounds}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../results"
mkdir -p "$out"
prefix=cw-bench-
root=/run/causeway-lab-bench

down() { "$binary" down uno --prefix "$prefix" --root "$root" >/dev/null 2>&1 || true; rmdir "$root" 2>/dev/null || true; }
down
trap down EXIT

"$binary" up uno --prefix "$prefix" --root "$root" >&2
"$binary" bench uno --prefix "$prefix" --root "$root" --seconds "$seconds" --rounds "$rounds" --failover-rounds "$failover_rounds" --out "$out/uno.json"
echo "report: $(realpath "$out/uno.json")" >&2
