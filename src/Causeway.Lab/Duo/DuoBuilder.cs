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
    private static readonly TimeSpan PhoneConnectTimeout = TimeSpan.FromSeconds(90);

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
        await PrepareCafeAndPhonesAsync(w, ct);
        if (!startGateway)
        {
            w.Progress("vm: `causeway up` not started (--no-gateway), so no phone is connected");
            return;
        }

        await WorldBuilder.StartGatewayAsync(w, ct);
        await StartAccessAsync(w, ct);
        await ConnectPhonesAsync(w, ct);
    }

    private static async Task WireAsync(DuoWorld w, CancellationToken ct)
    {
        string inet = w.Ns(BackboneTopology.Internet), prov = w.Ns(BackboneTopology.Provider), vm = w.Ns(DuoTopology.Vm), laptop = w.Ns(BackboneTopology.Laptop);
        string cafe = w.Ns(DuoTopology.Cafe), phoneCafe = w.Ns(DuoTopology.PhoneCafe), phoneOpen = w.Ns(DuoTopology.PhoneOpen), phoneLost = w.Ns(DuoTopology.PhoneLost);
        await WorldBuilder.VethAsync(w, inet, BackboneTopology.InternetToProvider, prov, BackboneTopology.ProviderUplink, ct);
        await WorldBuilder.VethAsync(w, inet, DuoTopology.InternetToVm, vm, DuoTopology.VmUplink, ct);
        await WorldBuilder.VethAsync(w, vm, BackboneTopology.OverlayDevice, laptop, BackboneTopology.OverlayDevice, ct);
        await WorldBuilder.VethAsync(w, inet, DuoTopology.InternetToCafe, cafe, DuoTopology.CafeUplink, ct);
        await WorldBuilder.VethAsync(w, cafe, DuoTopology.CafeLan, phoneCafe, DuoTopology.PhoneLink, ct);
        await WorldBuilder.VethAsync(w, inet, DuoTopology.InternetToPhoneOpen, phoneOpen, DuoTopology.PhoneLink, ct);
        await WorldBuilder.VethAsync(w, inet, DuoTopology.InternetToPhoneLost, phoneLost, DuoTopology.PhoneLink, ct);

        // The internet router's links to the café and the phones; the provider and the VM as in Uno. The VM also has
        // strict reverse-path filtering, as on many cloud images: the lab's doing, so that what holds holds on such a host.
        await WorldBuilder.WireInternetAndProviderAsync(w, ct);
        await WorldBuilder.AddressAsync(w, inet, DuoTopology.InternetToCafe, $"{DuoTopology.InternetCafeSide}/{DuoTopology.PhoneNetworkPrefixLength}");
        await WorldBuilder.AddressAsync(w, inet, DuoTopology.InternetToPhoneOpen, $"{DuoTopology.InternetPhoneOpenSide}/{DuoTopology.PhoneNetworkPrefixLength}");
        await WorldBuilder.AddressAsync(w, inet, DuoTopology.InternetToPhoneLost, $"{DuoTopology.InternetPhoneLostSide}/{DuoTopology.PhoneNetworkPrefixLength}");
        await WorldBuilder.WireGatewayAsync(w, DuoTopology.Vm, DuoTopology.VmUplink, DuoTopology.InternetToVm, ct);
        await w.Net.SysctlAsync(vm, "net.ipv4.conf.all.rp_filter", "1", ct);
        await w.Net.SysctlAsync(vm, "net.ipv4.conf.default.rp_filter", "1", ct);

        // The laptop: on the overlay, with what ZeroTier installs for the managed route of the access pool via the VM.
        await WorldBuilder.AddressAsync(w, laptop, BackboneTopology.OverlayDevice, $"{BackboneTopology.LaptopOverlayAddress}/{BackboneTopology.OverlayPrefixLength}");
        await WorldBuilder.AddressAsync(w, laptop, BackboneTopology.OverlayDevice, $"{BackboneTopology.LaptopOverlayAddress6}/{BackboneTopology.OverlayPrefixLength6}");
        await w.Net.IpAsync("routing the laptop to the access pool", laptop, "route", "add", DuoTopology.AccessPool, "via", BackboneTopology.GatewayOverlayAddress.ToString());

        // The café: its uplink, its Wi-Fi, and the phone on it.
        await WorldBuilder.AddressAsync(w, cafe, DuoTopology.CafeUplink, $"{DuoTopology.CafeAddress}/{DuoTopology.PhoneNetworkPrefixLength}");
        await WorldBuilder.AddressAsync(w, cafe, DuoTopology.CafeLan, $"{DuoTopology.CafeLanAddress}/{DuoTopology.CafeLanPrefixLength}");
        await w.Net.IpAsync("routing the café", cafe, "route", "add", "default", "via", DuoTopology.InternetCafeSide.ToString());
        await w.Net.SysctlAsync(cafe, "net.ipv4.ip_forward", "1", ct);
        await WorldBuilder.AddressAsync(w, phoneCafe, DuoTopology.PhoneLink, $"{DuoTopology.PhoneCafeAddress}/{DuoTopology.CafeLanPrefixLength}");
        await w.Net.IpAsync("routing the café's phone", phoneCafe, "route", "add", "default", "via", DuoTopology.CafeLanAddress.ToString());

        // The phones on open networks: straight on the internet router.
        await WorldBuilder.AddressAsync(w, phoneOpen, DuoTopology.PhoneLink, $"{DuoTopology.PhoneOpenAddress}/{DuoTopology.PhoneNetworkPrefixLength}");
        await w.Net.IpAsync("routing the open network's phone", phoneOpen, "route", "add", "default", "via", DuoTopology.InternetPhoneOpenSide.ToString());
        await WorldBuilder.AddressAsync(w, phoneLost, DuoTopology.PhoneLink, $"{DuoTopology.PhoneLostAddress}/{DuoTopology.PhoneNetworkPrefixLength}");
        await w.Net.IpAsync("routing the phone to be lost", phoneLost, "route", "add", "default", "via", DuoTopology.InternetPhoneLostSide.ToString());

        await WorldBuilder.WaitForLinkLocalAsync(w, DuoTopology.Nodes, ct);
        w.Progress("links: internet <-> provider, VM (dual stack), café (NAT, drops UDP) <-> phone-cafe, phone-open, phone-lost; VM <-> laptop over zt2nvuuqiv");
    }

    private static async Task PrepareVmAsync(DuoWorld w, LabPki pki, (string User, string Password) credentials, CancellationToken ct)
    {
        var config = VmConfigFile.Build(w.World.Prefix + w.World.Name, w.Layout.GatewayDirectory);
        await WorldBuilder.PrepareGatewayAsync(w, pki, credentials, DuoTopology.VmUplink, DuoTopology.ForeignSysctl, config, ZeroTierStandInScenario.LabDuoVm(DuoTopology.AccessPool), ct);
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

    private static async Task PrepareCafeAndPhonesAsync(DuoWorld w, CancellationToken ct)
    {
        await w.Net.NftAsync("installing the café's UDP block and NAT", w.Ns(DuoTopology.Cafe), DuoRulesets.Cafe(), ct);
        foreach (var phone in new[] { DuoTopology.PhoneCafe, DuoTopology.PhoneOpen, DuoTopology.PhoneLost })
        {
            await w.Net.NftAsync($"installing {phone}'s counters", w.Ns(phone), DuoRulesets.PhoneCounters(), ct);
            var echo = new IPEndPoint(IPAddress.Any, DuoTopology.PhoneEchoPort);
            w.StartDetached(DuoProcessNames.PhoneEcho(phone), phone, w.Binary, ["serve", "echo", "--listen", echo.ToString()], w.DuoLayout.PhoneEchoLog(phone));
            await w.WaitListeningAsync(DuoProcessNames.PhoneEcho(phone), phone, new IPEndPoint(IPAddress.Loopback, DuoTopology.PhoneEchoPort), ct);
        }

        w.Progress($"café: {DuoTopology.CafeAddress}, NATs {DuoTopology.CafeLanAddress}/{DuoTopology.CafeLanPrefixLength}, drops and counts all UDP (table inet {DuoTopology.CafeTable}); "
            + $"phones: counters (table inet {DuoTopology.PhoneProbeTable}) and an echo service on port {DuoTopology.PhoneEchoPort}");
    }

    /// <summary>`causeway up` runs the access servers: wait for their devices.</summary>
    public static async Task StartAccessAsync(DuoWorld w, CancellationToken ct)
    {
        if (!await CausewayClientCommands.ExistsAsync(w, ct))
        {
            throw new InvalidOperationException($"the gateway binary {w.State.GatewayBinary} has no `causeway client` command: it cannot run Duo's access servers (use a build with [access])");
        }

        TimeSpan took;
        try
        {
            took = await Machine.Waiting.UntilAsync(
                async token =>
                {
                    w.EnsureRunning(BackboneProcessNames.Gateway);
                    return await w.DeviceExistsAsync(DuoTopology.AccessUdpDevice, token) && await w.DeviceExistsAsync(DuoTopology.AccessTcpDevice, token);
                },
                TimeSpan.FromSeconds(60),
                $"the access servers' devices {DuoTopology.AccessUdpDevice} and {DuoTopology.AccessTcpDevice} on the VM",
                w.Time,
                ct);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; the end of {w.Layout.GatewayLog}:\n{w.LogTail(w.Layout.GatewayLog, 20)}", e);
        }

        w.Progress($"vm: `causeway up` runs the access servers ({DuoTopology.AccessUdpDevice}, {DuoTopology.AccessTcpDevice}; up after {took.TotalSeconds:0.0} s)");
    }

    /// <summary>A client for each phone (`causeway client add NAME --out FILE`), then stock OpenVPN on that file.</summary>
    public static async Task ConnectPhonesAsync(DuoWorld w, CancellationToken ct)
    {
        var clients = new List<State.LabAccessClient>();
        foreach (var phone in DuoTopology.Phones)
        {
            var client = w.State.AccessClient(DuoTopology.ClientName(phone)) ?? await w.AddClientAsync(DuoTopology.ClientName(phone), phone, ct);
            w.StartPhone(client);
            clients.Add(client);
        }

        foreach (var client in clients)
        {
            var (took, listed, address) = await w.WaitPhoneConnectedAsync(client, PhoneConnectTimeout, ct);
            w.Progress($"{client.Node}: `openvpn --config {client.ProfilePath}` connected as {address} after {took.TotalSeconds:0.0} s; the VM lists {listed.Describe()}");
        }
    }
}
