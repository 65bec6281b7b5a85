using System.Net;
using System.Text.Json;
using Causeway.Core.ZeroTier;
using Xunit;

namespace Causeway.Core.Tests.ZeroTier;

public sealed class DefaultRouteAdviceTests
{
    private static readonly IPAddress Gateway = IPAddress.Parse("10.222.0.1");

    private static ZeroTierNetwork Captured(string name) => ZeroTierCaptures.Load(name, ZeroTierJsonContext.Default.ZeroTierNetwork);

    [Fact]
    public void A_default_route_via_this_gateway_is_reported_with_what_clients_must_set()
    {
        var advice = DefaultRouteAdvice.Evaluate(Captured("member_GET_network_nwid_allowDefault.json"), [Gateway]);

        Assert.True(advice.IsRoutedViaThisGateway);
        Assert.Equal(Gateway, advice.Gateway);
        Assert.Null(advice.OtherGateway);
        Assert.Contains("zerotier-cli set 2f5042fc3b08bd2e allowDefault=1", advice.Text, StringComparison.Ordinal);
        Assert.Contains("rp_filter=2", advice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("add the managed route", advice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_one_it_says_what_to_set_on_the_controller_in_both_forms()
    {
        var advice = DefaultRouteAdvice.Evaluate(Captured("member_GET_network_nwid.json"), [Gateway]);

        Assert.False(advice.IsRoutedViaThisGateway);
        Assert.Equal(Gateway, advice.Gateway);
        var text = advice.Text;
        Assert.Contains("""{"target":"0.0.0.0/0","via":"10.222.0.1"}""", text, StringComparison.Ordinal);
        Assert.Contains("https://api.zerotier.com/api/v1/network/2f5042fc3b08bd2e", text, StringComparison.Ordinal);
        Assert.Contains("""{"config":{"routes":[{"target":"10.222.0.0/24","via":null},{"target":"0.0.0.0/0","via":"10.222.0.1"}]}}""", text, StringComparison.Ordinal);
        Assert.Contains("""-d '{"routes":[{"target":"10.222.0.0/24","via":null},{"target":"0.0.0.0/0","via":"10.222.0.1"}]}' http://127.0.0.1:9993/controller/network/2f5042fc3b08bd2e""", text, StringComparison.Ordinal);
        Assert.Contains("X-ZT1-Auth", text, StringComparison.Ordinal);
        Assert.Contains("zerotier-cli set 2f5042fc3b08bd2e allowDefault=1", text, StringComparison.Ordinal);
        Assert.Contains("rp_filter=2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_suggested_routes_are_valid_controller_json()
    {
        var advice = DefaultRouteAdvice.Evaluate(Captured("member_GET_network_nwid.json"), [Gateway]);
        var line = advice.Lines.Single(l => l.Contains("curl", StringComparison.Ordinal));
        var start = line.IndexOf("-d '", StringComparison.Ordinal) + 4;
        var body = line[start..line.IndexOf('\'', start)];

        using var document = JsonDocument.Parse(body);
        var routes = document.RootElement.GetProperty("routes");
        Assert.Equal(2, routes.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, routes[0].GetProperty("via").ValueKind);
    }

    [Fact]
    public void A_default_route_via_another_member_is_named_and_replaced_in_the_suggestion()
    {
        var network = Captured("member_GET_network_nwid_allowDefault.json");

        var advice = DefaultRouteAdvice.Evaluate(network, [IPAddress.Parse("10.222.0.192")]);

        Assert.False(advice.IsRoutedViaThisGateway);
        Assert.Equal(IPAddress.Parse("10.222.0.1"), advice.OtherGateway);
        Assert.Contains("routes 0.0.0.0/0 via 10.222.0.1, not via this gateway (10.222.0.192)", advice.Text, StringComparison.Ordinal);
        Assert.Contains("""{"routes":[{"target":"10.222.0.0/24","via":null},{"target":"0.0.0.0/0","via":"10.222.0.192"}]}""", advice.Text, StringComparison.Ordinal);

        // This capture has allowDefault on: the gateway's own traffic would leave through that other member.
        Assert.Contains("allowDefault=0", advice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gateway_without_an_IPv4_address_is_told_to_get_one_first()
    {
        var advice = DefaultRouteAdvice.Evaluate(Captured("member_GET_network_nwid.json"), [IPAddress.Parse("fdcc:ca5e::1")]);

        Assert.False(advice.IsRoutedViaThisGateway);
        Assert.Null(advice.Gateway);
        Assert.Contains("no IPv4 address", advice.Text, StringComparison.Ordinal);
    }
}
