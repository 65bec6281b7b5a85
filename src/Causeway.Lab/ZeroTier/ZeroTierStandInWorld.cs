using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Causeway.Core.ZeroTier;

namespace Causeway.Lab.ZeroTier;

/// <summary>
/// The simulated node and its controller. Time-driven events (a join's first answer, an authorization's pushed
/// configuration and next request, a deauthorization reaching the member) are queued per membership and applied
/// lazily, before every call, up to the TimeProvider's now: the stand-in needs no timers, so a FakeTimeProvider
/// drives it completely. Thread-safe: one lock around everything.
/// </summary>
internal sealed class ZeroTierStandInWorld
{
    public const string Version = "1.14.1";

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly ZeroTierStandInTimings _timings;
    private readonly ZeroTierStandInNode _node;
    private DateTimeOffset _startedAt;
    private DateTimeOffset _rejoinedAt;
    private readonly SortedDictionary<string, SimulatedControllerNetwork> _controller = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SimulatedMembership> _memberships = new(StringComparer.Ordinal);
    private readonly ImmutableArray<ZeroTierStandInPeer> _peers;
    private long _sequence;

    public ZeroTierStandInWorld(ZeroTierStandInScenario scenario, ZeroTierStandInTimings timings, TimeProvider time)
    {
        _time = time;
        _timings = timings;
        _node = scenario.Node;
        _startedAt = time.GetUtcNow();
        _rejoinedAt = _startedAt;
        NodeAddress = NormalizeAddress(scenario.Node.Address) ?? RandomNodeAddress();
        PublicIdentity = scenario.Node.Identity ?? MadeUpIdentity(NodeAddress);

        var now = _startedAt.ToUnixTimeMilliseconds();
        foreach (var spec in scenario.Networks)
        {
            var id = NormalizeNetworkId(spec.Id);
            if (spec.OnController)
            {
                _controller[id] = CreateControllerNetwork(id, spec, now);
            }

            if (spec.Joined)
            {
                var membership = NewMembership(id, spec.PortDeviceName);
                membership.AllowManaged = spec.AllowManaged;
                membership.AllowGlobal = spec.AllowGlobal;
                membership.AllowDefault = spec.AllowDefault;
                membership.AllowDns = spec.AllowDns;
                membership.StatusOverride = spec.Status;
                membership.PortError = spec.PortError;
                membership.AuthenticationUrl = spec.AuthenticationUrl;
                _memberships[id] = membership;

                // Joined at start = configured already (zerotier-one caches the last configuration on disk).
                Handle(membership, new PendingEvent(_startedAt, _sequence++, PendingEventKind.ConfigurationRequest));
            }
        }

        _peers = scenario.Peers ?? DefaultPeers(scenario);
    }

    public string NodeAddress { get; }

    public string PublicIdentity { get; }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private bool Online => _time.GetUtcNow() - _startedAt >= _timings.OnlineDelay;

    /// <summary>False for a moment after a restart: the API answers, but the saved networks are not rejoined yet.</summary>
    private bool Rejoined => _time.GetUtcNow() >= _rejoinedAt;

    /// <summary>
    /// The daemon (re)starts: offline for a while again, and its joined networks invisible in the API until
    /// <see cref="ZeroTierStandInTimings.RejoinDelay"/> has passed. Their configurations stay (cached on disk).
    /// </summary>
    public void Restart()
    {
        lock (_lock)
        {
            Advance();
            _startedAt = _time.GetUtcNow();
            _rejoinedAt = _startedAt + _timings.RejoinDelay;
        }
    }

    public ZeroTierStatus Status(int port, string homeDirectory)
    {
        lock (_lock)
        {
            var listening = _node.ListeningOn ?? [$"127.0.0.1/{port}"];
            return new ZeroTierStatus
            {
                Address = NodeAddress,
                Clock = Now,
                Config = new ZeroTierStatusConfig
                {
                    Settings = new ZeroTierStatusSettings
                    {
                        AllowSecondaryPort = false,
                        AllowTcpFallbackRelay = _node.AllowTcpFallbackRelay,
                        ForceTcpRelay = false,
                        HomeDir = homeDirectory,
                        ListeningOn = listening,
                        PortMappingEnabled = false,
                        PrimaryPort = port,
                        SecondaryPort = 0,
                        SoftwareUpdate = "disable",
                        SoftwareUpdateChannel = "release",
                        SurfaceAddresses = _node.SurfaceAddresses ?? listening,
                        TertiaryPort = 0,
                    },
                },
                Online = Online,
                PlanetWorldId = _node.PlanetWorldId,
                PlanetWorldTimestamp = _node.PlanetWorldTimestamp,
                PublicIdentity = PublicIdentity,
                TcpFallbackActive = _node.TcpFallbackActive,
                Version = Version,
                VersionBuild = 0,
                VersionMajor = 1,
                VersionMinor = 14,
                VersionRev = 1,
            };
        }
    }

    public ZeroTierHealth Health()
    {
        lock (_lock)
        {
            return new ZeroTierHealth
            {
                Clock = Now,
                Online = Online,
                Version = Version,
                VersionBuild = 0,
                VersionMajor = 1,
                VersionMinor = 14,
                VersionRev = 1,
            };
        }
    }

    public ImmutableArray<ZeroTierNetwork> Networks()
    {
        lock (_lock)
        {
            Advance();
            return Rejoined ? [.. _memberships.Values.Select(m => m.ToRecord())] : [];
        }
    }

    public ZeroTierNetwork? Network(string networkId)
    {
        lock (_lock)
        {
            Advance();
            return Rejoined && _memberships.TryGetValue(networkId, out var membership) ? membership.ToRecord() : null;
        }
    }

    /// <summary>
    /// `POST /network/{nwid}`: joins if needed (the answer says REQUESTING_CONFIGURATION), then applies allow*
    /// settings given as booleans; anything else in the body is ignored, as is a body that does not parse.
    /// </summary>
    public ZeroTierNetwork JoinOrUpdate(string networkId, string body)
    {
        lock (_lock)
        {
            Advance();
            if (!_memberships.TryGetValue(networkId, out var membership))
            {
                membership = NewMembership(networkId, null);
                _memberships[networkId] = membership;
                Schedule(membership, _timings.ConfigurationDelay, PendingEventKind.ConfigurationRequest);
            }

            if (TryParseObject(body) is { } settings)
            {
                membership.AllowManaged = BoolOr(settings, "allowManaged", membership.AllowManaged);
                membership.AllowGlobal = BoolOr(settings, "allowGlobal", membership.AllowGlobal);
                membership.AllowDefault = BoolOr(settings, "allowDefault", membership.AllowDefault);
                membership.AllowDns = BoolOr(settings, "allowDNS", membership.AllowDns);
            }

            return membership.ToRecord();
        }
    }

    public bool Leave(string networkId)
    {
        lock (_lock)
        {
            Advance();
            return _memberships.Remove(networkId);
        }
    }

    /// <summary>Forces this node's view of a joined network to a status (null = back to the simulation).</summary>
    public void ForceStatus(string networkId, string? status)
    {
        lock (_lock)
        {
            Advance();
            if (_memberships.TryGetValue(networkId, out var membership))
            {
                membership.StatusOverride = status;
            }
        }
    }

    public ImmutableArray<ZeroTierPeer> Peers()
    {
        lock (_lock)
        {
            return [.. _peers.Select(ToPeer)];
        }
    }

    public ZeroTierPeer? Peer(string address)
    {
        lock (_lock)
        {
            return _peers.Where(p => string.Equals(p.Address, address, StringComparison.OrdinalIgnoreCase)).Select(ToPeer).FirstOrDefault();
        }
    }

    /// <summary>`GET /controller` is formatted by hand in the daemon (tabs, trailing newline); so it is here.</summary>
    public string ControllerInfo() =>
        $"{{\n\t\"controller\": true,\n\t\"apiVersion\": 4,\n\t\"clock\": {Now},\n\t\"databaseReady\": true\n}}\n";

    public ImmutableArray<string> ControllerNetworkIds()
    {
        lock (_lock)
        {
            return [.. _controller.Keys];
        }
    }

    public ZeroTierControllerNetwork? ControllerNetwork(string networkId)
    {
        lock (_lock)
        {
            Advance();
            return _controller.TryGetValue(networkId, out var network) ? network.ToRecord() : null;
        }
    }

    /// <summary>Create-or-update; members of it that this node is see the change a push delay later.</summary>
    public ZeroTierControllerNetwork PostControllerNetwork(string networkId, JsonElement body)
    {
        lock (_lock)
        {
            Advance();
            var created = !_controller.TryGetValue(networkId, out var network);
            if (network is null)
            {
                network = new SimulatedControllerNetwork(networkId, Now);
                _controller[networkId] = network;
            }

            network.Apply(body);
            network.Revision++;
            if (_memberships.TryGetValue(networkId, out var membership))
            {
                Schedule(
                    membership,
                    created ? _timings.ConfigurationDelay : _timings.ConfigurationPushDelay,
                    created ? PendingEventKind.ConfigurationRequest : PendingEventKind.ConfigurationPush);
            }

            return network.ToRecord();
        }
    }

    /// <summary>`POST /controller/network`: a new network with a random id under this node's address.</summary>
    public ZeroTierControllerNetwork CreateControllerNetwork(JsonElement body)
    {
        string id;
        lock (_lock)
        {
            do
            {
                var suffix = RandomNumberGenerator.GetInt32(1, 1 << 24);
                id = $"{NodeAddress}{suffix:x6}";
            }
            while (_controller.ContainsKey(id));
        }

        return PostControllerNetwork(id, body);
    }

    public ZeroTierControllerNetwork? DeleteControllerNetwork(string networkId)
    {
        lock (_lock)
        {
            Advance();
            if (!_controller.Remove(networkId, out var network))
            {
                return null;
            }

            if (_memberships.TryGetValue(networkId, out var membership))
            {
                Schedule(membership, _timings.ConfigurationPushDelay, PendingEventKind.ConfigurationRequest);
            }

            return network.ToRecord();
        }
    }

    public IReadOnlyDictionary<string, long>? MemberRevisions(string networkId)
    {
        lock (_lock)
        {
            Advance();
            return _controller.TryGetValue(networkId, out var network)
                ? new SortedDictionary<string, long>(network.Members.ToDictionary(m => m.Key, m => m.Value.Revision), StringComparer.Ordinal)
                : null;
        }
    }

    public ZeroTierControllerMember? Member(string networkId, string memberId)
    {
        lock (_lock)
        {
            Advance();
            return _controller.TryGetValue(networkId, out var network) && network.Members.TryGetValue(memberId, out var member)
                ? member.ToRecord()
                : null;
        }
    }

    /// <summary>
    /// `POST .../member/{id}`: null when the network does not exist. When the member is this node, the change
    /// reaches it the way the real daemon showed: an authorization is pushed (OK, no auto-assigned address yet)
    /// and the next request brings the addresses; a deauthorization shows only after a long delay.
    /// </summary>
    public ZeroTierControllerMember? PostMember(string networkId, string memberId, JsonElement body)
    {
        lock (_lock)
        {
            Advance();
            if (!_controller.TryGetValue(networkId, out var network))
            {
                return null;
            }

            if (!network.Members.TryGetValue(memberId, out var member))
            {
                member = new SimulatedMember(networkId, memberId, null, Now);
                network.Members[memberId] = member;
            }

            var wasAuthorized = member.Authorized;
            member.Apply(body, Now);
            member.Revision++;
            if (memberId == NodeAddress && _memberships.TryGetValue(networkId, out var membership))
            {
                if (!wasAuthorized && member.Authorized)
                {
                    Schedule(membership, _timings.ConfigurationPushDelay, PendingEventKind.ConfigurationPush);
                    Schedule(membership, _timings.AddressAssignmentDelay, PendingEventKind.ConfigurationRequest);
                }
                else if (wasAuthorized && !member.Authorized)
                {
                    Schedule(membership, _timings.DeauthorizationDelay, PendingEventKind.Deauthorization);
                }
                else
                {
                    Schedule(membership, _timings.ConfigurationPushDelay, PendingEventKind.ConfigurationPush);
                }
            }

            return member.ToRecord();
        }
    }

    public ZeroTierControllerMember? DeleteMember(string networkId, string memberId)
    {
        lock (_lock)
        {
            Advance();
            if (!_controller.TryGetValue(networkId, out var network) || !network.Members.Remove(memberId, out var member))
            {
                return null;
            }

            if (memberId == NodeAddress && _memberships.TryGetValue(networkId, out var membership))
            {
                Schedule(membership, _timings.DeauthorizationDelay, PendingEventKind.Deauthorization);
            }

            return member.ToRecord();
        }
    }

    private void Schedule(SimulatedMembership membership, TimeSpan delay, PendingEventKind kind) =>
        membership.Pending.Add(new PendingEvent(_time.GetUtcNow() + delay, _sequence++, kind));

    /// <summary>Applies every event that is due, oldest first, each at its own time.</summary>
    private void Advance()
    {
        var now = _time.GetUtcNow();
        foreach (var membership in _memberships.Values)
        {
            while (membership.Pending.Where(e => e.At <= now).MinBy(e => (e.At, e.Sequence)) is { } due)
            {
                membership.Pending.Remove(due);
                Handle(membership, due);
            }
        }
    }

    private void Handle(SimulatedMembership membership, PendingEvent due)
    {
        var at = due.At.ToUnixTimeMilliseconds();
        if (!_controller.TryGetValue(membership.NetworkId, out var network))
        {
            if (due.Kind == PendingEventKind.ConfigurationRequest)
            {
                membership.Config = membership.Config with { Status = ZeroTierNetworkStatusNames.NotFound };
            }

            return;
        }

        network.Members.TryGetValue(NodeAddress, out var member);
        switch (due.Kind)
        {
            case PendingEventKind.ConfigurationRequest:
                if (member is null)
                {
                    // The controller learns a member from its first request, unauthorized unless the network is public.
                    member = new SimulatedMember(network.Id, NodeAddress, PublicIdentity, at) { Revision = 1 };
                    network.Members[NodeAddress] = member;
                }

                member.Identity ??= PublicIdentity;
                membership.Config = network.Serve(member, genuineRequest: true, at)
                    ?? membership.Config with { Status = ZeroTierNetworkStatusNames.AccessDenied };
                break;

            case PendingEventKind.ConfigurationPush:
                if (member is not null && network.Serve(member, genuineRequest: false, at) is { } pushed)
                {
                    membership.Config = pushed;
                }

                break;

            case PendingEventKind.Deauthorization:
                if (member is null || (!member.Authorized && network.Private))
                {
                    // The old address and routes stay; only the status changes (as captured after a deauthorization).
                    membership.Config = membership.Config with { Status = ZeroTierNetworkStatusNames.AccessDenied };
                }

                break;
        }
    }

    private SimulatedMembership NewMembership(string networkId, string? portDeviceName)
    {
        var name = portDeviceName;
        for (var trial = 0; name is null; trial++)
        {
            var candidate = ZeroTierInterfaceName.Derive(networkId, trial);
            if (_memberships.Values.All(m => m.PortDeviceName != candidate))
            {
                name = candidate;
            }
        }

        return new SimulatedMembership(networkId, name, ZeroTierMac.Derive(NodeAddress, networkId));
    }

    private SimulatedControllerNetwork CreateControllerNetwork(string id, ZeroTierStandInNetwork spec, long now)
    {
        var network = new SimulatedControllerNetwork(id, now)
        {
            Name = spec.Name,
            Private = spec.Private,
            EnableBroadcast = spec.EnableBroadcast,
            Mtu = spec.Mtu,
            MulticastLimit = spec.MulticastLimit,
            V4AssignMode = spec.V4AssignMode,
            V6AssignMode = spec.V6AssignMode,
            Revision = 1,
        };
        network.Routes.AddRange(spec.Routes);
        network.Pools.AddRange(spec.IpAssignmentPools);
        if (spec.Dns is not null)
        {
            network.SetDns(spec.Dns);
        }

        foreach (var memberSpec in spec.Members)
        {
            var address = NormalizeAddress(memberSpec.Address)!;
            var identity = memberSpec.Identity ?? (address == NodeAddress ? PublicIdentity : MadeUpIdentity(address));
            var member = new SimulatedMember(id, address, identity, now)
            {
                ActiveBridge = memberSpec.ActiveBridge,
                Name = memberSpec.Name,
                NoAutoAssignIps = memberSpec.NoAutoAssignIps,
                Revision = 1,
            };
            member.IpAssignments.AddRange(memberSpec.IpAssignments);
            if (memberSpec.Authorized)
            {
                member.Authorize(true, now, "api");
                member.Revision = 2;
                if (address != NodeAddress)
                {
                    // Other members are not simulated: they look as if they had sent their request already.
                    member.RecordVersion();
                    member.Revision = 3;
                }
            }

            network.Members[address] = member;
        }

        return network;
    }

    private ZeroTierPeer ToPeer(ZeroTierStandInPeer spec)
    {
        var now = Now;
        var version = spec.Version.Split('.');
        return new ZeroTierPeer
        {
            Address = spec.Address,
            IsBonded = false,
            Latency = spec.Latency,
            Paths = [.. spec.Paths.Select(path => new ZeroTierPeerPath
            {
                Active = true,
                Address = path,
                Expired = false,
                LastReceive = now - 250 + spec.Latency,
                LastSend = now - 250,
                LocalPort = 0,
                LocalSocket = 94912550445056,
                Preferred = true,
                TrustedPathId = 0,
            })],
            Role = spec.Role,
            Tunneled = _node.TcpFallbackActive,
            Version = spec.Version,
            VersionMajor = version.Length > 0 && int.TryParse(version[0], out var major) ? major : -1,
            VersionMinor = version.Length > 1 && int.TryParse(version[1], out var minor) ? minor : -1,
            VersionRev = version.Length > 2 && int.TryParse(version[2], out var rev) ? rev : -1,
        };
    }

    private ImmutableArray<ZeroTierStandInPeer> DefaultPeers(ZeroTierStandInScenario scenario)
    {
        var peers = new SortedDictionary<string, ZeroTierStandInPeer>(StringComparer.Ordinal);
        foreach (var network in scenario.Networks)
        {
            var controller = ZeroTierIdentifiers.ControllerAddressOf(network.Id);
            if (controller != NodeAddress)
            {
                peers[controller] = new ZeroTierStandInPeer { Address = controller, Role = "PLANET", Latency = 1, Paths = ["127.0.0.1/9993"] };
            }

            foreach (var member in network.Members)
            {
                var address = NormalizeAddress(member.Address)!;
                if (address != NodeAddress && !peers.ContainsKey(address))
                {
                    peers[address] = new ZeroTierStandInPeer { Address = address, Role = "LEAF", Latency = 1, Paths = ["127.0.0.1/9993"] };
                }
            }
        }

        return [.. peers.Values];
    }

    private static JsonElement? TryParseObject(string body)
    {
        try
        {
            var parsed = ControllerJson.Parse(body);
            return parsed.ValueKind == JsonValueKind.Object ? parsed : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The local API takes booleans only; a key of another type is ignored.</summary>
    private static bool BoolOr(JsonElement settings, string key, bool current) =>
        settings.TryGetProperty(key, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : current;

    private static string NormalizeNetworkId(string id) =>
        ZeroTierIdentifiers.IsNetworkId(id)
            ? id.ToLowerInvariant()
            : throw new InvalidDataException($"scenario: network id '{id}' is not 16 hex digits");

    private static string? NormalizeAddress(string? address) =>
        address is null ? null
        : ZeroTierIdentifiers.IsNodeAddress(address) ? address.ToLowerInvariant()
        : throw new InvalidDataException($"scenario: node address '{address}' is not 10 hex digits");

    private static string RandomNodeAddress()
    {
        while (true)
        {
            var bytes = RandomNumberGenerator.GetBytes(5);

            // 0 and addresses starting with ff are reserved in ZeroTier.
            if (bytes[0] != 0xFF && bytes.Any(b => b != 0))
            {
                return Convert.ToHexStringLower(bytes);
            }
        }
    }

    /// <summary>The shape of a real identity (`address:0:` + 64 bytes of public keys), not a valid one.</summary>
    private static string MadeUpIdentity(string address) =>
        $"{address}:0:{Convert.ToHexStringLower(SHA512.HashData(Encoding.ASCII.GetBytes(address)))}";
}
