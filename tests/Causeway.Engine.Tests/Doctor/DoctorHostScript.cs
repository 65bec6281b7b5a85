using System.Net;
using System.Net.Sockets;
using System.Text;
using Causeway.Core.Pki;
using Causeway.Engine.Doctor;
using Causeway.Engine.Seams;
using Causeway.Engine.Tests.OpenVpn;
using Causeway.Engine.Tests.ZeroTier;
using Causeway.Engine.ZeroTier;
using Microsoft.Extensions.Time.Testing;

namespace Causeway.Engine.Tests.Doctor;

/// <summary>
/// A host for `causeway doctor` made of the kit's strict fakes: the files it reads (config, profile, /proc, /etc,
/// zerotier-one's home), the commands it runs (answered with what Debian 12's tools print) and zerotier-one's API (a
/// stub handler). A test changes one thing; anything the gatherer runs that was not scripted fails the test.
/// </summary>
internal sealed class DoctorHostScript
{
    public const string NetworkId = "2f5042fc3b08bd2e";
    public const string Overlay = "zt2nvuuqiv";
    public const string ConfigPath = "/etc/causeway/causeway.toml";
    public const string ZeroTierHome = "/var/lib/zerotier-one";

    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<string> Profile = new(() =>
    {
        using var authority = CertificateAuthority.Create("Doctor Provider CA", Now.AddDays(-30), TimeSpan.FromDays(3650));
        return $"client\nproto udp\nremote 192.0.2.99 1194\nnobind\nremote-cert-tls server\n<ca>\n{authority.CertificatePem.Trim()}\n</ca>\n";
    });

    public DoctorHostScript(string config = "")
    {
        Files
            .AddFile(ConfigPath, config.Length > 0 ? config : UnoConfig, UnixFileMode.UserRead | UnixFileMode.UserWrite)
            .AddFile("/etc/causeway/provider.ovpn", Profile.Value)
            .AddFile("/etc/causeway/provider.auth", "user\nsecret\n", UnixFileMode.UserRead | UnixFileMode.UserWrite)
            .AddSpecial("/dev/net/tun", FileKind.CharacterDevice, 10, 200)
            .AddFile($"{ZeroTierHome}/authtoken.secret", "tok3n\n", UnixFileMode.UserRead | UnixFileMode.UserWrite)
            .AddFile($"{ZeroTierHome}/zerotier-one.port", "9993")
            .AddFile("/proc/1/comm", "systemd\n")
            .AddFile("/proc/77/comm", "dockerd\n")
            .AddFile("/proc/self/comm", "causeway\n");
        Sysctl("net/ipv4/ip_forward", "1");
        Sysctl("net/ipv6/conf/all/forwarding", "0");
        Sysctl("net/ipv4/conf/all/rp_filter", "1");
        Sysctl("net/ipv4/conf/default/rp_filter", "1");
        Sysctl("net/ipv4/conf/lo/rp_filter", "0");
        Sysctl($"net/ipv4/conf/{Overlay}/rp_filter", "1");
        Sysctl("net/ipv4/conf/vpn0/rp_filter", "1");
        Sysctl("net/core/rmem_max", "212992");
        Sysctl("net/core/wmem_max", "212992");

        this
            .Answer("ip -V", "ip utility, iproute2-6.1.0, libbpf 1.1.2\n")
            .Answer("nft --version", "nftables v1.0.6 (Lester Gooch #5)\n")
            .Answer("openvpn --version", "OpenVPN 2.6.3 x86_64-pc-linux-gnu [SSL (OpenSSL)] [LZO] [LZ4] [EPOLL] [PKCS11] [MH/PKTINFO] [AEAD]\nlibrary versions: OpenSSL 3.0.15\n")
            .Answer("ip -details -json link show", """
                [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP"],"mtu":65536,"link_type":"loopback"},
                 {"ifindex":5,"ifname":"zt2nvuuqiv","flags":["UP"],"mtu":2800,"link_type":"ether","linkinfo":{"info_kind":"tun","info_data":{"type":"tap"}}},
                 {"ifindex":6,"ifname":"vpn0","flags":["POINTOPOINT"],"mtu":1500,"link_type":"none","linkinfo":{"info_kind":"tun","info_data":{"type":"tun"}}}]
                """)
            .Answer("ip -N -json rule list", """[{"priority":0,"src":"all","table":"255"},{"priority":7270,"src":"all","fwmark":"0x1","table":"100"},{"priority":32766,"src":"all","table":"254"}]""")
            .Answer("ip -6 -N -json rule list", """[{"priority":0,"src":"all","table":"255"},{"priority":32766,"src":"all","table":"254"}]""")
            .Answer("nft -j list ruleset", """
                {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}},
                 {"table": {"family": "ip", "name": "filter", "handle": 1}},
                 {"chain": {"family": "ip", "table": "filter", "name": "FORWARD", "handle": 2, "type": "filter", "hook": "forward", "prio": 0, "policy": "drop"}},
                 {"chain": {"family": "ip", "table": "filter", "name": "DOCKER-USER", "handle": 3}},
                 {"chain": {"family": "ip", "table": "filter", "name": "DOCKER", "handle": 4}}]}
                """);
    }

    /// <summary>Uno over ZeroTier: the provider's profile, no auth file.</summary>
    public static string UnoConfig => $"""
        [overlay]
        zerotier_network = "{NetworkId}"

        [egress]
        profile = "provider.ovpn"
        auth = "provider.auth"

        """;

    public InMemoryFileSystem Files { get; } = new();

    /// <summary>The runner of the last <see cref="Gatherer"/>: what it ran, and anything it was not given.</summary>
    public ScriptedCommandRunner Commands { get; private set; } = new();

    private readonly Dictionary<string, CommandResult> _answers = new(StringComparer.Ordinal);

    public FakePrograms Programs { get; } = new();

    public FakeHostIdentity Identity { get; } = FakeHostIdentity.Root();

    public TimerDrivenClock Clock { get; } = new(new FakeTimeProvider(Now));

    /// <summary>zerotier-one's API: GET /status and GET /network/{id} as the captures have them, unless a test says otherwise.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage> ZeroTier { get; set; } = Captured;

    public List<string> ZeroTierRequests { get; } = [];

    /// <summary>What "program arg arg" answers (replacing what it answered before).</summary>
    public DoctorHostScript Answer(string commandLine, string standardOutput, int exitCode = 0, string standardError = "")
    {
        _answers[commandLine] = new CommandResult(exitCode, standardOutput, standardError);
        return this;
    }

    public void Sysctl(string path, string value) => Files.AddFile($"/proc/sys/{path}", value + "\n");

    public static HttpResponseMessage Captured(HttpRequestMessage request) => request.RequestUri!.AbsolutePath switch
    {
        "/status" => Json(HttpStatusCode.OK, ZeroTierCaptures.Read("member_GET_status.json")),
        $"/network/{NetworkId}" => Json(HttpStatusCode.OK, ZeroTierCaptures.Read("member_GET_network_nwid.json")),
        _ => Json(HttpStatusCode.NotFound, "{}"),
    };

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };

    /// <summary>What HttpClient throws when nothing listens on the port.</summary>
    public static HttpResponseMessage Refused(HttpRequestMessage request) =>
        throw new HttpRequestException("Connection refused (127.0.0.1:9993)", new SocketException((int)SocketError.ConnectionRefused));

    /// <summary>A new strict runner with the answers as they are now (it becomes <see cref="Commands"/>).</summary>
    public ScriptedCommandRunner Runner()
    {
        Commands = new ScriptedCommandRunner();
        foreach (var (line, result) in _answers)
        {
            Commands.Answer(line, result.StandardOutput, result.ExitCode, result.StandardError);
        }

        return Commands;
    }

    public DoctorGatherer Gatherer()
    {
        Runner();
        var machine = new Machine(Files, Commands, new FakeProcessLauncher(), new FlakyConnector(0), Identity, new FakeSignals(), Programs,
            () => new ScriptedTunnelProbe(), Clock);
        var handler = new StubHandler(request =>
        {
            ZeroTierRequests.Add(request.RequestUri!.AbsolutePath);
            return ZeroTier(request);
        });
        return new DoctorGatherer(machine, new OverlayResolver(Files, Commands, Clock, () => handler));
    }

    public async Task<Core.Doctor.DoctorFacts> GatherAsync(string configPath = ConfigPath, bool configIsDefault = true, CancellationToken cancellationToken = default)
    {
        using var gatherer = Gatherer();
        var gathering = gatherer.GatherAsync(new DoctorRequest(configPath, configIsDefault, Now.AddDays(-100)), cancellationToken);
        return await Clock.DriveAsync(gathering, cancellationToken);
    }
}
