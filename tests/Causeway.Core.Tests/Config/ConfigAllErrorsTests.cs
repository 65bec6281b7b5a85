using Xunit;

namespace Causeway.Core.Tests.Config;

/// <summary>One run reports every problem in the file, in file order: the user fixes them all in one go.</summary>
public sealed class ConfigAllErrorsTests
{
    [Fact]
    public void Every_error_in_the_file_is_reported_at_once_in_file_order()
    {
        var result = ConfigAssert.Load("""
            [instance]
            nam = "cw"
            route_table = "7270"
            rule_priority = 32766
            state_dir = "var/lib/causeway"

            [overlay]
            interface = "wg0"
            subnets = ["10.147.17.5/24", 7, "10.147.0.0/16", "10.147.1.0/24"]
            allow_lan = ["0.0.0.0/0"]

            [egress]
            device = "wg1"
            fallback_dns = "dns.quad9.net"
            ping_seconds = 10
            ping_restart_seconds = 5

            [access]
            listen = 443
            pool = "10.147.17.0/25"
            dns = ["server", "dns.quad9.net"]
            tcp_device = "wg2"
            """);

        Assert.Null(result.Settings);
        Assert.Equal(
            [
                "2:1 unknown key \"nam\" in [instance]",
                "3:15 instance.route_table: expected an integer, found a string (\"7270\")",
                "4:17 instance.rule_priority: 32766 is out of range: must be 1 to 32764",
                "5:13 instance.state_dir: \"var/lib/causeway\" must be an absolute path",
                "9:12 overlay.subnets[0]: \"10.147.17.5/24\" has host bits set",
                "9:30 overlay.subnets[1]: expected a string, found an integer (7)",
                "9:50 overlay.subnets[3]: 10.147.1.0/24 overlaps overlay.subnets[2] (10.147.0.0/16, line 9)",
                "10:14 overlay.allow_lan[0]: 0.0.0.0/0 is a default route",
                "12:2 egress.profile is required (the provider's .ovpn file), or egress.overlay_gateway (another Causeway host on the overlay that runs the provider tunnel)",
                "13:10 egress.device: \"wg1\" must start with \"tun\"",
                "14:16 egress.fallback_dns: \"dns.quad9.net\" is not an IP address",
                "16:24 egress.ping_restart_seconds (5) must be greater than egress.ping_seconds (10)",
                "19:1 unknown key \"listen\" in [access]",
                "20:8 access.pool: 10.147.17.0/25 overlaps overlay.subnets[2] (10.147.0.0/16, line 9)",
                "21:18 access.dns[1]: \"dns.quad9.net\" is neither \"server\"",
                "22:14 access.tcp_device: \"wg2\" must start with \"tun\"",
            ],
            result.Diagnostics.Select(d => $"{d.Line}:{d.Column} {Cut(d.Message)}"));
        Assert.All(result.Diagnostics, d => Assert.True(d.IsError));
    }

    /// <summary>The message up to where its explanation starts, so the list above stays readable.</summary>
    private static string Cut(string message)
    {
        foreach (var marker in new[] { " (Causeway", " (e.g.", ": the bits", ": `causeway", ": overlay traffic", ": the provider's", ": zerotier-one", ": otherwise", ": the OpenVPN", " (the access" })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                message = message[..at];
            }
        }

        return message;
    }
}
