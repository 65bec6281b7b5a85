using System.Net;
using Causeway.Lab.Backbone;

namespace Causeway.Lab.Leaks;

/// <summary>
/// The lab's one definition of a leak, and the detector that counts it (docs/architecture.md, "What counts as a
/// leak"; every check, the benchmarks and the docs use this one).
/// <para>
/// A leak is a packet on the gateway's uplink that is client traffic or carries a client flow's addresses or
/// content: sourced from an overlay, access pool or tunnel address, or NATed from one, or bound for a destination a
/// client is talking to. Not leaks: the tunnel's transport (OpenVPN to the provider, and the gateway's ICMP errors
/// about it), the overlay's transport (Uno and Duo: none on the lab's uplink, their overlay is a veth; Dinosaur: UDP
/// 9993 between the members' uplink addresses), the access servers' packets to their clients' public addresses (Duo,
/// Dinosaur's VM), link housekeeping (ARP, NDP/MLD), and the host's own traffic, which the
/// lab sends only to destinations of its own that no client ever talks to
/// (<see cref="BackboneTopology.HostOnlyDestinations"/>).
/// </para>
/// <para>
/// The detector is a netdev ingress chain on the router's end of each gateway's uplink (one in Uno and Duo, the sbc's
/// and the VM's in Dinosaur), which sees every packet the gateway puts on that wire, whatever its own firewall or routing does. A client packet NATed to the uplink address
/// looks like the host's own by its source, so the detector does not try to recognise leaks: it excuses only what it
/// can name by the definition above (each excused packet lands in exactly one bucket), and everything else counts as
/// <see cref="Leak"/>: stricter than the definition, never looser. The evidence counters (not accepts) say what kind
/// of leak it was, a packet may land in several of them, and every one is also in <see cref="Leak"/>.
/// </para>
/// <para>
/// It is installed once, at `lab up`, and never reset: the counters hold the world's whole life. Leaks the lab caused
/// on purpose (the negative control) are recorded in the lab state window by window, and `no-leaks-for-the-life-of-
/// the-world` fails on any other.
/// </para>
/// </summary>
public static class LeakCounterRuleset
{
    public const string Arp = "housekeeping-arp";
    public const string Ndp = "housekeeping-ndp";
    public const string Transport = "transport";
    public const string TransportIcmp = "transport-icmp";

    /// <summary>
    /// The trailing fragments of the OpenVPN transport's datagrams (no UDP header: `udp dport` cannot name them),
    /// excused; a sign that the host sends datagrams larger than its uplink takes (Dinosaur's MTU budget).
    /// </summary>
    public const string TransportFragment = "transport-fragment";
    public const string Canary = "canary";

    /// <summary>The host's own traffic to its own destinations (<see cref="BackboneTopology.HostOnlyDestinations"/>), other than the canary.</summary>
    public const string HostOwn = "host-own";

    /// <summary>Leaks whose source is an overlay address: evidence of what leaked, also counted in <see cref="Leak"/>.</summary>
    public const string LeakFromOverlay = "leak-from-overlay";

    /// <summary>Leaks whose source is in the provider's tunnel network (the gateway's tunnel address): also in <see cref="Leak"/>.</summary>
    public const string LeakFromTunnel = "leak-from-tunnel";

    /// <summary>Leaks bound for a destination clients talk to (<see cref="BackboneTopology.ClientDestinations"/>): also in <see cref="Leak"/>.</summary>
    public const string LeakToClientDestination = "leak-to-client-destination";

    /// <summary>Duo: the access servers' own packets to the phones (encrypted OpenVPN), excused.</summary>
    public const string AccessTransport = "access-transport";

    /// <summary>Duo: the VM's ICMP errors to the phones' public addresses, excused.</summary>
    public const string AccessTransportIcmp = "access-transport-icmp";

    /// <summary>Duo: leaks whose source is in the access pool (a phone's packet, an access server's own), also counted in <see cref="Leak"/>.</summary>
    public const string LeakFromAccess = "leak-from-access";

    /// <summary>
    /// Dinosaur: the overlay's own transport (ZeroTier's UDP 9993, encrypted, here a vxlan standing in for it)
    /// between the members' uplink addresses, excused.
    /// </summary>
    public const string OverlayTransport = "overlay-transport";

    /// <summary>The benchmark's bare OpenVPN tunnel's transport, excused while it runs (Bench.BareTunnel adds and removes it).</summary>
    public const string BenchTransport = "bench-transport";

    public const string Leak = "leak";

    /// <summary>Every excused bucket (each packet that is no leak lands in exactly one).</summary>
    public static readonly IReadOnlyList<string> Excused = [Arp, Ndp, Transport, TransportIcmp, TransportFragment, Canary, HostOwn, AccessTransport, AccessTransportIcmp, OverlayTransport, BenchTransport];

    /// <summary>The evidence buckets: what kind of leak (overlapping; every one also in <see cref="Leak"/>).</summary>
    public static readonly IReadOnlyList<string> Evidence = [LeakFromOverlay, LeakFromTunnel, LeakFromAccess, LeakToClientDestination];

    /// <summary>The leak table with one chain: a world with one Causeway host (Uno, Duo).</summary>
    public static string Build(string table, GatewayUplink uplink, IReadOnlyList<string> excused, IReadOnlyList<string> evidence) =>
        Build(table, [new LeakChain(uplink, excused, evidence)]);

    /// <summary>
    /// The leak table, one chain per Causeway host's uplink (Dinosaur: the sbc's and the VM's). Every chain counts by
    /// the same comments, so the table's counters (<see cref="NftCounters.Parse(string)"/>) are the sum over every
    /// uplink, and one chain's alone are <see cref="NftCounters.Parse(string, string)"/>.
    /// </summary>
    public static string Build(string table, IReadOnlyList<LeakChain> chains) => $$"""
        table netdev {{table}}
        delete table netdev {{table}}
        table netdev {{table}} {
            comment "causeway lab: leak evidence on the far end of each gateway's uplink, for the world's whole life"
        {{string.Join("\n", chains.Select(Chain))}}
        }
        """;

    private static string Chain(LeakChain chain)
    {
        var u = chain.Uplink;
        return $$"""
                chain {{chain.Name}} {
                    type filter hook ingress device "{{u.InternetSide}}" priority filter; policy accept;
                    # Excused: ARP resolves the next hop of the uplink itself. It is link housekeeping that the kernel
                    # does for the host, never carries a forwarded packet, and cannot be routed anywhere.
                    meta protocol arp counter accept comment "{{Arp}}"
                    # Excused: IPv6 neighbour discovery and the MLD reports that join its solicited-node groups: the
                    # IPv6 equivalent of ARP, link-scoped by definition (routers never forward them).
                    icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect, mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } counter accept comment "{{Ndp}}"
                    # Excused: the OpenVPN transport itself, gateway to provider, encrypted.
                    ip saddr {{u.Address}} ip daddr {{BackboneTopology.ProviderAddress}} udp dport {{BackboneTopology.OpenVpnPort}} counter accept comment "{{Transport}}"
                    # Excused: the gateway's ICMP errors back to the provider (port unreachable once its OpenVPN is
                    # gone while the server still sends keepalives). They quote transport headers only.
                    ip saddr {{u.Address}} ip daddr {{BackboneTopology.ProviderAddress}} icmp type destination-unreachable counter accept comment "{{TransportIcmp}}"
                    # Excused: the rest of a transport datagram the gateway had to fragment (only the first fragment
                    # has the UDP header). Counted apart: a gateway that fragments its transport sends more than its uplink takes.
                    ip saddr {{u.Address}} ip daddr {{BackboneTopology.ProviderAddress}} ip protocol udp ip frag-off & 0x1fff != 0 counter accept comment "{{TransportFragment}}"
                    # The canary: sent by the gateway itself to the router's discard port, proves the capture is live.
                    ip saddr {{u.Address}} ip daddr {{u.InternetAddress}} udp dport {{BackboneTopology.CanaryPort}} counter accept comment "{{Canary}}"
                    # Excused: the host's own traffic, which the lab sends only to destinations no client talks to.
                    ip saddr {{u.Address}} ip daddr {{Set(u.HostOnlyDestinations)}} counter accept comment "{{HostOwn}}"
                    ip6 saddr {{u.Address6}} ip6 daddr {{Set(u.HostOnlyDestinations6)}} counter accept comment "{{HostOwn}}"
            {{Indent(chain.Excused)}}
                    # Everything else is a leak. What kind, is counted apart as evidence.
                    ip saddr {{BackboneTopology.OverlayCidr}} counter comment "{{LeakFromOverlay}}"
                    ip6 saddr {{BackboneTopology.OverlayCidr6}} counter comment "{{LeakFromOverlay}}"
                    ip saddr {{BackboneTopology.ProviderTunnelCidr}} counter comment "{{LeakFromTunnel}}"
                    ip daddr {{Set(BackboneTopology.ClientDestinations)}} counter comment "{{LeakToClientDestination}}"
                    ip6 daddr {{Set(BackboneTopology.ClientDestinations6)}} counter comment "{{LeakToClientDestination}}"
            {{Indent(chain.Evidence)}}
                    counter comment "{{Leak}}"
                }
            """;
    }

    /// <summary>
    /// What a set of leak counters (or their deltas) says, in the same words everywhere: "N leaked (by kind), then
    /// each excused bucket that counted anything".
    /// </summary>
    public static string Describe(NftCounters counts)
    {
        var kinds = Evidence
            .Where(e => e != LeakFromAccess || counts.PacketsByComment.ContainsKey(LeakFromAccess))
            .Select(e => $"{counts[e]} {e["leak-".Length..].Replace('-', ' ')}");
        var excused = new List<string>
        {
            $"{counts[Transport]} OpenVPN transport" + (counts[TransportFragment] > 0 ? $" (and {counts[TransportFragment]} trailing fragments of it)" : string.Empty),
        };
        if (counts.PacketsByComment.ContainsKey(AccessTransport))
        {
            excused.Add($"{counts[AccessTransport] + counts[AccessTransportIcmp]} access servers' own");
        }

        if (counts.PacketsByComment.ContainsKey(OverlayTransport))
        {
            excused.Add($"{counts[OverlayTransport]} overlay transport");
        }

        excused.Add($"{counts[HostOwn]} host's own");
        excused.Add($"{counts[Arp] + counts[Ndp]} ARP/NDP");
        return $"{counts[Leak]} leaked ({string.Join(", ", kinds)}), {string.Join(", ", excused)}";
    }

    private static string Set(IEnumerable<IPAddress> addresses) => $"{{ {string.Join(", ", addresses)} }}";

    private static string Indent(IReadOnlyList<string> lines) => string.Join('\n', lines.Select(l => "            " + l));
}
