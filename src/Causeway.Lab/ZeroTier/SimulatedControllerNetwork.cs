using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Causeway.Core.ZeroTier;

namespace Causeway.Lab.ZeroTier;

/// <summary>
/// A network on the simulated controller, with the parts of EmbeddedNetworkController that decide what a member
/// gets: authorization, routes, and addresses (explicit, rfc4193/6plane, and pool auto-assignment with the
/// controller's own algorithm, so the addresses match the captures).
/// </summary>
internal sealed class SimulatedControllerNetwork(string id, long creationTime)
{
    private static readonly JsonElement EmptyArray = ControllerJson.Parse("[]");
    private static readonly JsonElement DefaultAuthTokens = ControllerJson.Parse("[null]");
    private static readonly JsonElement AcceptAllRule = ControllerJson.Parse("""{"not":false,"or":false,"type":"ACTION_ACCEPT"}""");

    public string Id { get; } = id;

    public long CreationTime { get; } = creationTime;

    public string Name { get; set; } = "";

    public bool Private { get; set; } = true;

    public bool EnableBroadcast { get; set; } = true;

    public int Mtu { get; set; } = 2800;

    public int MulticastLimit { get; set; } = 32;

    public int RemoteTraceLevel { get; set; }

    public string? RemoteTraceTarget { get; set; }

    public long Revision { get; set; }

    public List<ZeroTierControllerRoute> Routes { get; } = [];

    public List<ZeroTierIpAssignmentPool> Pools { get; } = [];

    public ZeroTierV4AssignMode V4AssignMode { get; set; } = new();

    public ZeroTierV6AssignMode V6AssignMode { get; set; } = new();

    /// <summary>`[]` until a dns object is posted.</summary>
    public JsonElement Dns { get; set; } = EmptyArray;

    public JsonElement AuthTokens { get; set; } = DefaultAuthTokens;

    public ImmutableArray<JsonElement> Rules { get; set; } = [AcceptAllRule];

    public ImmutableArray<JsonElement> Tags { get; set; } = [];

    public ImmutableArray<JsonElement> Capabilities { get; set; } = [];

    public SortedDictionary<string, SimulatedMember> Members { get; } = new(StringComparer.Ordinal);

    public ZeroTierControllerNetwork ToRecord() => new()
    {
        AuthTokens = AuthTokens,
        AuthorizationEndpoint = "",
        Capabilities = Capabilities,
        ClientId = "",
        CreationTime = CreationTime,
        Dns = Dns,
        EnableBroadcast = EnableBroadcast,
        Id = Id,
        IpAssignmentPools = [.. Pools],
        Mtu = Mtu,
        MulticastLimit = MulticastLimit,
        Name = Name,
        Nwid = Id,
        Private = Private,
        RemoteTraceLevel = RemoteTraceLevel,
        RemoteTraceTarget = RemoteTraceTarget,
        Revision = Revision,
        Routes = [.. Routes],
        Rules = Rules,
        RulesSource = "",
        SsoEnabled = false,
        Tags = Tags,
        V4AssignMode = V4AssignMode,
        V6AssignMode = V6AssignMode,
    };

    /// <summary>Applies a `POST /controller/network/{nwid}` body: present keys only; arrays replaced whole.</summary>
    public void Apply(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (body.TryGetProperty("name", out var value))
        {
            Name = ControllerJson.String(value, "");
        }

        if (body.TryGetProperty("private", out value))
        {
            Private = ControllerJson.Bool(value, true);
        }

        if (body.TryGetProperty("enableBroadcast", out value))
        {
            EnableBroadcast = ControllerJson.Bool(value, false);
        }

        if (body.TryGetProperty("multicastLimit", out value))
        {
            MulticastLimit = (int)ControllerJson.Int(value, 32);
        }

        if (body.TryGetProperty("mtu", out value))
        {
            Mtu = (int)Math.Clamp(ControllerJson.Int(value, 2800), 1280, 10000);
        }

        if (body.TryGetProperty("remoteTraceTarget", out value))
        {
            var target = ControllerJson.String(value, "");
            RemoteTraceTarget = target.Length == 10 ? target : null;
        }

        if (body.TryGetProperty("remoteTraceLevel", out value))
        {
            RemoteTraceLevel = (int)ControllerJson.Int(value, 0);
        }

        if (body.TryGetProperty("v4AssignMode", out value))
        {
            V4AssignMode = new ZeroTierV4AssignMode
            {
                Zt = value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString() == "zt",
                    JsonValueKind.Object => value.TryGetProperty("zt", out var zt) && ControllerJson.Bool(zt, false),
                    _ => false,
                },
            };
        }

        if (body.TryGetProperty("v6AssignMode", out value))
        {
            V6AssignMode = value.ValueKind switch
            {
                JsonValueKind.String => ParseV6Modes(value.GetString() ?? ""),
                JsonValueKind.Object => new ZeroTierV6AssignMode
                {
                    SixPlane = value.TryGetProperty("6plane", out var p) && ControllerJson.Bool(p, false),
                    Rfc4193 = value.TryGetProperty("rfc4193", out var r) && ControllerJson.Bool(r, false),
                    Zt = value.TryGetProperty("zt", out var z) && ControllerJson.Bool(z, false),
                },
                _ => new ZeroTierV6AssignMode(),
            };
        }

        if (body.TryGetProperty("routes", out value) && value.ValueKind == JsonValueKind.Array)
        {
            Routes.Clear();
            foreach (var route in value.EnumerateArray())
            {
                if (route.ValueKind == JsonValueKind.Object
                    && route.TryGetProperty("target", out var target)
                    && target.ValueKind == JsonValueKind.String
                    && ZeroTierAddressText.TryParseAddressWithPrefix(target.GetString(), out var targetIp, out var bits))
                {
                    string? via = null;
                    if (route.TryGetProperty("via", out var viaValue)
                        && viaValue.ValueKind == JsonValueKind.String
                        && IPAddress.TryParse(viaValue.GetString(), out var viaIp)
                        && viaIp.AddressFamily == targetIp.AddressFamily)
                    {
                        via = viaIp.ToString();
                    }

                    Routes.Add(new ZeroTierControllerRoute($"{targetIp}/{bits}", via));
                }
            }
        }

        if (body.TryGetProperty("ipAssignmentPools", out value) && value.ValueKind == JsonValueKind.Array)
        {
            Pools.Clear();
            foreach (var pool in value.EnumerateArray())
            {
                if (pool.ValueKind == JsonValueKind.Object
                    && pool.TryGetProperty("ipRangeStart", out var start)
                    && pool.TryGetProperty("ipRangeEnd", out var end)
                    && IPAddress.TryParse(ControllerJson.String(start, ""), out var startIp)
                    && IPAddress.TryParse(ControllerJson.String(end, ""), out var endIp)
                    && startIp.AddressFamily == endIp.AddressFamily)
                {
                    Pools.Add(new ZeroTierIpAssignmentPool(IpRangeEnd: endIp.ToString(), IpRangeStart: startIp.ToString()));
                }
            }
        }

        if (body.TryGetProperty("rules", out value) && value.ValueKind == JsonValueKind.Array)
        {
            Rules = [.. value.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object).Select(r => r.Clone())];
        }

        if (body.TryGetProperty("tags", out value) && value.ValueKind == JsonValueKind.Array)
        {
            Tags = [.. value.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Object).Select(t => t.Clone())];
        }

        if (body.TryGetProperty("capabilities", out value) && value.ValueKind == JsonValueKind.Array)
        {
            Capabilities = [.. value.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object).Select(c => c.Clone())];
        }

        if (body.TryGetProperty("authTokens", out value))
        {
            AuthTokens = value.ValueKind == JsonValueKind.Object ? value.Clone() : DefaultAuthTokens;
        }

        if (body.TryGetProperty("dns", out value) && value.ValueKind == JsonValueKind.Object)
        {
            var domain = value.TryGetProperty("domain", out var d) ? d.GetRawText() : "null";
            var servers = value.TryGetProperty("servers", out var s) && s.ValueKind == JsonValueKind.Array
                ? $",\"servers\":{s.GetRawText()}"
                : "";
            Dns = ControllerJson.Parse($"{{\"domain\":{domain}{servers}}}");
        }
    }

    public void SetDns(ZeroTierNetworkDns dns) =>
        Dns = ControllerJson.Parse(JsonSerializer.Serialize(dns, ZeroTierJsonContext.Default.ZeroTierNetworkDns));

    /// <summary>
    /// Serves a configuration to <paramref name="member"/> (EmbeddedNetworkController::_request): null = access
    /// denied. A genuine request (not a push after a change) records the member's version and auto-assigns
    /// addresses from the pools; the stand-in does the latter only then, as observed on the real daemon.
    /// </summary>
    public DeliveredNetworkConfig? Serve(SimulatedMember member, bool genuineRequest, long now)
    {
        var changed = false;
        if (!member.Authorized && !Private)
        {
            member.Authorize(true, now, "public");
            changed = true;
        }

        if (!member.Authorized)
        {
            return null;
        }

        if (genuineRequest)
        {
            changed |= member.RecordVersion();
        }

        var routes = Routes.Select(r => new ZeroTierNetworkRoute(0, 0, r.Target, r.Via)).ToImmutableArray();
        var assigned = new List<string>();
        if (!member.NoAutoAssignIps)
        {
            var nodeAddress = ZeroTierIdentifiers.ParseNodeAddress(member.Address);
            var nwid = ZeroTierIdentifiers.ParseNetworkId(Id);
            if (V6AssignMode.Rfc4193)
            {
                assigned.Add($"{Rfc4193(nwid, nodeAddress)}/88");
            }

            if (V6AssignMode.SixPlane)
            {
                assigned.Add($"{SixPlane(nwid, nodeAddress)}/40");
            }
        }

        var haveV4 = false;
        var haveV6 = false;
        foreach (var text in member.IpAssignments)
        {
            if (!IPAddress.TryParse(text, out var ip))
            {
                continue;
            }

            var bits = -1;
            foreach (var route in Routes)
            {
                if (ZeroTierAddressText.TryParseAddressWithPrefix(route.Target, out var target, out var targetBits)
                    && Contains(target, targetBits, ip))
                {
                    bits = Math.Max(bits, targetBits);
                }
            }

            if (bits >= 0)
            {
                assigned.Add($"{ip}/{bits}");
                haveV4 |= ip.AddressFamily == AddressFamily.InterNetwork;
                haveV6 |= ip.AddressFamily == AddressFamily.InterNetworkV6;
            }
        }

        if (genuineRequest && !member.NoAutoAssignIps && !haveV4 && V4AssignMode.Zt && AssignIpv4(member) is { } v4)
        {
            assigned.Add(v4);
            changed = true;
        }

        if (genuineRequest && !member.NoAutoAssignIps && !haveV6 && V6AssignMode.Zt && AssignIpv6(member) is { } v6)
        {
            assigned.Add(v6);
            changed = true;
        }

        if (changed)
        {
            member.Revision++;
        }

        var dns = Dns.ValueKind == JsonValueKind.Object
            ? new ZeroTierNetworkDns
            {
                Domain = Dns.TryGetProperty("domain", out var domain) ? ControllerJson.String(domain, "") : "",
                Servers = Dns.TryGetProperty("servers", out var servers) && servers.ValueKind == JsonValueKind.Array
                    ? [.. servers.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!)]
                    : [],
            }
            : new ZeroTierNetworkDns();
        return new DeliveredNetworkConfig(
            ZeroTierNetworkStatusNames.Ok, Name, Private, Mtu, EnableBroadcast, member.ActiveBridge, Revision,
            routes, [.. assigned], dns);
    }

    /// <summary>The controller's IPv4 pool algorithm: start at (address mod range), skip .255 and taken ones.</summary>
    private string? AssignIpv4(SimulatedMember member)
    {
        var taken = TakenAddresses();
        foreach (var pool in Pools)
        {
            if (!IPAddress.TryParse(pool.IpRangeStart, out var startIp) || !IPAddress.TryParse(pool.IpRangeEnd, out var endIp)
                || startIp.AddressFamily != AddressFamily.InterNetwork || endIp.AddressFamily != AddressFamily.InterNetwork)
            {
                continue;
            }

            var start = ToUInt32(startIp);
            var end = ToUInt32(endIp);
            if (end < start || start == 0)
            {
                continue;
            }

            var length = end - start;
            var counter = (uint)(ZeroTierIdentifiers.ParseNodeAddress(member.Address) & 0xFFFF_FFFF);
            for (uint k = start, trial = 0; k <= end && trial < 1000; k++, trial++)
            {
                var ip = length > 0 ? start + (counter % length) : start;
                counter++;
                if ((ip & 0xFF) == 0xFF)
                {
                    continue;
                }

                var bits = RoutedIpv4Bits(ip);
                var text = FromUInt32(ip).ToString();
                if (bits > 0 && !taken.Contains(text) && !member.IpAssignments.Contains(text))
                {
                    member.IpAssignments.Add(text);
                    return $"{text}/{bits}";
                }

                if (k == uint.MaxValue)
                {
                    break;
                }
            }
        }

        return null;
    }

    /// <summary>IPv6 pools: only the controller's first try (the node address added to the range start).</summary>
    private string? AssignIpv6(SimulatedMember member)
    {
        var taken = TakenAddresses();
        foreach (var pool in Pools)
        {
            if (!IPAddress.TryParse(pool.IpRangeStart, out var startIp) || !IPAddress.TryParse(pool.IpRangeEnd, out var endIp)
                || startIp.AddressFamily != AddressFamily.InterNetworkV6 || endIp.AddressFamily != AddressFamily.InterNetworkV6)
            {
                continue;
            }

            var start = (UInt128)new System.Numerics.BigInteger(startIp.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
            var end = (UInt128)new System.Numerics.BigInteger(endIp.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
            if ((ulong)end <= (ulong)start || (ulong)end - (ulong)start < 0xFF_FFFF_FFFFUL)
            {
                continue;
            }

            var candidate = start + ZeroTierIdentifiers.ParseNodeAddress(member.Address);
            var bytes = new byte[16];
            for (var i = 0; i < 16; i++)
            {
                bytes[i] = (byte)(candidate >> (8 * (15 - i)));
            }

            var ip = new IPAddress(bytes);
            var bits = 0;
            foreach (var route in Routes)
            {
                if (route.Via is null
                    && ZeroTierAddressText.TryParseAddressWithPrefix(route.Target, out var target, out var targetBits)
                    && Contains(target, targetBits, ip))
                {
                    bits = targetBits;
                }
            }

            if (bits > 0 && !taken.Contains(ip.ToString()))
            {
                member.IpAssignments.Add(ip.ToString());
                return $"{ip}/{bits}";
            }
        }

        return null;
    }

    private HashSet<string> TakenAddresses() =>
        Members.Values.SelectMany(m => m.IpAssignments).ToHashSet(StringComparer.Ordinal);

    private int RoutedIpv4Bits(uint ip)
    {
        foreach (var route in Routes)
        {
            if (ZeroTierAddressText.TryParseAddressWithPrefix(route.Target, out var target, out var bits)
                && target.AddressFamily == AddressFamily.InterNetwork
                && bits > 0
                && (ip & (0xFFFF_FFFFu << (32 - bits))) == ToUInt32(target))
            {
                return bits;
            }
        }

        return -1;
    }

    private static bool Contains(IPAddress target, int bits, IPAddress ip) =>
        target.AddressFamily == ip.AddressFamily
        && ZeroTierAddressText.NetworkOf(target, bits).Contains(ip);

    private static ZeroTierV6AssignMode ParseV6Modes(string modes)
    {
        var set = modes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new ZeroTierV6AssignMode { SixPlane = set.Contains("6plane"), Rfc4193 = set.Contains("rfc4193"), Zt = set.Contains("zt") };
    }

    private static uint ToUInt32(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }

    private static IPAddress FromUInt32(uint value) =>
        new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);

    /// <summary>fd + network id + 99:93 + node address (/88).</summary>
    private static IPAddress Rfc4193(ulong nwid, ulong node)
    {
        var bytes = new byte[16];
        bytes[0] = 0xFD;
        for (var i = 0; i < 8; i++)
        {
            bytes[1 + i] = (byte)(nwid >> (56 - (8 * i)));
        }

        bytes[9] = 0x99;
        bytes[10] = 0x93;
        for (var i = 0; i < 5; i++)
        {
            bytes[11 + i] = (byte)(node >> (32 - (8 * i)));
        }

        return new IPAddress(bytes);
    }

    /// <summary>fc + (nwid XOR nwid >> 32, low 32 bits) + node address + ...:1 (/40).</summary>
    private static IPAddress SixPlane(ulong nwid, ulong node)
    {
        nwid ^= nwid >> 32;
        var bytes = new byte[16];
        bytes[0] = 0xFC;
        for (var i = 0; i < 4; i++)
        {
            bytes[1 + i] = (byte)(nwid >> (24 - (8 * i)));
        }

        for (var i = 0; i < 5; i++)
        {
            bytes[5 + i] = (byte)(node >> (32 - (8 * i)));
        }

        bytes[15] = 0x01;
        return new IPAddress(bytes);
    }
}
