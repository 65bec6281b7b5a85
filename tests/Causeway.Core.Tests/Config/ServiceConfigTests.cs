using System.Net;
using Xunit;

namespace Causeway.Core.Tests.Config;

/// <summary>[service] listen (the optional TCP listener of the read-only API) and [egress] monthly_budget_gb.</summary>
public sealed class ServiceConfigTests
{
    private const string InterfaceOverlay = """
        [overlay]
        interface = "wg0"
        subnets = ["10.147.17.0/24"]

        [egress]
        profile = "provider.ovpn"
        """;

    [Fact]
    public void Without_a_service_section_there_is_no_tcp_listener_and_without_a_budget_none()
    {
        var settings = ConfigAssert.Loads(ConfigAssert.Minimal).Settings!;

        Assert.Null(settings.Service.Listen);
        Assert.Null(settings.Egress.MonthlyBudgetBytes);
    }

    [Theory]
    [InlineData("127.0.0.1:9477", "127.0.0.1", 9477)]
    [InlineData("[::1]:9100", "::1", 9100)]
    [InlineData("10.147.17.5:9477", "10.147.17.5", 9477)]
    public void Loopback_and_an_address_in_the_overlay_are_accepted(string listen, string address, int port)
    {
        var settings = ConfigAssert.Loads($"{InterfaceOverlay}\n\n[service]\nlisten = \"{listen}\"\n").Settings!;

        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), settings.Service.Listen);
        Assert.Equal(IPAddress.IsLoopback(IPAddress.Parse(address)), settings.Service.ListensOnLoopback);
    }

    [Fact]
    public void On_zerotier_any_unicast_address_is_left_to_the_run_time_check()
    {
        var settings = ConfigAssert.Loads($"{ConfigAssert.Minimal}\n\n[service]\nlisten = \"10.222.0.1:9477\"\n").Settings!;

        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.222.0.1"), 9477), settings.Service.Listen);
        Assert.False(settings.Service.ListensOnLoopback);
    }

    [Theory]
    [InlineData("127.0.0.1", "is not an address and port")]
    [InlineData("localhost:9477", "is not an address and port")]
    [InlineData("::1:9477", "is not an address and port")]
    [InlineData("0.0.0.0:9477", "would listen on every interface")]
    [InlineData("[::]:9477", "would listen on every interface")]
    [InlineData("192.168.1.10:9477", "is outside the overlay's subnets (10.147.17.0/24)")]
    [InlineData("127.0.0.2:9477", "is neither 127.0.0.1, ::1 nor an address this host can have on the overlay")]
    [InlineData("224.0.0.1:9477", "is neither 127.0.0.1, ::1 nor")]
    public void Anything_else_is_one_error_at_the_value(string listen, string fragment)
    {
        var error = ConfigAssert.SingleError($"{InterfaceOverlay}\n\n[service]\nlisten = \"{listen}\"\n");

        ConfigAssert.At(error, 9, 10, fragment);
        Assert.StartsWith("service.listen: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_budget_is_whole_decimal_gigabytes()
    {
        var settings = ConfigAssert.Loads($"{ConfigAssert.Minimal}\nmonthly_budget_gb = 10000\n").Settings!;

        Assert.Equal(10_000_000_000_000, settings.Egress.MonthlyBudgetBytes);
    }

    [Theory]
    [InlineData("0", "egress.monthly_budget_gb: 0 is out of range: must be 1 to 1000000")]
    [InlineData("2.5", "egress.monthly_budget_gb")]
    [InlineData("\"10\"", "egress.monthly_budget_gb")]
    public void A_budget_that_is_not_a_positive_whole_number_is_one_error_at_it(string value, string fragment)
    {
        var error = ConfigAssert.SingleError($"{ConfigAssert.Minimal}\nmonthly_budget_gb = {value}\n");

        ConfigAssert.At(error, 6, 21, fragment);
    }
}
