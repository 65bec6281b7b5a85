using System.Net;
using System.Security.Cryptography;
using Causeway.Lab.Backbone;
using Causeway.Lab.Pki;
using Causeway.Lab.Worlds;
using Causeway.Lab.ZeroTier;

namespace Causeway.Lab.Duo;

/// <summary>
/// `causeway-lab up duo`: the backbone's internet and provider, the VM (uplink, overlay, `causeway up` with [access]), the
/// laptop on the overlay, the café router that drops all UDP, and the phones: a client added for each with
/// `causeway client add`, and the phone running stock `openvpn --config` on that profile, unmodified.
/// </summary>
internal static class DuoBuilder
{
    public static async Task BuildAsync(DuoWorld w, bool startGateway, CancellationToken ct)
    {
        foreach (var node in DuoTopology.Nodes)
        {
            w.Files.EnsureDirectory(w.Layout.NodeDirectory(node), WorldBuilder.PrivateDirectory);
        }

        await WorldBuilder.CreateNamespacesAsync(w, DuoTopology.Nodes, ct);
        await WireAsync(w, ct);
        await WorldBuilder.StartInternetAsync(w, DuoRulesets.LeakCounters(), DuoTopology.InternetToVm, ct);
        var pki = LabPki.Create(w.Time.GetUtcNow(), BackboneTopology.ProviderAddress.ToString());
        var credentials = ("lab-vm", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        await WorldBuilder.StartProviderAsync(w, pki, credentials, ct);
        await PrepareVmAsync(w, pki, credentials, ct);
        await PrepareLaptopAsync(w, ct);
        await PhoneNetworks.PrepareAsync(w, w.DuoLayout, DuoTopology.PublicAddress, [DuoTopology.PhoneCafe, DuoTopology.PhoneOpen, DuoTopology.PhoneLost], ct);
        if (!startGateway)
        {
            w.Progress("vm: `causeway up` not started (--no-gateway), so no phone is connected");
            return;
        }

        await WorldBuilder.StartGatewayAsync(w, ct);
        await StartAccessAsync(w, ct);
        await PhoneNetworks.ConnectAsync(w, w.Phones, DuoTopology.Phones, ct);
    }

    private static async Task WireAsync(DuoWorld w, CancellationToken ct)
    {
        string inet = w.Ns(BackboneTopology.Internet), prov = w.Ns(BackboneTopology.Provider), vm = w.Ns(DuoTopology.Vm), laptop = w.Ns(BackboneTopology.Laptop);
        await WorldBuilder.VethAsync(w, inet, BackboneTopology.InternetToProvider, prov, BackboneTopology.ProviderUplink, ct);
        await WorldBuilder.VethAsync(w, inet, DuoTopology.InternetToVm, vm, DuoTopology.VmUplink, ct);
        await WorldBuilder.VethAsync(w, vm, BackboneTopology.OverlayDevice, laptop, BackboneTopology.OverlayDevice, ct);

        // The provider and the VM as in Uno. The VM also has strict reverse-path filtering, as on many cloud images:
        // the lab's doing, so that what holds holds on such a host.
        await WorldBuilder.WireInternetAndProviderAsync(w, ct);
        await WorldBuilder.WireGatewayAsync(w, DuoTopology.Uplink, ct);
        await WorldBuilder.OverlayAddressesAsync(w, DuoTopology.Vm, BackboneTopology.GatewayOverlayAddress, BackboneTopology.GatewayOverlayAddress6);
        await w.Net.SysctlAsync(vm, "net.ipv4.conf.all.rp_filter", "1", ct);
        await w.Net.SysctlAsync(vm, "net.ipv4.conf.default.rp_filter", "1", ct);

        // The laptop: on the overlay, with what ZeroTier installs for the managed route of the access pool via the VM.
        await WorldBuilder.AddressAsync(w, laptop, BackboneTopology.OverlayDevice, $"{BackboneTopology.LaptopOverlayAddress}/{BackboneTopology.OverlayPrefixLength}");
        await WorldBuilder.AddressAsync(w, laptop, BackboneTopology.OverlayDevice, $"{BackboneTopology.LaptopOverlayAddress6}/{BackboneTopology.OverlayPrefixLength6}");
        await w.Net.IpAsync("routing the laptop to the access pool", laptop, "route", "add", DuoTopology.AccessPool, "via", BackboneTopology.GatewayOverlayAddress.ToString());

        // The café with its phone, and the phones on open networks.
        await PhoneNetworks.WireAsync(w, [PhoneNetworks.Open, PhoneNetworks.Lost], ct);

        await WorldBuilder.WaitForLinkLocalAsync(w, DuoTopology.Nodes, ct);
        w.Progress("links: internet <-> provider, VM (dual stack), café (NAT, drops UDP) <-> phone-cafe, phone-open, phone-lost; VM <-> laptop over zt2nvuuqiv");
    }

    private static async Task PrepareVmAsync(DuoWorld w, LabPki pki, (string User, string Password) credentials, CancellationToken ct)
    {
        var config = VmConfigFile.Build(w.World.Prefix + w.World.Name, w.Layout.GatewayDirectory);
        await WorldBuilder.PrepareGatewayAsync(w, pki, credentials, DuoTopology.ForeignSysctl, config, ZeroTierStandInScenario.LabDuoVm(DuoTopology.AccessPool), ct);
        w.Progress($"vm: foreign nft table, rule {BackboneTopology.ForeignRulePriority}, route in table {BackboneTopology.ForeignRouteTable} and {DuoTopology.ForeignSysctl}={BackboneTopology.ForeignSysctlValue} seeded; "
            + $"config {w.Layout.GatewayConfig} ([access] public_address {DuoTopology.PublicAddress}, UDP {DuoTopology.AccessUdpPort} and TCP {DuoTopology.AccessTcpPort})");
    }

    private static async Task PrepareLaptopAsync(DuoWorld w, CancellationToken ct)
    {
        var echo = new IPEndPoint(BackboneTopology.LaptopOverlayAddress, BackboneTopology.EchoPort);
        w.StartDetached(DuoProcessNames.LaptopEcho, BackboneTopology.Laptop, w.Binary, ["serve", "echo", "--listen", echo.ToString()], w.DuoLayout.LaptopEchoLog);
        await w.WaitListeningAsync(DuoProcessNames.LaptopEcho, BackboneTopology.Laptop, echo, ct);
        w.Progress($"laptop: {BackboneTopology.LaptopOverlayAddress} on {BackboneTopology.OverlayDevice}, {DuoTopology.AccessPool} via {BackboneTopology.GatewayOverlayAddress} (the managed route), echo on {echo}");
    }

    /// <summary>`causeway up` runs the access servers: wait for their devices.</summary>
    public static Task StartAccessAsync(DuoWorld w, CancellationToken ct) => PhoneNetworks.StartAccessAsync(w, w.Phones, ct);
}
