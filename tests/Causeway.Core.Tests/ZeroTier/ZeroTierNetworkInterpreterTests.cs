using System.Net;
using Causeway.Core.ZeroTier;
using Xunit;

namespace Causeway.Core.Tests.ZeroTier;

public sealed class ZeroTierNetworkInterpreterTests
{
    private const string Node = "fa8d1d33a9";

    private static ZeroTierNetwork Captured(string name = "member_GET_network_nwid.json") =>
        ZeroTierCaptures.Load(name, ZeroTierJsonContext.Default.ZeroTierNetwork);

    [Fact]
    public void An_OK_network_gives_its_interface_subnets_and_local_addresses()
    {
        var result = ZeroTierNetworkInterpreter.Interpret(Captured(), Node);

        Assert.True(result.IsUsable);
        Assert.Equal("zt2nvuuqiv", result.Facts.InterfaceName);
        Assert.Equal([IPNetwork.Parse("10.222.0.0/24")], result.Facts.Subnets);
        Assert.Equal([IPAddress.Parse("10.222.0.1")], result.Facts.LocalAddresses);
    }

    [Fact]
    public void A_default_route_is_never_an_overlay_subnet()
    {
        var result = ZeroTierNetworkInterpreter.Interpret(Captured("member_GET_network_nwid_allowDefault.json"), Node);

        Assert.True(result.IsUsable);
        Assert.Equal([IPNetwork.Parse("10.222.0.0/24")], result.Facts.Subnets);
    }

    [Fact]
    public void On_link_routes_and_the_networks_of_assigned_addresses_are_both_subnets_IPv6_too()
    {
        var network = Captured() with
        {
            AssignedAddresses = ["10.222.0.1/24", "fdcc:ca5e::1/64", "10.99.0.7/16"],
            Routes =
            [
                new ZeroTierNetworkRoute(0, 0, "10.222.0.0/24", null),
                new ZeroTierNetworkRoute(0, 0, "192.168.50.0/24", null),
                new ZeroTierNetworkRoute(0, 0, "172.16.0.0/12", "10.222.0.9"),
                new ZeroTierNetworkRoute(0, 0, "0.0.0.0/0", null),
            ],
        };

        var result = ZeroTierNetworkInterpreter.Interpret(network, Node);

        Assert.True(result.IsUsable);
        Assert.Equal(
            [IPNetwork.Parse("10.222.0.0/24"), IPNetwork.Parse("192.168.50.0/24"), IPNetwork.Parse("fdcc:ca5e::/64"), IPNetwork.Parse("10.99.0.0/16")],
            result.Facts.Subnets);
        Assert.Equal([IPAddress.Parse("10.222.0.1"), IPAddress.Parse("fdcc:ca5e::1"), IPAddress.Parse("10.99.0.7")], result.Facts.LocalAddresses);
    }

    [Fact]
    public void Without_a_portDeviceName_the_name_is_derived()
    {
        var result = ZeroTierNetworkInterpreter.Interpret(Captured() with { PortDeviceName = "" }, Node);

        Assert.Equal("zt2nvuuqiv", result.Facts?.InterfaceName);
    }

    [Fact]
    public void Requesting_configuration_is_transient_and_says_so()
    {
        var problem = ZeroTierNetworkInterpreter.Interpret(Captured("member_POST_network_join.json"), Node).Problem;

        Assert.NotNull(problem);
        Assert.Equal(ZeroTierNetworkProblemKind.RequestingConfiguration, problem.Kind);
        Assert.True(problem.IsTransient);
        Assert.Contains("REQUESTING_CONFIGURATION", problem.Message, StringComparison.Ordinal);
        Assert.Contains("controller 2f5042fc3b", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Access_denied_names_the_member_to_authorize()
    {
        var problem = ZeroTierNetworkInterpreter.Interpret(Captured("member_GET_network_nwid_after_deauth.json"), "e3e71b4b86").Problem;

        Assert.NotNull(problem);
        Assert.Equal(ZeroTierNetworkProblemKind.AccessDenied, problem.Kind);
        Assert.False(problem.IsTransient);
        Assert.Contains("authorize member e3e71b4b86", problem.Message, StringComparison.Ordinal);
        Assert.Contains("ZeroTier Central", problem.Message, StringComparison.Ordinal);
        Assert.Contains("/controller/network/2f5042fc3b08bd2e/member/e3e71b4b86", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NOT_FOUND", ZeroTierNetworkProblemKind.NotFound, "check the network id")]
    [InlineData("PORT_ERROR", ZeroTierNetworkProblemKind.PortError, "/dev/net/tun")]
    [InlineData("PORT_ERROR", ZeroTierNetworkProblemKind.PortError, "CAP_NET_ADMIN")]
    [InlineData("CLIENT_TOO_OLD", ZeroTierNetworkProblemKind.ClientTooOld, "upgrade zerotier-one")]
    [InlineData("AUTHENTICATION_REQUIRED", ZeroTierNetworkProblemKind.AuthenticationRequired, "authenticationURL")]
    [InlineData("SOMETHING_NEW", ZeroTierNetworkProblemKind.UnknownStatus, "SOMETHING_NEW")]
    public void Every_other_status_is_a_typed_problem_with_what_to_do(string status, ZeroTierNetworkProblemKind kind, string hint)
    {
        var problem = ZeroTierNetworkInterpreter.Interpret(Captured() with { Status = status }, Node).Problem;

        Assert.NotNull(problem);
        Assert.Equal(kind, problem.Kind);
        Assert.Equal(status, problem.Status);
        Assert.False(problem.IsTransient);
        Assert.Contains(hint, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sso_names_the_login_url_when_there_is_one()
    {
        var network = Captured() with { Status = "AUTHENTICATION_REQUIRED", AuthenticationUrl = "https://sso.example/login?x=1", SsoEnabled = true };

        var problem = ZeroTierNetworkInterpreter.Interpret(network, Node).Problem;

        Assert.Contains("log in at https://sso.example/login?x=1", problem?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OK_without_an_address_is_not_usable_yet()
    {
        var problem = ZeroTierNetworkInterpreter.Interpret(Captured() with { AssignedAddresses = [] }, Node).Problem;

        Assert.NotNull(problem);
        Assert.Equal(ZeroTierNetworkProblemKind.NoAddresses, problem.Kind);
        Assert.True(problem.IsTransient);
        Assert.Contains("member fa8d1d33a9", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Managed_addresses_turned_off_is_a_problem()
    {
        var problem = ZeroTierNetworkInterpreter.Interpret(Captured() with { AllowManaged = false }, Node).Problem;

        Assert.Equal(ZeroTierNetworkProblemKind.ManagedAddressesDisabled, problem?.Kind);
        Assert.Contains("zerotier-cli set 2f5042fc3b08bd2e allowManaged=1", problem?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OK", ZeroTierNetworkStatus.Ok)]
    [InlineData("REQUESTING_CONFIGURATION", ZeroTierNetworkStatus.RequestingConfiguration)]
    [InlineData("ACCESS_DENIED", ZeroTierNetworkStatus.AccessDenied)]
    [InlineData("ok", ZeroTierNetworkStatus.Unknown)]
    public void Status_names_are_exact(string name, ZeroTierNetworkStatus status)
    {
        Assert.Equal(status, ZeroTierNetworkStatusNames.Parse(name));
        if (status != ZeroTierNetworkStatus.Unknown)
        {
            Assert.Equal(name, ZeroTierNetworkStatusNames.Format(status));
        }
    }
}
