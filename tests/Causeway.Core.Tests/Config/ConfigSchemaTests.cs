using Causeway.Core.Config;
using Tomlyn;
using Xunit;

namespace Causeway.Core.Tests.Config;

/// <summary>The schema (checked on the syntax tree) and the bound types (read by the source generator) must agree.</summary>
public sealed class ConfigSchemaTests
{
    [Fact]
    public void Every_bound_member_is_a_schema_key_and_every_schema_key_is_bound()
    {
        var document = new ConfigDocument
        {
            Instance = new InstanceTable { Name = "a", StateDir = "/s", RunDir = "/r", NftTable = "t", RouteTable = 100, RulePriority = 200, ReconcileIntervalSeconds = 3 },
            Overlay = new OverlayTable
            {
                ZerotierNetwork = "8bd5124fd6f4d0a1",
                ZerotierHome = "/z",
                ZerotierPort = 9994,
                ZerotierWaitSeconds = 7,
                Interface = "wg0",
                Subnets = ["10.0.0.0/24"],
                AllowLan = ["192.168.1.0/24"],
                MasqueradeLan = false,
            },
            Egress = new EgressTable
            {
                Profile = "p",
                Auth = "a",
                FallbackDns = "9.9.9.9",
                Device = "tun1",
                PingSeconds = 2,
                PingRestartSeconds = 9,
                FastIo = false,
                SocketBufferBytes = 0,
                Txqueuelen = 10,
                OverlayGateway = "10.0.0.5",
                InternetProbe = "none",
                MonthlyBudgetGb = 100,
                GatewayStatusPort = 9477,
            },
            Access = new AccessTable
            {
                PublicAddress = "vpn.example.net",
                UdpPort = 1195,
                TcpPort = 8443,
                Pool = "10.77.0.0/24",
                AllowInternet = true,
                AllowOverlay = true,
                MasqueradeOverlay = false,
                ClientToClient = true,
                Dns = ["server"],
                BlockIpv6 = false,
                UdpDevice = "tunu",
                TcpDevice = "tunt",
            },
            Service = new ServiceTable { Listen = "127.0.0.1:9477" },
        };

        var toml = TomlSerializer.Serialize(document, ConfigTomlContext.Default.ConfigDocument);
        var result = ConfigLoader.Load(toml, "/etc/causeway/causeway.toml");

        // Both overlay kinds and both egress kinds are set on purpose (to cover every key): those errors are
        // expected (with the tunnel's keys refused beside an overlay gateway), nothing else.
        string[] expected =
        [
            "overlay: both zerotier_network and interface are set",
            "egress.overlay_gateway: give either egress.profile",
            .. new[] { "auth", "device", "ping_restart_seconds", "fast_io", "socket_buffer_bytes", "txqueuelen" }
                .Select(key => $"egress.{key}: configures the provider tunnel"),
        ];
        var errors = result.Diagnostics.Where(d => d.IsError).Select(d => d.Message).ToList();
        Assert.All(errors, message => Assert.Contains(expected, prefix => message.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.All(expected, prefix => Assert.Contains(errors, message => message.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("unknown", StringComparison.Ordinal));
        var schemaKeys = ConfigSchema.Sections.SelectMany(s => s.Value.Select(k => $"{s.Key}.{k.Name}")).ToList();
        Assert.All(schemaKeys, key => Assert.True(result.Sources.Contains(key), $"{key} is in the schema but not bound:\n{toml}"));
    }
}
