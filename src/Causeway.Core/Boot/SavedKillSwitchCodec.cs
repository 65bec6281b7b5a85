using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Causeway.Core.Config;
using Causeway.Core.Planning;

namespace Causeway.Core.Boot;

/// <summary>
/// The saved kill switch to and from JSON. Reading refuses anything that is not the shape `causeway up` writes, each
/// value checked as the config loader checks the key it came from (names, networks written exactly as the planner
/// writes them, ranges, counts), and last the planner itself must plan it: what is read is root's input at early boot.
/// </summary>
public static class SavedKillSwitchCodec
{
    /// <summary>The file's bound: a saved kill switch is about a kilobyte; even the largest this reader takes is under 40 KiB.</summary>
    public const long MaxBytes = 64 << 10;

    /// <summary>Bounds of the lists: far above what a real overlay, LAN list or access section has.</summary>
    public const int MaxNetworks = 64;

    public const int MaxAddresses = 64;

    public const int MaxAccessDevices = 2;

    /// <summary>What [instance] rule_priority takes: the catch-all at priority + 1 stays below main's 32766.</summary>
    private const int MaxRulePriority = 32764;

    /// <summary>
    /// The saved form of the inputs, planned by the caller with the tunnel down (so that DNS is fallback_dns, not what
    /// the provider pushed), always without the egress's state or the tunnel's address (<see cref="BootPlan.AtBoot"/>).
    /// </summary>
    public static string Write(PlanningInputs inputs)
    {
        var boot = BootPlan.AtBoot(inputs);
        var saved = new SavedKillSwitch(
            SavedKillSwitch.CurrentVersion,
            new SavedInstanceNames(boot.Owned.InstanceName, boot.Owned.NftTable, boot.Owned.RouteTable, boot.Owned.RulePriority),
            [.. boot.Clients.Select(Save)],
            new SavedEgress(boot.Egress.DeviceName, boot.Egress.Gateway?.ToString(), boot.Egress.Mtu),
            Networks(boot.AllowedLans),
            boot.MasqueradeLans,
            boot.Dns?.ToString(),
            boot.Access is { } access
                ? new SavedAccess(
                    [.. access.Devices.Select(Save)],
                    access.Pool.ToString(),
                    access.ToEgress,
                    access.ToClients,
                    access.MasqueradeToClients,
                    access.AmongThemselves,
                    access.ClampedDevices.IsDefault ? [] : access.ClampedDevices,
                    access.ClampedMss,
                    Addresses(access.ServerAddresses))
                : null);
        return JsonSerializer.Serialize(saved, BootJsonContext.Default.SavedKillSwitch) + "\n";
    }

    /// <summary>The inputs the bytes describe, or every problem found (each naming the member, e.g. "clients[0].device").</summary>
    public static SavedKillSwitchRead Read(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxBytes)
        {
            return Refused($"it is {json.Length} bytes, more than the {MaxBytes} a saved kill switch ever needs");
        }

        SavedKillSwitch? saved;
        try
        {
            saved = JsonSerializer.Deserialize(json, BootJsonContext.Default.SavedKillSwitch);
        }
        catch (JsonException e)
        {
            return Refused($"it is not the JSON `causeway up` writes: {e.Message}");
        }

        if (saved is null)
        {
            return Refused("it is `null`, not the JSON `causeway up` writes");
        }

        if (saved.Version != SavedKillSwitch.CurrentVersion)
        {
            return Refused($"version {saved.Version} is not one this causeway reads ({SavedKillSwitch.CurrentVersion}); was it written by another version?");
        }

        var reader = new Validation();
        var inputs = reader.Inputs(saved);
        if (reader.Problems.Count > 0 || inputs is null)
        {
            return new SavedKillSwitchRead(null, reader.Problems.ToImmutable());
        }

        try
        {
            // The planner's own checks last: the inputs must give a plan (and a ruleset nft can take) as they are.
            BootPlan.For(inputs);
        }
        catch (ArgumentException e)
        {
            return Refused(e.Message);
        }

        return new SavedKillSwitchRead(inputs, []);
    }

    private static SavedKillSwitchRead Refused(string problem) => new(null, [problem]);

    private static SavedClientInterface Save(ClientInterface client) =>
        new(client.Name, Networks(client.Subnets), Addresses(client.LocalAddresses), client.Mtu);

    private static ImmutableArray<string> Networks(ImmutableArray<IPNetwork> networks) =>
        networks.IsDefault ? [] : [.. networks.Select(n => n.ToString())];

    private static ImmutableArray<string> Addresses(ImmutableArray<IPAddress> addresses) =>
        addresses.IsDefault ? [] : [.. addresses.Select(a => a.ToString())];

    /// <summary>One read's checks, collecting every problem rather than stopping at the first.</summary>
    private sealed class Validation
    {
        public ImmutableArray<string>.Builder Problems { get; } = ImmutableArray.CreateBuilder<string>();

        public PlanningInputs? Inputs(SavedKillSwitch saved)
        {
            var owned = Owned(saved.Instance);
            if (saved.Clients.Length != 1)
            {
                Problem("clients", $"has {saved.Clients.Length} entries; `causeway up` saves exactly one, the overlay's");
            }

            var clients = saved.Clients.Select((c, i) => Client($"clients[{i}]", c)).ToImmutableArray();
            var lans = NetworkList("allowed_lans", saved.AllowedLans, MaxNetworks);
            var dns = saved.Dns is null ? null : Address("dns", saved.Dns);
            if (dns is { AddressFamily: not AddressFamily.InterNetwork })
            {
                Problem("dns", $"\"{saved.Dns}\" is not an IPv4 address (DNS is redirected with `dnat ip to`)");
            }

            var access = saved.Access is null ? null : Access(saved.Access);
            var egress = Egress(saved.Egress, clients, access);
            return Problems.Count == 0 && owned is not null && egress is not null
                ? new PlanningInputs(owned, clients, egress, lans, saved.MasqueradeLans, dns) { Access = access }
                : null;
        }

        private OwnedNames? Owned(SavedInstanceNames names)
        {
            var before = Problems.Count;
            if (!InstanceNames.IsValid(names.Name))
            {
                Problem("instance.name", $"\"{names.Name}\" is not an instance name ({InstanceNames.Rule})");
            }

            if (NftIdentifiers.Problem(names.NftTable) is { } nftProblem)
            {
                Problem("instance.nft_table", $"\"{names.NftTable}\" {nftProblem}");
            }

            if (names.RouteTable < 1 || names.RouteTable is 253 or 254 or 255)
            {
                Problem("instance.route_table", $"{names.RouteTable} is not a table Causeway may own (1 or more, not the kernel's 253, 254, 255)");
            }

            if (names.RulePriority is < 1 or > MaxRulePriority)
            {
                Problem("instance.rule_priority", $"{names.RulePriority} is outside 1 to {MaxRulePriority}");
            }

            return Problems.Count == before ? new OwnedNames(names.Name, names.NftTable, names.RouteTable, names.RulePriority) : null;
        }

        private ClientInterface Client(string member, SavedClientInterface saved)
        {
            Device($"{member}.device", saved.Device);
            return new ClientInterface(
                saved.Device,
                NetworkList($"{member}.subnets", saved.Subnets, MaxNetworks),
                AddressList($"{member}.addresses", saved.Addresses))
            {
                Mtu = Mtu($"{member}.mtu", saved.Mtu),
            };
        }

        private AccessInputs? Access(SavedAccess saved)
        {
            if (saved.Devices.Length is 0 or > MaxAccessDevices)
            {
                Problem("access.devices", $"has {saved.Devices.Length} entries; `causeway up` saves one per access server (1 or {MaxAccessDevices})");
            }

            var devices = saved.Devices.Select((d, i) => Client($"access.devices[{i}]", d)).ToImmutableArray();
            var pool = Network("access.pool", saved.Pool);
            if (pool is { } p && Families.Of(p) != AddressFamily.InterNetwork)
            {
                Problem("access.pool", $"\"{saved.Pool}\" is not an IPv4 network");
            }

            foreach (var device in saved.ClampedDevices.Where(d => !saved.Devices.Any(s => s.Device == d)))
            {
                Problem("access.clamped_devices", $"\"{device}\" is not one of access.devices");
            }

            if (saved.ClampedMss is < MssBudget.MinimumMss or > ushort.MaxValue)
            {
                Problem("access.clamped_mss", $"{saved.ClampedMss} is outside {MssBudget.MinimumMss} to {ushort.MaxValue}");
            }

            var servers = AddressList("access.server_addresses", saved.ServerAddresses);
            foreach (var server in servers.Where(a => pool is { } within && !within.Contains(a)))
            {
                Problem("access.server_addresses", $"{server} is outside the pool {saved.Pool}");
            }

            return pool is { } network
                ? new AccessInputs(devices, network, saved.ToEgress, saved.ToClients, saved.MasqueradeToClients, saved.AmongThemselves, saved.ClampedDevices, saved.ClampedMss)
                {
                    ServerAddresses = servers,
                }
                : null;
        }

        private Egress? Egress(SavedEgress saved, ImmutableArray<ClientInterface> clients, AccessInputs? access)
        {
            var before = Problems.Count;
            Device("egress.device", saved.Device);
            var gateway = saved.Gateway is null ? null : Address("egress.gateway", saved.Gateway);
            var isClient = clients.Any(c => c.Name == saved.Device) || (access?.Devices.Any(d => d.Name == saved.Device) ?? false);
            if (saved.Gateway is null && isClient)
            {
                Problem("egress.device", $"\"{saved.Device}\" is also a client interface; only an overlay gateway's egress is the overlay's device");
            }
            else if (saved.Gateway is not null && !clients.Any(c => c.Name == saved.Device))
            {
                Problem("egress.device", $"\"{saved.Device}\" is not the overlay's device, which an overlay gateway's egress is");
            }

            var mtu = Mtu("egress.mtu", saved.Mtu);
            return Problems.Count == before ? new Egress(saved.Device, Usable: false, gateway) { Mtu = mtu } : null;
        }

        private void Device(string member, string name)
        {
            if (InterfaceNames.Problem(name) is { } problem)
            {
                Problem(member, $"\"{name}\" {problem}");
            }
        }

        private int? Mtu(string member, int? mtu)
        {
            if (mtu is < 68 or > ushort.MaxValue)
            {
                Problem(member, $"{mtu} is not an MTU (68 to {ushort.MaxValue})");
            }

            return mtu;
        }

        private ImmutableArray<IPNetwork> NetworkList(string member, ImmutableArray<string> texts, int max)
        {
            if (texts.Length > max)
            {
                Problem(member, $"has {texts.Length} entries, more than {max}");
                return [];
            }

            var networks = ImmutableArray.CreateBuilder<IPNetwork>();
            for (var i = 0; i < texts.Length; i++)
            {
                if (Network($"{member}[{i}]", texts[i]) is { } network)
                {
                    networks.Add(network);
                }
            }

            return networks.ToImmutable();
        }

        private ImmutableArray<IPAddress> AddressList(string member, ImmutableArray<string> texts)
        {
            if (texts.Length > MaxAddresses)
            {
                Problem(member, $"has {texts.Length} entries, more than {MaxAddresses}");
                return [];
            }

            var addresses = ImmutableArray.CreateBuilder<IPAddress>();
            for (var i = 0; i < texts.Length; i++)
            {
                if (Address($"{member}[{i}]", texts[i]) is { } address)
                {
                    addresses.Add(address);
                }
            }

            return addresses.ToImmutable();
        }

        /// <summary>A network exactly as the planner writes it ("10.222.0.0/24", "fdcc:ca5e::/64"): nothing that means something else.</summary>
        private IPNetwork? Network(string member, string text)
        {
            if (!NetworkText.TryParseNetwork(text, out var network, out var problem, out _))
            {
                Problem(member, $"\"{text}\" {problem}");
                return null;
            }

            if (network.ToString() != text)
            {
                Problem(member, $"\"{text}\" is not written as Causeway writes it (\"{network}\")");
                return null;
            }

            return network;
        }

        private IPAddress? Address(string member, string text)
        {
            if (!NetworkText.TryParseAddress(text, out var address) || address.ToString() != text)
            {
                Problem(member, $"\"{text}\" is not an IP address as Causeway writes one");
                return null;
            }

            return address;
        }

        private void Problem(string member, string problem) => Problems.Add($"{member}: {problem}");
    }
}
