using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Causeway.Core.Tests.Planning;

namespace Causeway.Core.Tests.Boot;

/// <summary>The planner's inputs of each world's gateway, as `causeway up` has them, and the saved form to tamper with.</summary>
internal static class BootExamples
{
    public static readonly IPAddress Sbc = IPAddress.Parse("10.222.0.5");

    /// <summary>Uno's sbc; by default with the tunnel down, as `up` saves its inputs (<see cref="TunnelFacts.Down"/>).</summary>
    public static PlanningInputs Uno(TunnelFacts? tunnel = null) =>
        Planner.Inputs(UnoExample.Settings(), UnoExample.OverlayFacts with { Mtu = 2800 }, tunnel ?? TunnelFacts.Down, uplinkMtu: 1400);

    public static PlanningInputs Duo() => Planner.Inputs(DuoExample.Settings(), UnoExample.OverlayFacts, TunnelFacts.Down);

    /// <summary>Dinosaur's VM: its egress is the sbc on the overlay, its device the overlay's own.</summary>
    public static PlanningInputs DinosaurVm() =>
        Planner.Inputs(
            DuoExample.Settings() with { Egress = UnoExample.Settings().Egress with { ProfilePath = null, FallbackDns = null, OverlayGateway = Sbc } },
            UnoExample.OverlayFacts with { Mtu = 1350 },
            TunnelFacts.Down);

    public static PlanningInputs World(string name) => name switch
    {
        "uno" => Uno(),
        "duo" => Duo(),
        "dinosaur-vm" => DinosaurVm(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such world"),
    };

    /// <summary>Uno's saved kill switch, changed by <paramref name="tamper"/> (on its JSON tree).</summary>
    public static byte[] Tampered(Action<JsonObject> tamper, PlanningInputs? inputs = null)
    {
        var json = JsonNode.Parse(Causeway.Core.Boot.SavedKillSwitchCodec.Write(inputs ?? Uno()))!.AsObject();
        tamper(json);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    /// <summary>A plan as the host would see it: each change's description and exactly what it runs.</summary>
    public static IReadOnlyList<string> Describe(HostPlan plan) =>
        [.. plan.Changes.Select(c => $"{c} => {c.Operation switch
        {
            NftScript nft => nft.Script,
            IpCommand ip => string.Join(' ', ip.Arguments),
            var other => other.ToString(),
        }}")];
}
