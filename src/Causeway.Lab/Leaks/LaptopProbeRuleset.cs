using Causeway.Lab.Backbone;

namespace Causeway.Lab.Leaks;

/// <summary>
/// Counts, in the laptop's own namespace, the probe packets that really left it on the overlay: the proof that
/// "0 leaked" was measured while the laptop was trying.
/// </summary>
public static class LaptopProbeRuleset
{
    public const string ProbesV4 = "probes-v4";
    public const string ProbesV6 = "probes-v6";

    public static string Build(string table) => $$"""
        table inet {{table}}
        delete table inet {{table}}
        table inet {{table}} {
            comment "causeway lab: probes the laptop sent towards the internet"
            chain output {
                type filter hook output priority filter; policy accept;
                oifname "{{BackboneTopology.OverlayDevice}}" ip daddr {{BackboneTopology.EchoAddress}} counter comment "{{ProbesV4}}"
                oifname "{{BackboneTopology.OverlayDevice}}" ip6 daddr {{BackboneTopology.EchoAddress6}} counter comment "{{ProbesV6}}"
            }
        }
        """;
}
