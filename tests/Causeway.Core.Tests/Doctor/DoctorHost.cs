using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Causeway.Core.Config;
using Causeway.Core.Doctor;
using Causeway.Core.Model;
using Causeway.Core.Netlink;
using Causeway.Core.Nft;
using Causeway.Core.ZeroTier;

namespace Causeway.Core.Tests.Doctor;

/// <summary>
/// Facts of a host where everything is as Causeway needs it (Uno over ZeroTier, running and converged, as root);
/// each test changes one thing and looks at the finding it should make.
/// </summary>
internal static class DoctorHost
{
    public const string NetworkId = "8bd5124fd6f4d0a1";
    public const string ZeroTierHome = "/var/lib/zerotier-one";
    public const string ConfigPath = "/etc/causeway/causeway.toml";
    public static readonly string Overlay = ZeroTierInterfaceName.Derive(NetworkId);
    public const string Tun = "tuncw0";

    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Built = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The Uno config over ZeroTier, with <paramref name="extra"/> appended (an [access] section, say).</summary>
    public static CausewaySettings Settings(string egress = "profile = \"provider.ovpn\"", string extra = "", string overlay = "")
    {
        var text = $"""
            [overlay]
            {(overlay.Length > 0 ? overlay : $"zerotier_network = \"{NetworkId}\"")}

            [egress]
            {egress}

            {extra}
            """;
        var loaded = ConfigLoader.Load(System.Text.Encoding.UTF8.GetBytes(text), ConfigPath);
        return loaded.Settings ?? throw new InvalidOperationException(string.Join('\n', loaded.Diagnostics));
    }

    /// <summary>Dinosaur's VM: its egress is the gateway 10.222.0.5 on the overlay, and it runs the access servers.</summary>
    public static CausewaySettings GatewaySettings() =>
        Settings(egress: "overlay_gateway = \"10.222.0.5\"", extra: "[access]\npublic_address = \"vpn.example.net\"");

    public static DoctorFacts Healthy() => Facts(Settings());

    public static DoctorFacts Facts(CausewaySettings settings) => new(
        IsRoot: true,
        DoctorConfigFacts.Loaded(settings, []),
        new TunDeviceFacts(TunDeviceFacts.DefaultPath, true, true, "a character device", 10, 200),
        Programs(),
        ImmutableDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            ["net.ipv4.ip_forward"] = "1",
            ["net.ipv6.conf.all.forwarding"] = "0",
            ["net.ipv4.conf.all.rp_filter"] = "0",
            ["net.ipv4.conf.default.rp_filter"] = "0",
            [$"net.ipv4.conf.{Overlay}.rp_filter"] = "0",
            [$"net.ipv4.conf.{Tun}.rp_filter"] = "2",
            ["net.core.rmem_max"] = "4194304",
            ["net.core.wmem_max"] = "4194304",
        }),
        Observed.Of(OwnRules()),
        Observed.Of<ImmutableArray<IpLink>>([Link(1, "lo", null), Link(2, "eth0", null), Link(3, Overlay, "tun"), Link(4, Tun, "tun")]),
        Observed.Of(Ruleset(CausewayTable())),
        new ZeroTierHomeFacts(ZeroTierHome, true, Observed.Of(ImmutableArray<string>.Empty)),
        new ZeroTierFacts(NetworkId, ZeroTierHome, new ZeroTierTokenFacts($"{ZeroTierHome}/authtoken.secret", ZeroTierTokenState.Readable),
            new ZeroTierApiFacts(ZeroTierApiOutcome.Answered, string.Empty, Network(allowDefault: false))),
        new FirewallFacts(UfwFacts.NotInstalled, [], Observed.Of(string.Empty)),
        new ClockFacts(Now, [new ClockFloor("this causeway's build date", Built)], []));

    /// <summary>No config at the default path: the defaults, and no ZeroTier network.</summary>
    public static DoctorFacts WithoutConfig() => Healthy() with { Config = DoctorConfigFacts.Absent(ConfigPath), ZeroTier = null };

    public static ImmutableArray<ProgramFacts> Programs(string ip = "ip utility, iproute2-6.1.0, libbpf 1.1.2", string nft = "nftables v1.0.6 (Lester Gooch #5)", string openvpn = "OpenVPN 2.6.14 x86_64-pc-linux-gnu [SSL (OpenSSL)]") =>
    [
        new ProgramFacts("ip", "iproute2", "/usr/sbin/ip", null, ip),
        new ProgramFacts("nft", "nftables", "/usr/sbin/nft", null, nft),
        new ProgramFacts("openvpn", "openvpn", "/usr/sbin/openvpn", null, openvpn),
        new ProgramFacts("conntrack", "conntrack", "/usr/sbin/conntrack", null, null),
        new ProgramFacts("setpriv", "util-linux", "/usr/bin/setpriv", null, null),
    ];

    public static IpLink Link(int index, string name, string? kind) => new(index, name, ["UP"], 1500, "UP", kind is null ? "ether" : "none") { Kind = kind };

    public static IpRule Rule(long priority, string table, string? iif = null, string? to = null, AddressFamily family = AddressFamily.InterNetwork, string? fwmark = null) =>
        new(family, priority, null, to is null ? null : IPNetwork.Parse(to), iif, null, fwmark, table, null, []);

    /// <summary>The kernel's three and Causeway's two (as `ip -N -json rule list` shows them).</summary>
    public static ImmutableArray<IpRule> OwnRules() =>
    [
        Rule(0, "255"),
        Rule(7270, "254", iif: Overlay, to: "10.222.0.0/24"),
        Rule(7271, "7270", iif: Overlay),
        Rule(32766, "254"),
        Rule(32767, "253"),
        Rule(7271, "7270", iif: Overlay, family: AddressFamily.InterNetworkV6),
    ];

    public static NftRuleset Ruleset(params NftTableListing[] tables) => new("1.0.6", [.. tables]);

    public static NftTableListing CausewayTable() => Table("inet", "causeway",
        [new NftChain("forward", 1, "filter", "forward", 0, "accept")],
        [new NftRule("forward", 10, "drop-client-other", null)]);

    public static NftTableListing Table(string family, string name, ImmutableArray<NftChain> chains, ImmutableArray<NftRule> rules = default) =>
        new(family, name, 1, null, chains, rules.IsDefault ? [] : rules, []);

    public static NftChain BaseChain(string name, string hook, string policy) => new(name, 1, "filter", hook, 0, policy);

    public static NftChain Chain(string name) => new(name, 1, null, null, null, null);

    /// <summary>Docker's iptables-nft filter table: FORWARD drops by default, DOCKER-USER has <paramref name="userRules"/> rules.</summary>
    public static NftTableListing DockerFilter(string policy = "drop", int userRules = 0) => Table("ip", "filter",
        [BaseChain("FORWARD", "forward", policy), Chain("DOCKER"), Chain("DOCKER-USER"), Chain("DOCKER-ISOLATION-STAGE-1")],
        [.. Enumerable.Range(0, userRules).Select(i => new NftRule("DOCKER-USER", 100 + i, null, null))]);

    public static ZeroTierNetworkSummary Network(bool allowDefault) => new(
        NetworkId, "home", "OK", "fa8d1d33a9", Overlay, ["10.222.0.1/24"], true, false, "1.14.2",
        new DefaultRouteAdvice(NetworkId, true, IPAddress.Parse("10.222.0.1"), null, []))
    {
        AllowDefault = allowDefault,
    };

    public static DoctorFinding Finding(DoctorFacts facts, string id) =>
        DoctorEvaluator.Evaluate(facts).Single(f => f.Id == id);

    public static DoctorFacts WithSysctl(this DoctorFacts facts, string name, string? value) =>
        facts with { Sysctls = value is null ? facts.Sysctls.Remove(name) : facts.Sysctls.SetItem(name, value) };
}
