using System.Net;
using Causeway.Lab.Backbone;
using Causeway.Lab.Duo;
using Causeway.Lab.Leaks;

namespace Causeway.Lab.Dinosaur;

/// <summary>The Dinosaur world's nftables: the leak counters on both hosts' uplinks, and the internet's PMTUD black hole.</summary>
public static class DinosaurRulesets
{
    /// <summary>
    /// The leak detector (<see cref="LeakCounterRuleset"/>), one chain on the far end of each uplink: the sbc's (with its
    /// provider transport, as in Uno) and the VM's (with its access servers' replies to the phones, as in Duo). The
    /// overlay now crosses both: its transport, UDP 9993 between the members' uplink addresses (and the ICMP errors a
    /// member sends about it, e.g. while its overlay device is down), is excused as <see cref="LeakCounterRuleset.OverlayTransport"/>.
    /// </summary>
    public static string LeakCounters() => LeakCounterRuleset.Build(
        BackboneTopology.LeakTable,
        [
            new LeakChain(DinosaurTopology.SbcUplink, OverlayTransport(DinosaurTopology.SbcUplink.Address), []),
            DuoRulesets.AccessLeakChain(DinosaurTopology.VmUplink, [DuoTopology.CafeAddress, DuoTopology.PhoneOpenAddress], OverlayTransport(DinosaurTopology.VmUplink.Address)),
        ]);

    /// <summary>
    /// The internet drops, and counts, every ICMP "fragmentation needed" that reaches it (forwarded, or for its own
    /// services: the echo service lives on the router itself), so that path MTU discovery cannot rescue a wrong MSS
    /// budget: a segment too big for a hop is lost, again and again. Its own (about the sbc's 1400-byte link) it
    /// still sends: the one hop below 1500 is real, not a black hole of its own.
    /// </summary>
    public static string InternetMtu() => $$"""
        table inet {{DinosaurTopology.MtuTable}}
        delete table inet {{DinosaurTopology.MtuTable}}
        table inet {{DinosaurTopology.MtuTable}} {
            comment "causeway lab: the internet drops ICMP fragmentation-needed (a PMTUD black hole)"
            chain prerouting {
                type filter hook prerouting priority raw; policy accept;
                icmp type destination-unreachable icmp code frag-needed counter drop comment "{{DinosaurTopology.FragNeededDropped}}"
            }
        }
        """;

    private static IReadOnlyList<string> OverlayTransport(IPAddress self)
    {
        var others = $"{{ {string.Join(", ", DinosaurTopology.OverlayMembers.Select(m => m.Underlay).Where(a => !a.Equals(self)))} }}";
        return
        [
            "# Excused: the overlay's own transport (ZeroTier's UDP 9993, encrypted; here a vxlan standing in for it) to the other members.",
            $"ip saddr {self} ip daddr {others} udp dport {DinosaurTopology.OverlayPort} counter accept comment \"{LeakCounterRuleset.OverlayTransport}\"",
            $"ip saddr {self} ip daddr {others} icmp type destination-unreachable counter accept comment \"{LeakCounterRuleset.OverlayTransport}\"",
        ];
    }
}
