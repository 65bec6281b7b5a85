using System.Net;
using System.Security.Cryptography;
using Causeway.Lab.Backbone;
using Causeway.Lab.Duo;
using Causeway.Lab.Leaks;
using Causeway.Lab.Pki;
using Causeway.Lab.Worlds;
using Causeway.Lab.ZeroTier;

namespace Causeway.Lab.Dinosaur;

/// <summary>
/// `causeway-lab up dinosaur`: the backbone's internet and provider, the sbc as in Uno (its uplink at MTU 1400), the VM
/// as in Duo on an uplink of its own, the laptop on an uplink of its own; the overlay as a vxlan over UDP 9993 between
/// the three; the café router that drops all UDP with a phone behind it, and a phone on an open network. Then
/// `causeway up` on the sbc, on the VM, and the phones' clients and stock OpenVPN. Nothing here sleeps.
/// </summary>
internal static class DinosaurBuilder
{
    public static async Task BuildAsync(DinosaurWorld w, bool startGateway, CancellationToken ct)
    {
        foreach (var node in DinosaurTopology.Nodes)
        {
            w.Files.EnsureDirectory(w.Layout.NodeDirectory(node), WorldBuilder.PrivateDirectory);
        }

        await WorldBuilder.CreateNamespacesAsync(w, DinosaurTopology.Nodes, ct);
        await WireAsync(w, ct);
        await WorldBuilder.StartInternetAsync(w, DinosaurRulesets.LeakCounters(), $"{DinosaurTopology.SbcUplink.InternetSide} and {DinosaurTopology.VmUplink.InternetSide}", ct);
        await w.Net.NftAsync("installing the internet's PMTUD black hole", w.Ns(BackboneTopology.Internet), DinosaurRulesets.InternetMtu(), ct);
        w.Progress($"internet: drops and counts every ICMP fragmentation-needed that reaches it (table inet {DinosaurTopology.MtuTable})");

        var pki = LabPki.Create(w.Time.GetUtcNow(), BackboneTopology.ProviderAddress.ToString());
        var credentials = ("lab-sbc", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        await WorldBuilder.StartProviderAsync(w, pki, credentials, ct);

        var instance = w.World.Prefix + w.World.Name;
        await WorldBuilder.PrepareGatewayAsync(w, pki, credentials, DinosaurTopology.SbcForeignSysctl, DinosaurConfigFile.Sbc(instance, w.Layout.GatewayDirectory), Scenario(DinosaurTopology.SbcZeroTierAddress), ct);
        w.Progress($"sbc: foreign state seeded; config {w.Layout.GatewayConfig} (Uno's, with its read-only status listener on the overlay for the VM)");
        await WorldBuilder.PrepareGatewayAsync(w.Vm, null, credentials, DinosaurTopology.VmForeignSysctl, DinosaurConfigFile.Vm($"{instance}-vm", w.Vm.Layout.GatewayDirectory), Scenario(DinosaurTopology.VmZeroTierAddress), ct);
        w.Progress($"vm: foreign state seeded; config {w.Vm.Layout.GatewayConfig} ([egress] overlay_gateway {DinosaurTopology.SbcOverlayAddress}, [access] public_address {DinosaurTopology.VmPublicAddress})");

        await PrepareLaptopAsync(w, ct);
        await PhoneNetworks.PrepareAsync(w, w.VmLayout, DinosaurTopology.VmPublicAddress, DinosaurTopology.Phones, ct);
        if (!startGateway)
        {
            w.Progress("sbc, vm: `causeway up` not started (--no-gateway), so no phone is connected");
            return;
        }

        await WorldBuilder.StartGatewayAsync(w, ct);
        await StartVmAsync(w, ct);
    }

    /// <summary>
    /// `causeway up` on the VM, its access servers, and the phones. A `causeway` that does not know
    /// `[egress] overlay_gateway` yet (its `plan` refuses the VM's config) leaves the VM without it, said once.
    /// </summary>
    public static async Task StartVmAsync(DinosaurWorld w, CancellationToken ct)
    {
        var plan = await w.Vm.GatewayCommandAsync(["plan", "-c", w.Vm.GatewayConfigPath], ct, TimeSpan.FromSeconds(30));
        var said = (plan.StandardError + plan.StandardOutput).Trim();
        if (!plan.Succeeded && said.Contains("overlay_gateway", StringComparison.Ordinal))
        {
            w.Progress($"vm: `causeway up` NOT started: this causeway ({w.State.GatewayBinary}) does not take [egress] overlay_gateway yet: {FirstLine(said)}");
            return;
        }

        await WorldBuilder.StartGatewayAsync(w.Vm, ct);
        await PhoneNetworks.StartAccessAsync(w.Vm, w.Phones, ct);
        await PhoneNetworks.ConnectAsync(w, w.Phones, DinosaurTopology.Phones, ct);
    }

    private static async Task WireAsync(DinosaurWorld w, CancellationToken ct)
    {
        string inet = w.Ns(BackboneTopology.Internet), prov = w.Ns(BackboneTopology.Provider), sbc = w.Ns(DinosaurTopology.Sbc), vm = w.Ns(DinosaurTopology.Vm), laptop = w.Ns(DinosaurTopology.Laptop);
        await WorldBuilder.VethAsync(w, inet, BackboneTopology.InternetToProvider, prov, BackboneTopology.ProviderUplink, ct);
        await WorldBuilder.VethAsync(w, inet, DinosaurTopology.SbcUplink.InternetSide, sbc, DinosaurTopology.SbcUplink.Device, ct);
        await WorldBuilder.VethAsync(w, inet, DinosaurTopology.VmUplink.InternetSide, vm, DinosaurTopology.VmUplink.Device, ct);
        await WorldBuilder.VethAsync(w, inet, DinosaurTopology.InternetToLaptop, laptop, DinosaurTopology.LaptopUplink, ct);

        // The sbc's home uplink is the one hop of the underlay below 1500, at both ends.
        await w.Net.IpAsync("narrowing the sbc's uplink", inet, "link", "set", DinosaurTopology.SbcUplink.InternetSide, "mtu", DinosaurTopology.SbcUplinkMtu.ToString());
        await w.Net.IpAsync("narrowing the sbc's uplink", sbc, "link", "set", DinosaurTopology.SbcUplink.Device, "mtu", DinosaurTopology.SbcUplinkMtu.ToString());

        await WorldBuilder.WireInternetAndProviderAsync(w, ct);
        await WorldBuilder.WireGatewayAsync(w, DinosaurTopology.SbcUplink, ct);
        // The VM as in Duo: strict reverse-path filtering, as on many cloud images.
        await WorldBuilder.WireGatewayAsync(w, DinosaurTopology.VmUplink, ct);
        await w.Net.SysctlAsync(vm, "net.ipv4.conf.all.rp_filter", "1", ct);
        await w.Net.SysctlAsync(vm, "net.ipv4.conf.default.rp_filter", "1", ct);
        await WorldBuilder.AddressAsync(w, inet, DinosaurTopology.InternetToLaptop, $"{DinosaurTopology.InternetLaptopSide}/{DinosaurTopology.LaptopPrefixLength}");
        await WorldBuilder.AddressAsync(w, laptop, DinosaurTopology.LaptopUplink, $"{DinosaurTopology.LaptopAddress}/{DinosaurTopology.LaptopPrefixLength}");
        await w.Net.IpAsync("routing the laptop", laptop, "route", "add", "default", "via", DinosaurTopology.InternetLaptopSide.ToString());

        await WireOverlayAsync(w, ct);
        await PhoneNetworks.WireAsync(w, [PhoneNetworks.Open], ct);
        await WorldBuilder.WaitForLinkLocalAsync(w, DinosaurTopology.Nodes, ct);
        w.Progress($"links: internet <-> provider, sbc (dual stack, MTU {DinosaurTopology.SbcUplinkMtu}), VM (dual stack, {DinosaurTopology.VmUplink.Address}), laptop ({DinosaurTopology.LaptopAddress}), "
            + "café (NAT, drops UDP) <-> phone-cafe, phone-open");
    }

    /// <summary>
    /// The overlay on sbc, VM and laptop: a vxlan named like the ZeroTier device, its UDP on ZeroTier's port between
    /// the members' uplink addresses (unicast head-end replication: an all-zeros FDB entry per other member), MTU
    /// the sbc's uplink less vxlan's overhead; then the members' overlay addresses and what ZeroTier installs on the
    /// laptop: the managed default route via the sbc (allowDefault, as two halves), the access pool's via the VM, and
    /// host routes that keep its paths to the other members off the overlay (as zerotier-one does with allowDefault).
    /// </summary>
    private static async Task WireOverlayAsync(DinosaurWorld w, CancellationToken ct)
    {
        foreach (var (node, underlay, device) in DinosaurTopology.OverlayMembers)
        {
            var ns = w.Ns(node);
            await w.Net.IpAsync($"making the overlay in {ns}", ns, "link", "add", BackboneTopology.OverlayDevice, "type", "vxlan",
                "id", DinosaurTopology.OverlayVni.ToString(), "local", underlay.ToString(), "dstport", DinosaurTopology.OverlayPort.ToString(), "nolearning", "dev", device);
            await w.Net.IpAsync($"setting the overlay's MTU in {ns}", ns, "link", "set", BackboneTopology.OverlayDevice, "mtu", DinosaurTopology.OverlayMtu.ToString(), "up");
            foreach (var (_, other, _) in DinosaurTopology.OverlayMembers.Where(m => m.Node != node))
            {
                await w.Net.ExecAsync($"adding the overlay's path to {other} in {ns}", ns, "bridge", ["fdb", "append", "00:00:00:00:00:00", "dev", BackboneTopology.OverlayDevice, "dst", other.ToString()], ct);
            }
        }

        await WorldBuilder.OverlayAddressesAsync(w, DinosaurTopology.Sbc, DinosaurTopology.SbcOverlayAddress, DinosaurTopology.SbcOverlayAddress6);
        await WorldBuilder.OverlayAddressesAsync(w, DinosaurTopology.Vm, DinosaurTopology.VmOverlayAddress, DinosaurTopology.VmOverlayAddress6);
        await WorldBuilder.OverlayAddressesAsync(w, DinosaurTopology.Laptop, BackboneTopology.LaptopOverlayAddress, BackboneTopology.LaptopOverlayAddress6);

        var laptop = w.Ns(DinosaurTopology.Laptop);
        foreach (var (node, underlay, _) in DinosaurTopology.OverlayMembers.Where(m => m.Node != DinosaurTopology.Laptop))
        {
            await w.Net.IpAsync($"keeping the laptop's path to the {node} off the overlay", laptop, "route", "add", $"{underlay}/32", "via", DinosaurTopology.InternetLaptopSide.ToString());
        }

        foreach (var half in new[] { "0.0.0.0/1", "128.0.0.0/1" })
        {
            await w.Net.IpAsync("routing the laptop via the sbc", laptop, "route", "add", half, "via", DinosaurTopology.SbcOverlayAddress.ToString());
        }

        await w.Net.IpAsync("routing the laptop via the sbc (IPv6)", laptop, "-6", "route", "add", "default", "via", DinosaurTopology.SbcOverlayAddress6.ToString());
        await w.Net.IpAsync("routing the laptop to the access pool", laptop, "route", "add", DuoTopology.AccessPool, "via", DinosaurTopology.VmOverlayAddress.ToString());
        w.Progress($"overlay: vxlan {BackboneTopology.OverlayDevice} (VNI {DinosaurTopology.OverlayVni:x}, UDP {DinosaurTopology.OverlayPort}, MTU {DinosaurTopology.OverlayMtu}) between "
            + string.Join(", ", DinosaurTopology.OverlayMembers.Select(m => $"{m.Node} ({m.Underlay})"))
            + $"; the laptop's default via {DinosaurTopology.SbcOverlayAddress}, {DuoTopology.AccessPool} via {DinosaurTopology.VmOverlayAddress}");
    }

    /// <summary>
    /// A ZeroTier stand-in's world as seen from one member: the network's MTU is the overlay device's, and every other
    /// member is a direct peer at its uplink address.
    /// </summary>
    private static ZeroTierStandInScenario Scenario(string self) =>
        ZeroTierStandInScenario.LabDinosaur(
            self,
            DinosaurTopology.VmZeroTierAddress,
            [DinosaurTopology.VmOverlayAddress.ToString(), DinosaurTopology.VmOverlayAddress6.ToString()],
            DuoTopology.AccessPool,
            DinosaurTopology.OverlayMtu,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [DinosaurTopology.SbcZeroTierAddress] = $"{DinosaurTopology.SbcUplink.Address}/{DinosaurTopology.OverlayPort}",
                [DinosaurTopology.VmZeroTierAddress] = $"{DinosaurTopology.VmUplink.Address}/{DinosaurTopology.OverlayPort}",
                [DinosaurTopology.LaptopZeroTierAddress] = $"{DinosaurTopology.LaptopAddress}/{DinosaurTopology.OverlayPort}",
            });

    private static async Task PrepareLaptopAsync(DinosaurWorld w, CancellationToken ct)
    {
        await w.Net.NftAsync("installing the laptop's probe counters", w.Ns(DinosaurTopology.Laptop), LaptopProbeRuleset.Build(BackboneTopology.LaptopProbeTable), ct);
        var echo = new IPEndPoint(BackboneTopology.LaptopOverlayAddress, BackboneTopology.EchoPort);
        w.StartDetached(DuoProcessNames.LaptopEcho, DinosaurTopology.Laptop, w.Binary, ["serve", "echo", "--listen", echo.ToString()], w.VmLayout.LaptopEchoLog);
        await w.WaitListeningAsync(DuoProcessNames.LaptopEcho, DinosaurTopology.Laptop, echo, ct);
        w.Progress($"laptop: probe counters (table inet {BackboneTopology.LaptopProbeTable}), echo on {echo}");
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
