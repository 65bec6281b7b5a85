using System.Collections.Immutable;
using System.Text.Json;
using Causeway.Core.ZeroTier;

namespace Causeway.Lab.ZeroTier;

/// <summary>
/// The stand-in's world: this node, the networks (their controller side and this node's membership) and peers.
/// Read from a JSON file (camelCase keys, comments allowed, unknown keys rejected) or built in code.
/// <code>
/// { "node": { "address": "fa8d1d33a9" },
///   "networks": [ { "id": "2f5042fc3b08bd2e", "name": "zt-acceptance",
///                   "routes": [ { "target": "10.222.0.0/24", "via": null } ],
///                   "members": [ { "address": "fa8d1d33a9", "authorized": true, "ipAssignments": [ "10.222.0.1" ] } ] } ] }
/// </code>
/// </summary>
public sealed record ZeroTierStandInScenario
{
    public ZeroTierStandInNode Node { get; init; } = new();

    public ImmutableArray<ZeroTierStandInNetwork> Networks { get; init; } = [];

    /// <summary>null = the networks' controllers (as PLANET, like the captures' private planet) and their other members.</summary>
    public ImmutableArray<ZeroTierStandInPeer>? Peers { get; init; }

    /// <summary>null = <see cref="ZeroTierStandInTimings.Default"/> (options may override).</summary>
    public ZeroTierStandInTimings? Timings { get; init; }

    public const string CapturedNetworkId = "2f5042fc3b08bd2e";
    public const string CapturedGatewayAddress = "fa8d1d33a9";
    public const string CapturedDeviceAddress = "e3e71b4b86";

    /// <summary>Reads a scenario file; errors name the file and what is wrong.</summary>
    public static ZeroTierStandInScenario Parse(string json, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ZeroTierStandInJsonContext.Default.ZeroTierStandInScenario)
                ?? throw new InvalidDataException($"{path}: the scenario is null");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"{path}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : path;
            throw new InvalidDataException($"{where}: not a ZeroTier stand-in scenario: {e.Message}", e);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, ZeroTierStandInJsonContext.Default.ZeroTierStandInScenario);

    /// <summary>
    /// The world the reference captures come from, seen from the gateway member fa8d1d33a9: network
    /// 2f5042fc3b08bd2e "zt-acceptance" (10.222.0.0/24, pool .10-.250), the gateway at 10.222.0.1 and the device
    /// e3e71b4b86 at 10.222.0.192, both authorized; controller 2f5042fc3b.
    /// </summary>
    public static ZeroTierStandInScenario Captured() => new()
    {
        Node = new ZeroTierStandInNode
        {
            Address = CapturedGatewayAddress,
            Identity = "fa8d1d33a9:0:bdc17a052a93df337d65ac775c8ececaa588a056b77eecdcabc4fd7a7fb28204bcafa1d4efd5ca74b52111527e7a0ecae730a88a9d3e9cd76e82ef538633455f",
            PlanetWorldId = 7777777,
            PlanetWorldTimestamp = 1795594847820,
            AllowTcpFallbackRelay = false,
            ListeningOn = ["172.16.50.1/9993", "10.199.0.2/9993"],
            SurfaceAddresses = ["10.199.0.2/9993"],
        },
        Networks =
        [
            new ZeroTierStandInNetwork
            {
                Id = CapturedNetworkId,
                Name = "zt-acceptance",
                Routes = [new ZeroTierControllerRoute("10.222.0.0/24", null)],
                IpAssignmentPools = [new ZeroTierIpAssignmentPool(IpRangeEnd: "10.222.0.250", IpRangeStart: "10.222.0.10")],
                V4AssignMode = new ZeroTierV4AssignMode { Zt = true },
                Members =
                [
                    new ZeroTierStandInMember { Address = CapturedGatewayAddress, Authorized = true, IpAssignments = ["10.222.0.1"] },
                    new ZeroTierStandInMember
                    {
                        Address = CapturedDeviceAddress,
                        Authorized = true,
                        IpAssignments = ["10.222.0.192"],
                        Identity = "e3e71b4b86:0:915e3533caa571faf1e1b293a73d6353e75dc672bb3b8a0e632898ca027f5945020ef6eaf889d3015bfaf6e329f3fafc9ae961baafa58644fcde0ec5a91e7d65",
                    },
                ],
            },
        ],
        Peers =
        [
            new ZeroTierStandInPeer { Address = "2f5042fc3b", Role = "PLANET", Latency = 20, Paths = ["10.199.0.1/9993"] },
            new ZeroTierStandInPeer { Address = CapturedDeviceAddress, Role = "LEAF", Latency = 2, Paths = ["10.199.0.3/9993"] },
        ],
    };

    /// <summary>
    /// The Uno lab's gateway (docs/architecture.md): the captured network with IPv6 (fdcc:ca5e::/64) and the
    /// managed default route via the gateway, 10.222.0.1; the laptop e3e71b4b86 at 10.222.0.192 / fdcc:ca5e::c0.
    /// </summary>
    public static ZeroTierStandInScenario LabUnoGateway()
    {
        var captured = Captured();
        var network = captured.Networks[0] with
        {
            Routes =
            [
                new ZeroTierControllerRoute("10.222.0.0/24", null),
                new ZeroTierControllerRoute("fdcc:ca5e::/64", null),
                new ZeroTierControllerRoute("0.0.0.0/0", "10.222.0.1"),
            ],
            Members =
            [
                new ZeroTierStandInMember { Address = CapturedGatewayAddress, Authorized = true, IpAssignments = ["10.222.0.1", "fdcc:ca5e::1"] },
                new ZeroTierStandInMember { Address = CapturedDeviceAddress, Authorized = true, IpAssignments = ["10.222.0.192", "fdcc:ca5e::c0"] },
            ],
        };
        return captured with
        {
            Node = captured.Node with { ListeningOn = null, SurfaceAddresses = null, PlanetWorldId = 149604618, PlanetWorldTimestamp = 1644592324813 },
            Networks = [network],
        };
    }

    /// <summary>
    /// The Duo lab's VM: Uno's network without the managed default route, and with a managed route for the access
    /// pool via the VM instead (what lets overlay members reach the phones): 10.9.0.0/24 via 10.222.0.1.
    /// </summary>
    public static ZeroTierStandInScenario LabDuoVm(string accessPool)
    {
        var uno = LabUnoGateway();
        var network = uno.Networks[0] with
        {
            Routes =
            [
                new ZeroTierControllerRoute("10.222.0.0/24", null),
                new ZeroTierControllerRoute("fdcc:ca5e::/64", null),
                new ZeroTierControllerRoute(accessPool, "10.222.0.1"),
            ],
        };
        return uno with { Networks = [network] };
    }

    /// <summary>
    /// The Dinosaur lab's network, seen from one of its members (<paramref name="self"/>: the sbc's or the VM's
    /// stand-in): Uno's network with the VM as a third member, the managed default route via the sbc (10.222.0.1)
    /// and the access pool's via the VM, the network's <paramref name="mtu"/>, and every other member as a direct peer
    /// at its uplink address (<paramref name="underlay"/>: ZeroTier address to `ip/port`).
    /// </summary>
    public static ZeroTierStandInScenario LabDinosaur(
        string self, string vm, IReadOnlyList<string> vmAddresses, string accessPool, int mtu, IReadOnlyDictionary<string, string> underlay)
    {
        var uno = LabUnoGateway();
        var network = uno.Networks[0] with
        {
            Mtu = mtu,
            Routes =
            [
                new ZeroTierControllerRoute("10.222.0.0/24", null),
                new ZeroTierControllerRoute("fdcc:ca5e::/64", null),
                new ZeroTierControllerRoute("0.0.0.0/0", "10.222.0.1"),
                new ZeroTierControllerRoute(accessPool, vmAddresses[0]),
            ],
            Members = [.. uno.Networks[0].Members, new ZeroTierStandInMember { Address = vm, Authorized = true, IpAssignments = [.. vmAddresses] }],
        };
        return uno with
        {
            Node = uno.Node with { Address = self, Identity = null },
            Networks = [network],
            Peers =
            [
                new ZeroTierStandInPeer { Address = ZeroTierIdentifiers.ControllerAddressOf(network.Id), Role = "PLANET", Latency = 20, Paths = ["127.0.0.1/9993"] },
                .. underlay.Where(p => p.Key != self).OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => new ZeroTierStandInPeer { Address = p.Key, Role = "LEAF", Latency = 1, Paths = [p.Value] }),
            ],
        };
    }
}
