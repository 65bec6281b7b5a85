using System.Net;
using Causeway.Lab.Backbone;
using Causeway.Lab.Machine;
using Causeway.Lab.Worlds;

namespace Causeway.Lab.Duo;

/// <summary>
/// The phones' side of every world whose VM runs access servers (Duo, Dinosaur): the café router that NATs its
/// Wi-Fi and drops all UDP, with a phone behind it; phones straight on open networks; their counters and echo
/// services; and, once `causeway up` runs on the VM, a client for each phone and the phone's stock OpenVPN on it.
/// </summary>
internal static class PhoneNetworks
{
    private static readonly TimeSpan PhoneConnectTimeout = TimeSpan.FromSeconds(90);

    public static readonly OpenNetworkPhone Open = new(DuoTopology.PhoneOpen, DuoTopology.InternetToPhoneOpen, DuoTopology.InternetPhoneOpenSide, DuoTopology.PhoneOpenAddress);

    public static readonly OpenNetworkPhone Lost = new(DuoTopology.PhoneLost, DuoTopology.InternetToPhoneLost, DuoTopology.InternetPhoneLostSide, DuoTopology.PhoneLostAddress);

    /// <summary>The café (its uplink, its Wi-Fi, the phone on it) and the phones on open networks, wired to the internet router.</summary>
    public static async Task WireAsync(RunningWorld w, IReadOnlyList<OpenNetworkPhone> open, CancellationToken ct)
    {
        string inet = w.Ns(BackboneTopology.Internet), cafe = w.Ns(DuoTopology.Cafe), phoneCafe = w.Ns(DuoTopology.PhoneCafe);
        await WorldBuilder.VethAsync(w, inet, DuoTopology.InternetToCafe, cafe, DuoTopology.CafeUplink, ct);
        await WorldBuilder.VethAsync(w, cafe, DuoTopology.CafeLan, phoneCafe, DuoTopology.PhoneLink, ct);
        await WorldBuilder.AddressAsync(w, inet, DuoTopology.InternetToCafe, $"{DuoTopology.InternetCafeSide}/{DuoTopology.PhoneNetworkPrefixLength}");
        await WorldBuilder.AddressAsync(w, cafe, DuoTopology.CafeUplink, $"{DuoTopology.CafeAddress}/{DuoTopology.PhoneNetworkPrefixLength}");
        await WorldBuilder.AddressAsync(w, cafe, DuoTopology.CafeLan, $"{DuoTopology.CafeLanAddress}/{DuoTopology.CafeLanPrefixLength}");
        await w.Net.IpAsync("routing the café", cafe, "route", "add", "default", "via", DuoTopology.InternetCafeSide.ToString());
        await w.Net.SysctlAsync(cafe, "net.ipv4.ip_forward", "1", ct);
        await WorldBuilder.AddressAsync(w, phoneCafe, DuoTopology.PhoneLink, $"{DuoTopology.PhoneCafeAddress}/{DuoTopology.CafeLanPrefixLength}");
        await w.Net.IpAsync("routing the café's phone", phoneCafe, "route", "add", "default", "via", DuoTopology.CafeLanAddress.ToString());

        foreach (var phone in open)
        {
            var ns = w.Ns(phone.Node);
            await WorldBuilder.VethAsync(w, inet, phone.InternetSide, ns, DuoTopology.PhoneLink, ct);
            await WorldBuilder.AddressAsync(w, inet, phone.InternetSide, $"{phone.InternetAddress}/{DuoTopology.PhoneNetworkPrefixLength}");
            await WorldBuilder.AddressAsync(w, ns, DuoTopology.PhoneLink, $"{phone.Address}/{DuoTopology.PhoneNetworkPrefixLength}");
            await w.Net.IpAsync($"routing {phone.Node}", ns, "route", "add", "default", "via", phone.InternetAddress.ToString());
        }
    }

    /// <summary>The café's UDP block and NAT; in each phone its counters and an echo service.</summary>
    /// <param name="vmPublicAddress">What the phones' profiles connect to (their counters count what they send there).</param>
    public static async Task PrepareAsync(RunningWorld w, DuoLayout layout, IPAddress vmPublicAddress, IReadOnlyList<string> phones, CancellationToken ct)
    {
        await w.Net.NftAsync("installing the café's UDP block and NAT", w.Ns(DuoTopology.Cafe), DuoRulesets.Cafe(), ct);
        foreach (var phone in phones)
        {
            await w.Net.NftAsync($"installing {phone}'s counters", w.Ns(phone), DuoRulesets.PhoneCounters(vmPublicAddress), ct);
            var echo = new IPEndPoint(IPAddress.Any, DuoTopology.PhoneEchoPort);
            w.StartDetached(DuoProcessNames.PhoneEcho(phone), phone, w.Binary, ["serve", "echo", "--listen", echo.ToString()], layout.PhoneEchoLog(phone));
            await w.WaitListeningAsync(DuoProcessNames.PhoneEcho(phone), phone, new IPEndPoint(IPAddress.Loopback, DuoTopology.PhoneEchoPort), ct);
        }

        w.Progress($"café: {DuoTopology.CafeAddress}, NATs {DuoTopology.CafeLanAddress}/{DuoTopology.CafeLanPrefixLength}, drops and counts all UDP (table inet {DuoTopology.CafeTable}); "
            + $"phones: counters (table inet {DuoTopology.PhoneProbeTable}) and an echo service on port {DuoTopology.PhoneEchoPort}");
    }

    /// <summary>`causeway up` on the VM runs the access servers: wait for their devices.</summary>
    /// <param name="vm">The world seen from the VM.</param>
    public static async Task StartAccessAsync(RunningWorld vm, AccessPhones phones, CancellationToken ct)
    {
        if (!await CausewayClientCommands.ExistsAsync(vm, ct))
        {
            throw new InvalidOperationException($"the gateway binary {vm.State.GatewayBinary} has no `causeway client` command: it cannot run the VM's access servers (use a build with [access])");
        }

        TimeSpan took;
        try
        {
            took = await Waiting.UntilAsync(
                async token =>
                {
                    vm.EnsureRunning(vm.GatewayProcess);
                    return await phones.DeviceExistsAsync(DuoTopology.AccessUdpDevice, token) && await phones.DeviceExistsAsync(DuoTopology.AccessTcpDevice, token);
                },
                TimeSpan.FromSeconds(60),
                $"the access servers' devices {DuoTopology.AccessUdpDevice} and {DuoTopology.AccessTcpDevice} on the VM",
                vm.Time,
                ct);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; the end of {vm.Layout.GatewayLog}:\n{vm.LogTail(vm.Layout.GatewayLog, 20)}", e);
        }

        vm.Progress($"vm: `causeway up` runs the access servers ({DuoTopology.AccessUdpDevice}, {DuoTopology.AccessTcpDevice}; up after {took.TotalSeconds:0.0} s)");
    }

    /// <summary>A client for each phone (`causeway client add NAME --out FILE`), then stock OpenVPN on that file, and wait until each is connected.</summary>
    public static async Task ConnectAsync(RunningWorld w, AccessPhones access, IReadOnlyList<string> phones, CancellationToken ct)
    {
        var clients = new List<State.LabAccessClient>();
        foreach (var phone in phones)
        {
            var client = w.State.AccessClient(DuoTopology.ClientName(phone)) ?? await access.AddClientAsync(DuoTopology.ClientName(phone), phone, ct);
            access.StartPhone(client);
            clients.Add(client);
        }

        foreach (var client in clients)
        {
            var (took, listed, address) = await access.WaitPhoneConnectedAsync(client, PhoneConnectTimeout, ct);
            w.Progress($"{client.Node}: `openvpn --config {client.ProfilePath}` connected as {address} after {took.TotalSeconds:0.0} s; the VM lists {listed.Describe()}");
        }
    }
}
