using Causeway.Lab.Uno;

namespace Causeway.Lab.Leaks;

/// <summary>
/// The leak detector: a netdev ingress chain on the router's end of the gateway's uplink (i-sbc), which sees
/// every packet the gateway puts on that wire, whatever the gateway's own firewall or routing does. Each packet
/// lands in exactly one bucket; "leak" is everything that is not explicitly excused.
/// </summary>
public static class LeakCounterRuleset
{
    public const string Arp = "housekeeping-arp";
    public const string Ndp = "housekeeping-ndp";
    public const string Transport = "transport";
    public const string TransportIcmp = "transport-icmp";
    public const string Canary = "canary";

    /// <summary>Leaks whose source is an overlay address: evidence of what leaked, also counted in <see cref="Leak"/>.</summary>
    public const string LeakFromOverlay = "leak-from-overlay";

    /// <summary>Duo: the access servers' own packets to the phones (encrypted OpenVPN), excused.</summary>
    public const string AccessTransport = "access-transport";

    /// <summary>Duo: leaks whose source is in the access pool (a phone's packet), also counted in <see cref="Leak"/>.</summary>
    public const string LeakFromAccess = "leak-from-access";

    public const string Leak = "leak";

    /// <summary>Uno's: the counters on i-sbc, the sbc's uplink.</summary>
    public static string Build(string table) => Build(table, UnoTopology.InternetToGateway, [], []);

    /// <param name="device">The router's end of the gateway's uplink.</param>
    /// <param name="excused">More accepted (excused) rules, each with its counter and comment, e.g. the access servers' own replies.</param>
    /// <param name="evidence">More evidence counters (not accepts: what they count is a leak too), e.g. leaks from the access pool.</param>
    public static string Build(string table, string device, IReadOnlyList<string> excused, IReadOnlyList<string> evidence) => $$"""
        table netdev {{table}}
        delete table netdev {{table}}
        table netdev {{table}} {
            comment "causeway lab: leak evidence on the far end of the gateway's uplink"
            chain uplink {
                type filter hook ingress device "{{device}}" priority filter; policy accept;
                # Excused: ARP resolves the next hop of the uplink itself. It is link housekeeping that the kernel
                # does for the host, never carries a forwarded packet, and cannot be routed anywhere.
                meta protocol arp counter accept comment "{{Arp}}"
                # Excused: IPv6 neighbour discovery and the MLD reports that join its solicited-node groups: the
                # IPv6 equivalent of ARP, link-scoped by definition (routers never forward them).
                icmpv6 type { nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert, nd-redirect, mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } counter accept comment "{{Ndp}}"
                # Excused: the OpenVPN transport itself, gateway to provider, encrypted.
                ip saddr {{UnoTopology.GatewayAddress}} ip daddr {{UnoTopology.ProviderAddress}} udp dport {{UnoTopology.OpenVpnPort}} counter accept comment "{{Transport}}"
                # Excused: the gateway's ICMP errors back to the provider (port unreachable once its OpenVPN is
                # gone while the server still sends keepalives). They quote transport headers only.
                ip saddr {{UnoTopology.GatewayAddress}} ip daddr {{UnoTopology.ProviderAddress}} icmp type destination-unreachable counter accept comment "{{TransportIcmp}}"
                # The canary: sent by the gateway itself to the router's discard port, proves the capture is live.
                ip saddr {{UnoTopology.GatewayAddress}} ip daddr {{UnoTopology.InternetGatewaySide}} udp dport {{UnoTopology.CanaryPort}} counter accept comment "{{Canary}}"
        {{Indent(excused)}}
                # Everything else is a leak. Overlay sources are counted apart as evidence of what leaked.
                ip saddr {{UnoTopology.OverlayCidr}} counter comment "{{LeakFromOverlay}}"
                ip6 saddr {{UnoTopology.OverlayCidr6}} counter comment "{{LeakFromOverlay}}"
        {{Indent(evidence)}}
                counter comment "{{Leak}}"
            }
        }
        """;

    private static string Indent(IReadOnlyList<string> lines) => string.Join('\n', lines.Select(l => "        " + l));
}
