using System.Net;
using Causeway.Lab.Leaks;
using Causeway.Lab.Machine;
using Causeway.Lab.State;
using Causeway.Lab.Worlds;

namespace Causeway.Lab.Duo;

/// <summary>
/// A VM's access clients and the phones that use them (Duo's VM, Dinosaur's): `causeway client` on the VM, each
/// phone's stock OpenVPN, counters and tunnel address, and the café's UDP-drop counter.
/// </summary>
/// <param name="vm">The world seen from the VM (<see cref="RunningWorld.OnHost"/> where the VM is not the world's gateway).</param>
internal sealed class AccessPhones(RunningWorld vm, DuoLayout layout)
{
    private static readonly IPNetwork Pool = IPNetwork.Parse(DuoTopology.AccessPool);
    private static readonly TimeSpan PhoneConnectTimeout = TimeSpan.FromSeconds(90);

    /// <summary>`causeway client` on the VM.</summary>
    public CausewayClientCommands Access { get; } = new(vm);

    /// <summary>`causeway client add` for a phone, the profile straight into the phone's directory; recorded with its hash.</summary>
    public async Task<LabAccessClient> AddClientAsync(string name, string phone, CancellationToken ct)
    {
        var profile = layout.PhoneProfile(phone, name);
        await Access.AddAsync(name, profile, ct);
        var client = new LabAccessClient(name, phone, profile, Sha256(vm.Files.ReadAllText(profile)), vm.Time.GetUtcNow());
        vm.SaveState(vm.State.WithAccessClient(client));
        return client;
    }

    /// <summary>The client `lab up` added for a phone.</summary>
    public LabAccessClient Client(string phone) =>
        vm.State.AccessClient(DuoTopology.ClientName(phone))
        ?? throw new InvalidOperationException($"no client was added for {phone}: was the world built with `causeway up` running on the VM (not --no-gateway)?");

    /// <summary>The phones' stock OpenVPN running and connected; started again (<paramref name="restart"/>) or first where it is not.</summary>
    public async Task EnsureConnectedAsync(IReadOnlyList<string> phones, bool restart, CancellationToken ct)
    {
        foreach (var phone in phones)
        {
            var client = Client(phone);
            if (restart)
            {
                await vm.KillAsync(DuoProcessNames.PhoneOpenVpn(phone), ct);
            }

            if (!vm.IsRunning(DuoProcessNames.PhoneOpenVpn(phone)))
            {
                StartPhone(client);
            }
        }

        foreach (var phone in phones)
        {
            var (took, listed, address) = await WaitPhoneConnectedAsync(Client(phone), PhoneConnectTimeout, ct);
            vm.Progress($"check: {phone} connected as {address} (waited {took.TotalSeconds:0.0} s): {listed.Describe()}");
        }
    }

    /// <summary>The phone's stock `openvpn --config PROFILE`, nothing added.</summary>
    public LabProcessRecord StartPhone(LabAccessClient client) =>
        vm.StartDetached(DuoProcessNames.PhoneOpenVpn(client.Node), client.Node, "openvpn", ["--config", client.ProfilePath], layout.PhoneOpenVpnLog(client.Node, client.Name));

    /// <summary>The client's row in `causeway client list --json`, or null if it is not listed.</summary>
    public async Task<VmClient?> ClientAsync(string name, CancellationToken ct)
    {
        var all = await Access.ListAsync(ct);
        return all.LastOrDefault(c => c.Name == name && !c.Revoked) ?? all.LastOrDefault(c => c.Name == name);
    }

    /// <summary>
    /// Waits until the VM lists a session of <paramref name="client"/> and the phone has its tunnel address; returns
    /// how long that took and the session. Fails early if the phone's OpenVPN died.
    /// </summary>
    public async Task<(TimeSpan Elapsed, VmClient Client, IPAddress Address)> WaitPhoneConnectedAsync(LabAccessClient client, TimeSpan timeout, CancellationToken ct)
    {
        VmClient? listed = null;
        IPAddress? address = null;
        string? error = null;
        try
        {
            var elapsed = await Waiting.UntilAsync(
                async token =>
                {
                    vm.EnsureRunning(DuoProcessNames.PhoneOpenVpn(client.Node));
                    try
                    {
                        listed = await ClientAsync(client.Name, token);
                    }
                    catch (InvalidOperationException e)
                    {
                        error = e.Message;
                        return false;
                    }

                    address = await TunnelAddressAsync(client.Node, token);
                    return listed is { Connected: true } && address is not null;
                },
                timeout,
                $"{client.Node} to connect as {client.Name}",
                vm.Time,
                ct);
            return (elapsed, listed!, address!);
        }
        catch (TimeoutException e)
        {
            var log = layout.PhoneOpenVpnLog(client.Node, client.Name);
            throw new TimeoutException(
                $"{e.Message}; the VM lists {listed?.Describe() ?? error ?? "nothing"}; {client.Node}'s tunnel address: {address?.ToString() ?? "none"}; the end of {log}:\n{vm.LogTail(log, 15)}", e);
        }
    }

    /// <summary>The phone's address in the access pool (on its tun device), or null while it has none.</summary>
    public async Task<IPAddress?> TunnelAddressAsync(string phone, CancellationToken ct) =>
        (await vm.Ipv4AddressesAsync(phone, null, ct)).FirstOrDefault(Pool.Contains);

    public Task<NftCounters> PhoneCountersAsync(string phone, CancellationToken ct) =>
        vm.CountersAsync(phone, "inet", DuoTopology.PhoneProbeTable, ct);

    /// <summary>The café router's counters: the UDP packets it dropped.</summary>
    public Task<NftCounters> CafeCountersAsync(CancellationToken ct) =>
        vm.CountersAsync(DuoTopology.Cafe, "inet", DuoTopology.CafeTable, ct);

    /// <summary>Whether an access server's tun device exists on the VM.</summary>
    public async Task<bool> DeviceExistsAsync(string device, CancellationToken ct) =>
        (await vm.Net.TryRunAsync("ip", ["-n", vm.Ns(vm.GatewayNode), "link", "show", device], ct)).Succeeded;

    public static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
