#!/usr/bin/env bash
# Regenerates the captured fixtures in Fixtures/ip and Fixtures/nft (root; iproute2 6.1, nftables 1.0.6 when
# they were taken). Everything happens inside a throwaway network namespace: Causeway's own state (instance
# "causeway": rules 7270/7271, table 7270, table inet causeway) next to FOREIGN state (a rule at our priority,
# other tables, routes and nft tables), IPv4 and IPv6.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ipdir="$here"
nftdir="$here/../nft"
ns="cw-capture-$$"
x() { ip netns exec "$ns" "$@"; }

ip netns add "$ns"
trap 'ip netns del "$ns"' EXIT
x ip link set lo up

# The overlay (a veth stands in for ZeroTier), the provider tunnel and the uplink.
x ip link add zt2nvuuqiv type veth peer name ztpeer
x ip link set zt2nvuuqiv up
x ip link set ztpeer up
x ip addr add 10.222.0.1/24 dev zt2nvuuqiv
x ip addr add fdcc:ca5e::1/64 dev zt2nvuuqiv nodad
x ip tuntap add mode tun dev tuncw0
x ip link set tuncw0 up
x ip addr add 10.8.0.6/24 dev tuncw0
x ip link add s-up type veth peer name s-peer
x ip link set s-up up
x ip link set s-peer up
x ip addr add 192.0.2.2/24 dev s-up
x ip addr add 2001:db8:2::2/64 dev s-up nodad
x ip route add default via 192.0.2.1
x ip -6 route add default via 2001:db8:2::1

# Ours.
x ip rule add prio 7270 iif zt2nvuuqiv to 10.222.0.0/24 lookup main
x ip rule add prio 7270 iif zt2nvuuqiv to 192.168.1.0/24 lookup main
x ip rule add prio 7271 iif zt2nvuuqiv lookup 7270
x ip -6 rule add prio 7270 iif zt2nvuuqiv to fdcc:ca5e::/64 lookup main
x ip -6 rule add prio 7271 iif zt2nvuuqiv lookup 7270
# What the host itself sends from its tunnel and overlay addresses.
for source in 10.8.0.6 10.222.0.1; do
  x ip rule add prio 7270 from "$source" to 10.222.0.0/24 lookup main
  x ip rule add prio 7270 from "$source" to 192.168.1.0/24 lookup main
  x ip rule add prio 7271 from "$source" lookup 7270
done
x ip -6 rule add prio 7270 from fdcc:ca5e::1 to fdcc:ca5e::/64 lookup main
x ip -6 rule add prio 7271 from fdcc:ca5e::1 lookup 7270
x ip route add default dev tuncw0 metric 100 table 7270
x ip route add unreachable default metric 4294967295 table 7270
x ip -6 route add unreachable default metric 4294967295 table 7270
x nft -f "$nftdir/causeway.nft"

# Foreign: a rule at our priority that is not ours, rules and routes elsewhere, other nft tables.
x ip rule add prio 7270 fwmark 0x1 lookup 300
x ip rule add prio 100 from 10.99.0.0/16 lookup 200
x ip -6 rule add prio 100 from 2001:db8:99::/48 lookup 200
x ip route add blackhole 10.99.0.0/16 table 200
x ip route add 10.99.1.0/24 via 192.0.2.1 dev s-up proto static metric 5 table 200
x ip route add prohibit 10.99.2.0/24 table 200
x ip -6 route add 2001:db8:99::/48 via 2001:db8:2::1 table 200
x ip -6 route add blackhole 2001:db8:98::/48 table 200
x nft -f - <<'EOF'
table ip foreign {
	comment "someone else's"
	chain post {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "s-up" counter masquerade comment "their masquerade"
	}
}
table inet filter {
	set blocked {
		type ipv4_addr
		elements = { 203.0.113.7 }
	}
	chain input {
		type filter hook input priority filter; policy accept;
		ip saddr @blocked counter drop
		iifname "lo" counter comment "loopback packets"
	}
}
EOF

# Something for the foreign counter to count.
x ping -c 2 -i 0.2 -q 127.0.0.1 >/dev/null

x ip -json rule list >"$ipdir/rule-v4.json"
x ip -N -json rule list >"$ipdir/rule-v4-numeric.json"
x ip -6 -json rule list >"$ipdir/rule-v6.json"
x ip -json route show table 7270 >"$ipdir/route-v4-table7270.json"
x ip -6 -json route show table 7270 >"$ipdir/route-v6-table7270.json"
x ip -json route show table 200 >"$ipdir/route-v4-table200.json"
x ip -6 -json route show table 200 >"$ipdir/route-v6-table200.json"
x ip -json route show table all >"$ipdir/route-v4-all.json"
x ip -6 -json route show table all >"$ipdir/route-v6-all.json"
x ip -json link show >"$ipdir/link.json"
x ip -json addr show >"$ipdir/addr.json"
# Neighbours on the overlay: a ZeroTier gateway's MAC (the dev member's of the zerotier-json captures, node
# e3e71b4b86 on network 2f5042fc3b08bd2e), reached; and an address that never answered (no lladdr); and none.
x ip neigh replace 10.222.0.5 lladdr 2e:5e:ef:20:b7:c4 dev zt2nvuuqiv nud reachable
x ip neigh replace 10.222.0.9 dev zt2nvuuqiv nud incomplete
x ip -json neigh show dev zt2nvuuqiv to 10.222.0.5 >"$ipdir/neigh-reachable.json"
x ip -json neigh show dev zt2nvuuqiv >"$ipdir/neigh-dev.json"
x ip -json neigh show dev zt2nvuuqiv to 10.222.0.7 >"$ipdir/neigh-none.json"
# A table that was never used: exit code 2, a truncated "[" on stdout and this on stderr.
x ip -json route show table 999 >"$ipdir/route-missing-table.stdout" 2>"$ipdir/route-missing-table.stderr" || true

x nft -j list table inet causeway >"$nftdir/table-causeway.json"
x nft list table inet causeway >"$nftdir/table-causeway.txt"
x nft -j list ruleset >"$nftdir/ruleset.json"
x nft -j list table inet absent >"$nftdir/table-absent.stdout" 2>"$nftdir/table-absent.stderr" || true

# Drift: one of our rules deleted by hand, and the table flushed.
handle=$(x nft -a list chain inet causeway forward | sed -n 's/.*comment "drop-client-other" # handle \([0-9]*\)$/\1/p')
x nft delete rule inet causeway forward handle "$handle"
x nft -j list table inet causeway >"$nftdir/table-causeway-rule-deleted.json"
x nft flush table inet causeway
x nft -j list table inet causeway >"$nftdir/table-causeway-flushed.json"


echo "captured into $ipdir and $nftdir"
