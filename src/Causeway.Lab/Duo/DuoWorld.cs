using System.Net;
using Causeway.Lab.Checks;
using Causeway.Lab.Leaks;
using Causeway.Lab.Machine;
using Causeway.Lab.State;
using Causeway.Lab.Worlds;

namespace Causeway.Lab.Duo;

/// <summary>
/// A running Duo world: the shared operations (<see cref="RunningWorld"/>) with the VM as the gateway, plus the
/// phones (their stock OpenVPN, counters and tunnel addresses), the café's UDP-drop counter and the VM's clients.
/// </summary>
internal sealed class DuoWorld : RunningWorld
{
    public static readonly WorldKind Kind = new(LabPaths.DuoWorld, DuoTopology.Nodes, DuoTopology.Vm, DuoCheckNames.All, (w, e, s) => new DuoWorld(w, e, s));

    public DuoWorld(LabWorld world, LabEnvironment environment, LabState state)
        : this(world, environment, state, new DuoLayout(world))
    {
    }

    private DuoWorld(LabWorld world, LabEnvironment environment, LabState state, DuoLayout layout)
        : base(world, environment, state, layout)
    {
        DuoLayout = layout;
        Access = new CausewayClientCommands(this);
    }

    public DuoLayout DuoLayout { get; }

    public override Task BuildAsync(bool startGateway, CancellationToken ct) => DuoBuilder.BuildAsync(this, startGateway, ct);

    public override Task<LabCheckReport> CheckAsync(CancellationToken ct) => new DuoChecks(this).RunAsync(ct);

    /// <summary>`causeway client` on the VM.</summary>
    public CausewayClientCommands Access { get; }

    private static readonly IPNetwork Pool = IPNetwork.Parse(DuoTopology.AccessPool);

    // ---- phones ----

    /// <summary>`causeway client add` for a phone, the profile straight into the phone's directory; recorded with its hash.</summary>
    public async Task<LabAccessClient> AddClientAsync(string name, string phone, CancellationToken ct)
    {
        var profile = DuoLayout.PhoneProfile(phone, name);
        await Access.AddAsync(name, profile, ct);
        var client = new LabAccessClient(name, phone, profile, Sha256(Files.ReadAllText(profile)), Time.GetUtcNow());
        SaveState(State.WithAccessClient(client));
        return client;
    }

    /// <summary>The phone's stock `openvpn --config PROFILE`, nothing added.</summary>
    public LabProcessRecord StartPhone(LabAccessClient client) =>
        StartDetached(DuoProcessNames.PhoneOpenVpn(client.Node), client.Node, "openvpn", ["--config", client.ProfilePath], DuoLayout.PhoneOpenVpnLog(client.Node, client.Name));

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
                    EnsureRunning(DuoProcessNames.PhoneOpenVpn(client.Node));
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
                Time,
                ct);
            return (elapsed, listed!, address!);
        }
        catch (TimeoutException e)
        {
            var log = DuoLayout.PhoneOpenVpnLog(client.Node, client.Name);
            throw new TimeoutException(
                $"{e.Message}; the VM lists {listed?.Describe() ?? error ?? "nothing"}; {client.Node}'s tunnel address: {address?.ToString() ?? "none"}; the end of {log}:\n{LogTail(log, 15)}", e);
        }
    }

    /// <summary>The phone's address in the access pool (on its tun device), or null while it has none.</summary>
    public async Task<IPAddress?> TunnelAddressAsync(string phone, CancellationToken ct) =>
        (await Ipv4AddressesAsync(phone, null, ct)).FirstOrDefault(Pool.Contains);

    public Task<NftCounters> PhoneCountersAsync(string phone, CancellationToken ct) =>
        CountersAsync(phone, "inet", DuoTopology.PhoneProbeTable, ct);

    /// <summary>The café router's counters: the UDP packets it dropped.</summary>
    public Task<NftCounters> CafeCountersAsync(CancellationToken ct) =>
        CountersAsync(DuoTopology.Cafe, "inet", DuoTopology.CafeTable, ct);

    /// <summary>Whether an access server's tun device exists on the VM.</summary>
    public async Task<bool> DeviceExistsAsync(string device, CancellationToken ct) =>
        (await Net.TryRunAsync("ip", ["-n", Ns(DuoTopology.Vm), "link", "show", device], ct)).Succeeded;

    public static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
