using System.Net;
using Causeway.Core.Model;
using Xunit;

namespace Causeway.Core.Tests.Config;

/// <summary>[egress] overlay_gateway (Dinosaur's VM) and internet_probe.</summary>
public sealed class OverlayGatewayConfigTests
{
    private const string ZeroTier = """
        [overlay]
        zerotier_network = "8bd5124fd6f4d0a1"
        """;

    private const string Interface = """
        [overlay]
        interface = "wg0"
        subnets = ["10.147.17.0/24"]
        """;

    private static string Vm(string egress, string overlay = ZeroTier, string access = "[access]\n") =>
        $"{overlay}\n\n[egress]\n{egress}\n\n{access}";

    [Fact]
    public void A_gateway_instead_of_a_profile_loads_with_no_tunnel_of_its_own()
    {
        var settings = ConfigAssert.Loads(Vm("overlay_gateway = \"10.147.17.5\"")).Settings!;

        Assert.True(settings.Egress.IsOverlayGateway);
        Assert.Equal(IPAddress.Parse("10.147.17.5"), settings.Egress.OverlayGateway);
        Assert.Null(settings.Egress.ProfilePath);
        Assert.Null(settings.Egress.AuthPath);
        Assert.NotNull(settings.Access);
    }

    [Fact]
    public void Both_a_profile_and_a_gateway_is_one_error_at_the_gateway()
    {
        var error = ConfigAssert.SingleError(Vm("profile = \"provider.ovpn\"\noverlay_gateway = \"10.147.17.5\""));

        ConfigAssert.At(error, 6, 19, "give either egress.profile (a provider tunnel on this host) or egress.overlay_gateway");
    }

    [Fact]
    public void Neither_is_one_error_that_names_both_ways()
    {
        var error = ConfigAssert.SingleError(Vm("ping_seconds = 2"));

        Assert.Contains("egress.profile is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("egress.overlay_gateway", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"sbc.home\"", "is not an IP address")]
    [InlineData("\"fd00::5\"", "is not IPv4")]
    [InlineData("\"127.0.0.1\"", "cannot be a next hop")]
    [InlineData("\"224.0.0.5\"", "cannot be a next hop")]
    [InlineData("\"0.0.0.0\"", "cannot be a next hop")]
    public void A_gateway_that_cannot_be_a_next_hop_is_refused(string value, string fragment)
    {
        var error = ConfigAssert.SingleError(Vm($"overlay_gateway = {value}"));

        ConfigAssert.At(error, 5, 19, fragment);
        Assert.Contains("overlay_gateway = \"10.147.17.5\"", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gateway_outside_the_subnets_the_config_names_is_refused()
    {
        var error = ConfigAssert.SingleError(Vm("overlay_gateway = \"10.147.18.5\"", Interface));

        ConfigAssert.At(error, 6, 19, "10.147.18.5 is outside the overlay's subnets (10.147.17.0/24)");
    }

    [Fact]
    public void A_gateway_inside_the_subnets_the_config_names_loads()
    {
        var settings = ConfigAssert.Loads(Vm("overlay_gateway = \"10.147.17.5\"", Interface)).Settings!;

        Assert.Equal(IPAddress.Parse("10.147.17.5"), settings.Egress.OverlayGateway);
    }

    [Fact]
    public void A_gateway_needs_access_clients_to_carry()
    {
        var error = ConfigAssert.SingleError(Vm("overlay_gateway = \"10.147.17.5\"", access: string.Empty));

        Assert.Contains("needs an [access] section", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auth = \"provider.auth\"", "egress.auth")]
    [InlineData("device = \"tun7\"", "egress.device")]
    [InlineData("ping_restart_seconds = 9", "egress.ping_restart_seconds")]
    [InlineData("fast_io = false", "egress.fast_io")]
    [InlineData("socket_buffer_bytes = 0", "egress.socket_buffer_bytes")]
    [InlineData("txqueuelen = 10", "egress.txqueuelen")]
    public void Keys_of_a_tunnel_this_host_does_not_run_are_refused_beside_a_gateway(string line, string key)
    {
        var error = ConfigAssert.SingleError(Vm($"overlay_gateway = \"10.147.17.5\"\n{line}"));

        Assert.StartsWith($"{ConfigAssert.File}:6:", error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith($"{key}: configures the provider tunnel, and with egress.overlay_gateway this host runs none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ping_seconds_and_fallback_dns_apply_to_a_gateway_too()
    {
        var egress = ConfigAssert.Loads(Vm("overlay_gateway = \"10.147.17.5\"\nping_seconds = 2\nfallback_dns = \"9.9.9.9\"")).Settings!.Egress;

        Assert.Equal(2, egress.Tuning.PingSeconds);
        Assert.Equal(IPAddress.Parse("9.9.9.9"), egress.FallbackDns);
    }

    [Fact]
    public void Masquerade_overlay_off_beside_a_gateway_is_a_warning_that_it_does_nothing()
    {
        var result = ConfigAssert.Loads(Vm("overlay_gateway = \"10.147.17.5\"", access: "[access]\nmasquerade_overlay = false\n"));

        var warning = Assert.Single(result.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Contains("access.masquerade_overlay: has no effect with egress.overlay_gateway", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gateways_status_port_is_read_with_a_gateway_and_none_by_default()
    {
        Assert.Null(ConfigAssert.Loads(Vm("overlay_gateway = \"10.147.17.5\"")).Settings!.Egress.GatewayStatusPort);
        Assert.Equal(9477, ConfigAssert.Loads(Vm("overlay_gateway = \"10.147.17.5\"\ngateway_status_port = 9477")).Settings!.Egress.GatewayStatusPort);
    }

    [Theory]
    [InlineData("0", "egress.gateway_status_port")]
    [InlineData("65536", "egress.gateway_status_port")]
    public void A_gateway_status_port_out_of_range_is_refused(string value, string fragment)
    {
        var error = ConfigAssert.SingleError(Vm($"overlay_gateway = \"10.147.17.5\"\ngateway_status_port = {value}"));

        ConfigAssert.At(error, 6, 23, fragment);
    }

    [Fact]
    public void A_gateway_status_port_without_a_gateway_is_refused_where_it_is_written()
    {
        var error = ConfigAssert.SingleError(ConfigAssert.Minimal + "\ngateway_status_port = 9477");

        Assert.Contains("egress.gateway_status_port: reads the status of an overlay gateway", error.Message, StringComparison.Ordinal);
        Assert.Contains("overlay_gateway", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void The_internet_probe_defaults_to_a_public_resolver_and_can_be_turned_off_or_moved()
    {
        Assert.Equal(EgressSettings.DefaultInternetProbe, ConfigAssert.Loads(ConfigAssert.Minimal).Settings!.Egress.InternetProbe);
        Assert.Null(ConfigAssert.Loads(ConfigAssert.Minimal + "\ninternet_probe = \"none\"").Settings!.Egress.InternetProbe);
        Assert.Null(ConfigAssert.Loads(ConfigAssert.Minimal + "\ninternet_probe = \"\"").Settings!.Egress.InternetProbe);
        Assert.Equal(IPAddress.Parse("203.0.113.80"), ConfigAssert.Loads(ConfigAssert.Minimal + "\ninternet_probe = \"203.0.113.80\"").Settings!.Egress.InternetProbe);
    }

    [Theory]
    [InlineData("\"quad9\"")]
    [InlineData("\"2620:fe::fe\"")]
    [InlineData("\"255.255.255.255\"")]
    public void An_internet_probe_that_is_no_ipv4_host_is_refused(string value)
    {
        var error = ConfigAssert.SingleError(ConfigAssert.Minimal + $"\ninternet_probe = {value}");

        ConfigAssert.At(error, 6, 18, "egress.internet_probe:");
        Assert.Contains("\"none\"", error.Fix, StringComparison.Ordinal);
    }
}
