using System.Net;
using Causeway.Lab.Backbone;
using Causeway.Lab.Leaks;

namespace Causeway.Lab.Duo;

/// <summary>The Duo world's nftables: its leak counters on i-vm, the café router's UDP block, the phones' counters.</summary>
public static class DuoRulesets
{
    private static readonly IReadOnlyList<IPAddress> PhonePublicAddresses = [DuoTopology.CafeAddress, DuoTopology.PhoneOpenAddress, DuoTopology.PhoneLostAddress];

    /// <summary>
    /// The leak detector, on the VM's uplink, with the access servers' own packets excused: their replies to the
    /// phones' public addresses (encrypted OpenVPN, the host's own traffic) and ICMP errors to them. Whatever leaves
    /// from the access pool is counted apart as evidence, and is a leak like everything else not excused.
    /// </summary>
    public static string LeakCounters() => LeakCounterRuleset.Build(BackboneTopology.LeakTable, [AccessLeakChain(DuoTopology.Uplink, PhonePublicAddresses)]);

    /// <summary>
    /// The leak counters of a VM's uplink whose access servers serve phones at <paramref name="phones"/> (their public
    /// addresses): excused, the servers' replies to them (OpenVPN over UDP 1194 and TCP 443, encrypted) and the VM's ICMP
    /// errors to them; counted apart as evidence, whatever leaves from the access pool.
    /// </summary>
    public static LeakChain AccessLeakChain(GatewayUplink vm, IReadOnlyList<IPAddress> phones, IReadOnlyList<string>? moreExcused = null)
    {
        var to = $"{{ {string.Join(", ", phones)} }}";
        return new LeakChain(
            vm,
            [
                "# Excused: the access servers' replies to the phones (OpenVPN over UDP 1194 and TCP 443, encrypted).",
                $"ip saddr {vm.Address} ip daddr {to} udp sport {DuoTopology.AccessUdpPort} counter accept comment \"{DuoTopology.AccessTransport}\"",
                $"ip saddr {vm.Address} ip daddr {to} tcp sport {DuoTopology.AccessTcpPort} counter accept comment \"{DuoTopology.AccessTransport}\"",
                "# Excused: the VM's ICMP errors to the phones' public addresses (e.g. a UDP server gone). They quote transport headers only.",
                $"ip saddr {vm.Address} ip daddr {to} icmp type destination-unreachable counter accept comment \"{DuoTopology.AccessTransportIcmp}\"",
                .. moreExcused ?? [],
            ],
            [$"ip saddr {DuoTopology.AccessPool} counter comment \"{DuoTopology.LeakFromAccess}\""]);
    }

    /// <summary>The café's router: it NATs its Wi-Fi, and drops (and counts) every UDP packet it would forward.</summary>
    public static string Cafe() => $$"""
        table inet {{DuoTopology.CafeTable}}
        delete table inet {{DuoTopology.CafeTable}}
        table inet {{DuoTopology.CafeTable}} {
            comment "causeway lab: a cafe Wi-Fi that lets no UDP through"
            chain forward {
                type filter hook forward priority filter; policy accept;
                meta l4proto udp counter drop comment "{{DuoTopology.UdpDropped}}"
            }
            chain postrouting {
                type nat hook postrouting priority srcnat; policy accept;
                oifname "{{DuoTopology.CafeUplink}}" ip saddr {{DuoTopology.CafeLanAddress}}/{{DuoTopology.CafeLanPrefixLength}} masquerade comment "the Wi-Fi leaves as the cafe"
            }
        }
        """;

    /// <summary>
    /// In each phone: the probes it sent into its tunnel (the proof that "0 leaked" was measured while it tried), and
    /// what it sent towards the access servers (the proof that it tried UDP, or tried at all).
    /// </summary>
    /// <param name="vmPublicAddress">What the phones' profiles connect to.</param>
    public static string PhoneCounters(IPAddress vmPublicAddress) => $$"""
        table inet {{DuoTopology.PhoneProbeTable}}
        delete table inet {{DuoTopology.PhoneProbeTable}}
        table inet {{DuoTopology.PhoneProbeTable}} {
            comment "causeway lab: what the phone sent"
            chain output {
                type filter hook output priority filter; policy accept;
                oifname "tun*" ip daddr {{BackboneTopology.EchoAddress}} counter comment "{{DuoTopology.ProbesIntoTunnel}}"
                ip daddr {{vmPublicAddress}} udp dport {{DuoTopology.AccessUdpPort}} counter comment "{{DuoTopology.ToAccessUdp}}"
                ip daddr {{vmPublicAddress}} tcp dport {{DuoTopology.AccessTcpPort}} counter comment "{{DuoTopology.ToAccessTcp}}"
            }
        }
        """;
}
