using Causeway.Core.Model;
using Xunit;

namespace Causeway.Integration.Tests.Access;

/// <summary>
/// Real OpenVPN 2.6 access servers started from Causeway's rendered configs and PKI store, and stock `openvpn`
/// clients started on the profiles `client add` returned, unmodified, each in its own namespace.
/// </summary>
public sealed class AccessServerTests
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_stock_client_connects_over_udp_with_the_profile_as_it_is_and_gets_what_the_server_pushes()
    {
        await using var scope = NetnsScope.Create();
        await using var world = await AccessWorld.CreateAsync(scope);
        await world.StartServersAsync();
        var profile = world.AddClient("phone");

        var phone = world.StartPhone("phone", world.PhoneA, profile);
        await phone.WaitForLineAsync("Initialization Sequence Completed", ConnectTimeout);

        var session = await world.WaitForSessionAsync("phone", present: true, Quick);
        Assert.Equal(AccessTransport.Udp, session!.Transport);
        Assert.True(phone.HasLogged("VERIFY X509NAME OK: CN=duo-test-access-server"), phone.Log);
        var reply = await phone.WaitForLineAsync("PUSH: Received control message: 'PUSH_REPLY", Quick);
        Assert.Contains("redirect-gateway def1 ipv6", reply, StringComparison.Ordinal);
        Assert.Contains("route 10.222.0.0 255.255.255.0", reply, StringComparison.Ordinal);
        Assert.Contains("dhcp-option DNS 10.9.0.1", reply, StringComparison.Ordinal);
        Assert.Contains("explicit-exit-notify 1", reply, StringComparison.Ordinal);
        Assert.Contains("ping 10,ping-restart 30", reply, StringComparison.Ordinal);
        Assert.Contains("block-ipv6", reply, StringComparison.Ordinal);
        Assert.False(phone.HasLogged("Options error"), phone.Log);

        var ping = await scope.TryExecAsync(world.PhoneA, "ping", "-c", "1", "-W", "5", "10.9.0.1");
        Assert.True(ping.Succeeded, $"ping 10.9.0.1 through the tunnel: {ping.StandardOutput}{ping.StandardError}");
    }

    [Fact]
    public async Task The_clients_ipv6_goes_into_the_tunnel_and_is_refused_there()
    {
        await using var scope = NetnsScope.Create();
        await using var world = await AccessWorld.CreateAsync(scope);
        await world.StartServersAsync();
        var phone = world.StartPhone("phone", world.PhoneA, world.AddClient("phone"));
        await phone.WaitForLineAsync("Initialization Sequence Completed", ConnectTimeout);

        var route = await scope.ExecAsync(world.PhoneA, "ip", "-6", "route", "get", "2001:db8::1");
        var ping = await scope.TryExecAsync(world.PhoneA, "ping", "-6", "-c", "1", "-W", "5", "2001:db8::1");

        Assert.Contains("dev tun", route.StandardOutput, StringComparison.Ordinal);
        Assert.False(ping.Succeeded);
        Assert.Contains("unreachable", ping.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_udp_blocked_the_same_profile_falls_back_to_tcp_443_within_seconds()
    {
        await using var scope = NetnsScope.Create();
        await using var world = await AccessWorld.CreateAsync(scope);
        await world.StartServersAsync();
        var profile = world.AddClient("phone");
        await world.BlockUdpAsync(world.PhoneB);

        // OpenVPN's default server-poll-timeout (120 s) would miss this wait by far; the profile's 4 s makes it.
        var phone = world.StartPhone("phone", world.PhoneB, profile);
        await phone.WaitForLineAsync("Initialization Sequence Completed", ConnectTimeout);

        var session = await world.WaitForSessionAsync("phone", present: true, Quick);
        Assert.Equal(AccessTransport.Tcp, session!.Transport);
        Assert.True(phone.HasLogged("Server poll timeout"), phone.Log);
        Assert.True(await world.UdpDropsAsync(world.PhoneB) > 0, "the UDP block dropped nothing: the client never tried UDP");
        var reply = await phone.WaitForLineAsync("PUSH: Received control message: 'PUSH_REPLY", Quick);
        Assert.Contains("socket-flags TCP_NODELAY", reply, StringComparison.Ordinal);
        Assert.Contains("dhcp-option DNS 10.9.0.129", reply, StringComparison.Ordinal);
        var ping = await scope.TryExecAsync(world.PhoneB, "ping", "-c", "1", "-W", "5", "10.9.0.129");
        Assert.True(ping.Succeeded, $"ping 10.9.0.129 through the TCP tunnel: {ping.StandardOutput}{ping.StandardError}");
    }

    [Fact]
    public async Task A_revoked_client_is_halted_at_once_and_refused_while_another_client_connects()
    {
        await using var scope = NetnsScope.Create();
        await using var world = await AccessWorld.CreateAsync(scope);
        var servers = await world.StartServersAsync();
        var phoneProfile = world.AddClient("phone");
        var laptopProfile = world.AddClient("laptop");
        var phone = world.StartPhone("phone", world.PhoneA, phoneProfile);
        var laptop = world.StartPhone("laptop", world.PhoneB, laptopProfile);
        await phone.WaitForLineAsync("Initialization Sequence Completed", ConnectTimeout);
        await laptop.WaitForLineAsync("Initialization Sequence Completed", ConnectTimeout);
        await world.WaitForSessionAsync("phone", present: true, Quick);

        var revocation = world.Clients.Revoke("phone");
        var killed = await world.Sessions.KillAsync(revocation.CommonName, TestContext.Current.CancellationToken);

        Assert.Empty(killed.Unreachable);
        Assert.Equal("phone", Assert.Single(killed.Sessions).CommonName);
        await phone.WaitForLineAsync("Halt command was pushed by server", Quick);
        await world.WaitForSessionAsync("phone", present: false, Quick);

        // The same profile again: the server refuses its certificate (crl-verify), and it never gets in.
        var again = world.StartPhone("phone again", world.PhoneA, phoneProfile);
        var udp = servers.Single(s => s.Name.StartsWith("udp", StringComparison.Ordinal));
        var refusal = await udp.WaitForLineAsync("certificate revoked", ConnectTimeout);
        Assert.Contains("CN=phone", refusal, StringComparison.Ordinal);
        Assert.False(again.HasLogged("Initialization Sequence Completed"), again.Log);
        Assert.Null((await world.Sessions.ReadAsync(TestContext.Current.CancellationToken)).Sessions.FirstOrDefault(s => s.CommonName == "phone"));

        // The other client was not touched, and a client can still connect.
        Assert.NotNull(await world.WaitForSessionAsync("laptop", present: true, Quick));
        var ping = await scope.TryExecAsync(world.PhoneB, "ping", "-c", "1", "-W", "5", "10.9.0.1");
        Assert.True(ping.Succeeded, $"the laptop lost its tunnel: {ping.StandardOutput}{ping.StandardError}");
        var tablet = world.StartPhone("tablet", world.PhoneB, world.AddClient("tablet"));
        await tablet.WaitForLineAsync("Initialization Sequence Completed", ConnectTimeout);
    }
}
