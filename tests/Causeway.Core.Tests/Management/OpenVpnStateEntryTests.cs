using System.Net;
using Causeway.Core.Management;
using Xunit;

namespace Causeway.Core.Tests.Management;

public sealed class OpenVpnStateEntryTests
{
    [Fact]
    public void Connected_with_eight_fields()
    {
        var entry = OpenVpnStateEntry.TryParse("1795594704,CONNECTED,SUCCESS,10.8.77.2,10.99.77.1,1194,,")!;

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795594704), entry.Time);
        Assert.Equal(OpenVpnState.Connected, entry.State);
        Assert.True(entry.IsConnectedSuccessfully);
        Assert.Equal(IPAddress.Parse("10.8.77.2"), entry.LocalAddress);
        Assert.Equal(IPAddress.Parse("10.99.77.1"), entry.RemoteAddress);
        Assert.Equal(1194, entry.RemotePort);
        Assert.Equal("10.99.77.1:1194", entry.Remote);
        Assert.Null(entry.LocalBindAddress);
        Assert.Null(entry.LocalBindPort);
        Assert.Null(entry.LocalAddressV6);
    }

    [Fact]
    public void Connected_with_nine_fields_has_the_tun_ipv6()
    {
        var entry = OpenVpnStateEntry.TryParse("1795594704,CONNECTED,SUCCESS,10.8.0.2,2001:db8::1,1194,192.0.2.2,41000,fd00:8::1000")!;

        Assert.Equal(IPAddress.Parse("fd00:8::1000"), entry.LocalAddressV6);
        Assert.Equal("[2001:db8::1]:1194", entry.Remote);
        Assert.Equal(IPAddress.Parse("192.0.2.2"), entry.LocalBindAddress);
        Assert.Equal(41000, entry.LocalBindPort);
    }

    [Theory]
    [InlineData("1795594698,CONNECTING,,,,,,", OpenVpnState.Connecting, "")]
    [InlineData("1795594704,WAIT,,,,,,", OpenVpnState.Wait, "")]
    [InlineData("1795594704,AUTH", OpenVpnState.Auth, "")]
    [InlineData("1795594704,RESOLVE,,", OpenVpnState.Resolve, "")]
    [InlineData("1795594704,TCP_CONNECT,,,,,,", OpenVpnState.TcpConnect, "")]
    [InlineData("1795594704,GET_CONFIG,,,,,,", OpenVpnState.GetConfig, "")]
    [InlineData("1795594704,AUTH_PENDING,timeout 300,,,,,", OpenVpnState.AuthPending, "timeout 300")]
    [InlineData("1795594704,ADD_ROUTES,,,,,,", OpenVpnState.AddRoutes, "")]
    [InlineData("1795594716,RECONNECTING,SIGUSR1,,,,,", OpenVpnState.Reconnecting, "SIGUSR1")]
    [InlineData("1795599676,RECONNECTING,ping-restart,,,,,", OpenVpnState.Reconnecting, "ping-restart")]
    [InlineData("1795599676,RECONNECTING,server_poll,,,,,", OpenVpnState.Reconnecting, "server_poll")]
    [InlineData("1795599676,RECONNECTING,connection-failed,,,,,", OpenVpnState.Reconnecting, "connection-failed")]
    [InlineData("1795599676,RECONNECTING,auth-failure (auth-token),,,,,", OpenVpnState.Reconnecting, "auth-failure (auth-token)")]
    [InlineData("1795594895,EXITING,auth-failure,,,,,", OpenVpnState.Exiting, "auth-failure")]
    [InlineData("1795599742,EXITING,SIGTERM,,,,,", OpenVpnState.Exiting, "SIGTERM")]
    [InlineData("1795599742,CONNECTED,ROUTE_ERROR,10.8.0.2,10.99.0.1,1194,,", OpenVpnState.Connected, "ROUTE_ERROR")]
    [InlineData("1795599742,SOMETHING_NEW,x", OpenVpnState.Unknown, "x")]
    public void States_and_reasons_with_missing_trailing_fields(string line, OpenVpnState state, string detail)
    {
        var entry = OpenVpnStateEntry.TryParse(line)!;

        Assert.Equal(state, entry.State);
        Assert.Equal(detail, entry.Detail);
        Assert.Equal(line.Split(',')[1], entry.Name);
        Assert.False(entry.IsConnectedSuccessfully);
    }

    [Fact]
    public void Assign_ip_has_only_the_local_address()
    {
        var entry = OpenVpnStateEntry.TryParse("1795594704,ASSIGN_IP,,10.8.77.2,,,,")!;

        Assert.Equal(IPAddress.Parse("10.8.77.2"), entry.LocalAddress);
        Assert.Null(entry.RemoteAddress);
        Assert.Null(entry.Remote);
    }

    [Theory]
    [InlineData("")]
    [InlineData("END")]
    [InlineData("notatime,CONNECTED")]
    [InlineData("1795594704")]
    [InlineData("1795594704,")]
    public void Not_a_state_line(string line) => Assert.Null(OpenVpnStateEntry.TryParse(line));

    [Fact]
    public void Numbers_are_not_taken_for_addresses()
    {
        var entry = OpenVpnStateEntry.TryParse("1795594704,CONNECTED,SUCCESS,10,1.2.3,99999,,")!;

        Assert.Null(entry.LocalAddress);
        Assert.Null(entry.RemoteAddress);
        Assert.Null(entry.RemotePort);
    }
}
