using System.Security.Cryptography;
using Causeway.Lab.Backbone;
using Causeway.Lab.Leaks;
using Causeway.Lab.Pki;
using Causeway.Lab.Worlds;
using Causeway.Lab.ZeroTier;

namespace Causeway.Lab.Uno;

/// <summary>
/// `causeway-lab up uno`: builds the world step by step (<see cref="WorldBuilder"/>), recording everything it makes
/// in the state file as it goes. Nothing here sleeps: each step that starts something waits for a sign that it is
/// ready.
/// </summary>
internal static class UnoBuilder
{
    public static async Task BuildAsync(UnoWorld w, bool startGateway, CancellationToken ct)
    {
        foreach (var directory in new[] { w.Layout.InternetDirectory, w.Layout.ProviderDirectory, w.Layout.GatewayDirectory, w.Layout.LaptopDirectory })
        {
            w.Files.EnsureDirectory(directory, WorldBuilder.PrivateDirectory);
        }

        await WorldBuilder.CreateNamespacesAsync(w, UnoTopology.Nodes, ct);
        await WireAsync(w, ct);
        await WorldBuilder.StartInternetAsync(w, LeakCounterRuleset.Build(BackboneTopology.LeakTable, UnoTopology.Uplink, [], []), UnoTopology.InternetToGateway, ct);
        var pki = LabPki.Create(w.Time.GetUtcNow(), BackboneTopology.ProviderAddress.ToString());
        var credentials = ($"lab-gateway", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        await WorldBuilder.StartProviderAsync(w, pki, credentials, ct);
        await PrepareGatewayAsync(w, pki, credentials, ct);
        await PrepareLaptopAsync(w, ct);
        if (startGateway)
        {
            await WorldBuilder.StartGatewayAsync(w, ct);
        }
        else
        {
            w.Progress("gateway: not started (--no-gateway)");
        }
    }

    private static async Task WireAsync(UnoWorld w, CancellationToken ct)
    {
        string inet = w.Ns(BackboneTopology.Internet), prov = w.Ns(BackboneTopology.Provider), sbc = w.Ns(UnoTopology.Gateway), laptop = w.Ns(BackboneTopology.Laptop);
        await WorldBuilder.VethAsync(w, inet, BackboneTopology.InternetToProvider, prov, BackboneTopology.ProviderUplink, ct);
        await WorldBuilder.VethAsync(w, inet, UnoTopology.InternetToGateway, sbc, UnoTopology.GatewayUplink, ct);
        // The overlay: both ends named like the real ZeroTier device of network 2f5042fc3b08bd2e.
        await WorldBuilder.VethAsync(w, sbc, BackboneTopology.OverlayDevice, laptop, BackboneTopology.OverlayDevice, ct);

        await WorldBuilder.WireInternetAndProviderAsync(w, ct);
        await WorldBuilder.WireGatewayAsync(w, UnoTopology.Uplink, ct);
        await WorldBuilder.OverlayAddressesAsync(w, UnoTopology.Gateway, BackboneTopology.GatewayOverlayAddress, BackboneTopology.GatewayOverlayAddress6);

        // The laptop: what ZeroTier's allowDefault installs for a managed default route via the gateway.
        await WorldBuilder.AddressAsync(w, laptop, BackboneTopology.OverlayDevice, $"{BackboneTopology.LaptopOverlayAddress}/{BackboneTopology.OverlayPrefixLength}");
        await WorldBuilder.AddressAsync(w, laptop, BackboneTopology.OverlayDevice, $"{BackboneTopology.LaptopOverlayAddress6}/{BackboneTopology.OverlayPrefixLength6}");
        foreach (var half in new[] { "0.0.0.0/1", "128.0.0.0/1" })
        {
            await w.Net.IpAsync("routing the laptop", laptop, "route", "add", half, "via", BackboneTopology.GatewayOverlayAddress.ToString());
        }

        await w.Net.IpAsync("routing the laptop (IPv6)", laptop, "-6", "route", "add", "default", "via", BackboneTopology.GatewayOverlayAddress6.ToString());
        await WorldBuilder.WaitForLinkLocalAsync(w, UnoTopology.Nodes, ct);
        w.Progress("links: internet <-> provider, internet <-> gateway (dual stack), gateway <-> laptop over zt2nvuuqiv");
    }

    private static async Task PrepareGatewayAsync(UnoWorld w, LabPki pki, (string User, string Password) credentials, CancellationToken ct)
    {
        var config = GatewayConfigFile.Build(w.World.Prefix + w.World.Name, w.Layout.GatewayDirectory);
        await WorldBuilder.PrepareGatewayAsync(w, pki, credentials, UnoTopology.ForeignSysctl, config, ZeroTierStandInScenario.LabUnoGateway(), ct);
        w.Progress($"gateway: foreign nft table, rule {BackboneTopology.ForeignRulePriority}, route in table {BackboneTopology.ForeignRouteTable} and {UnoTopology.ForeignSysctl}={BackboneTopology.ForeignSysctlValue} seeded; config {w.Layout.GatewayConfig}");
    }

    private static async Task PrepareLaptopAsync(UnoWorld w, CancellationToken ct)
    {
        await w.Net.NftAsync("installing the laptop's probe counters", w.Ns(BackboneTopology.Laptop), LaptopProbeRuleset.Build(BackboneTopology.LaptopProbeTable), ct);
        w.Progress($"laptop: {BackboneTopology.LaptopOverlayAddress} on {BackboneTopology.OverlayDevice}, default via {BackboneTopology.GatewayOverlayAddress}, probe counters (table inet {BackboneTopology.LaptopProbeTable})");
    }
}
