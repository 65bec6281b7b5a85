using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Causeway.Core.ZeroTier;
using Causeway.Engine.ZeroTier;
using Causeway.Lab.ZeroTier;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Engine.Tests.ZeroTier;

public sealed class ZeroTierLocalClientTests
{
    private const string Nwid = ZeroTierStandInScenario.CapturedNetworkId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A loopback port nothing listens on: bound by us, then released.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Reads_the_token_and_the_port_from_the_home_directory_like_zerotier_cli()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());
        using var client = scope.CreateClient();

        var status = await client.GetStatusAsync(Cancel);
        var network = await client.TryGetNetworkAsync(Nwid, Cancel);

        Assert.Equal("fa8d1d33a9", status.Address);
        Assert.Equal(scope.StandIn.Port, status.Config.Settings.PrimaryPort);
        Assert.Equal("zt2nvuuqiv", network?.PortDeviceName);
    }

    [Fact]
    public async Task Sees_a_network_the_stand_in_joins_sets_and_leaves_as_zerotier_cli_would()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.LabUnoGateway() with { Networks = [] });
        using var client = scope.CreateClient();

        // `zerotier-cli join`, `set allowDefault=1` and `leave`: Causeway never does these, the stand-in must.
        var joined = await scope.PostAsync("/network/8bd5124fd6f4d0a1", "{}");
        var set = await scope.PostAsync("/network/8bd5124fd6f4d0a1", "{\"allowDefault\":true}");
        var seen = await client.TryGetNetworkAsync("8bd5124fd6f4d0a1", Cancel);

        Assert.Equal(ZeroTierNetworkStatus.RequestingConfiguration, Network(joined).StatusKind);
        Assert.True(Network(set).AllowDefault);
        Assert.True(seen?.AllowDefault);
        Assert.True(seen?.AllowManaged);
        Assert.Equal("{\"result\":true}", (await scope.DeleteAsync("/network/8bd5124fd6f4d0a1")).Body);
        Assert.Equal("{}", (await scope.DeleteAsync("/network/8bd5124fd6f4d0a1")).Body); // not joined: 200 {}, like zerotier-one
        Assert.Null(await client.TryGetNetworkAsync("8bd5124fd6f4d0a1", Cancel));
    }

    private static ZeroTierNetwork Network(StandInReply reply) =>
        JsonSerializer.Deserialize(reply.Body, ZeroTierJsonContext.Default.ZeroTierNetwork)!;

    [Fact]
    public async Task A_token_with_whitespace_around_it_is_trimmed()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());
        File.WriteAllText(Path.Combine(scope.Home, "authtoken.secret"), $"  {scope.StandIn.AuthToken}\r\n\n");
        using var client = scope.CreateClient();

        Assert.Equal("fa8d1d33a9", (await client.GetStatusAsync(Cancel)).Address);
    }

    [Fact]
    public async Task Nothing_listening_is_zerotier_one_not_running_with_how_to_start_it()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("authtoken.secret"), "abc");
        var port = FreePort();
        using var client = new ZeroTierLocalClient(new LinuxFileSystem(), home.Path, port);

        var error = await Assert.ThrowsAsync<ZeroTierApiException>(() => client.GetStatusAsync(Cancel));

        Assert.Equal(ZeroTierApiErrorKind.DaemonNotRunning, error.Kind);
        Assert.StartsWith($"zerotier-one is not running on 127.0.0.1:{port} (start it: systemctl start zerotier-one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_the_default_port_the_message_is_the_plain_one()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("authtoken.secret"), "abc");
        var refused = new StubHandler(_ => throw new HttpRequestException(
            HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:9993)", new SocketException((int)SocketError.ConnectionRefused)));
        using var client = new ZeroTierLocalClient(new LinuxFileSystem(), home.Path, handler: refused);

        var error = await Assert.ThrowsAsync<ZeroTierApiException>(() => client.GetStatusAsync(Cancel));

        Assert.Equal("zerotier-one is not running on 127.0.0.1:9993 (start it: systemctl start zerotier-one)", error.Message);
        Assert.Equal(new Uri("http://127.0.0.1:9993/status"), Assert.Single(refused.Requests).RequestUri);
    }

    [Fact]
    public async Task A_missing_token_says_where_it_looked()
    {
        using var home = new TempDirectory();
        using var client = new ZeroTierLocalClient(new LinuxFileSystem(), home.Path, FreePort());

        var error = await Assert.ThrowsAsync<ZeroTierApiException>(() => client.GetStatusAsync(Cancel));

        Assert.Equal(ZeroTierApiErrorKind.TokenUnreadable, error.Kind);
        Assert.Contains($"{home.File("authtoken.secret")} does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_token_says_run_as_root()
    {
        const string home = "/var/lib/zerotier-one";
        var fileSystem = new InMemoryFileSystem().AddFile($"{home}/authtoken.secret", "token").DenyRead($"{home}/authtoken.secret");
        using var client = new ZeroTierLocalClient(fileSystem, home, FreePort());

        var error = await Assert.ThrowsAsync<ZeroTierApiException>(() => client.GetStatusAsync(Cancel));

        Assert.Equal(ZeroTierApiErrorKind.TokenUnreadable, error.Kind);
        Assert.Contains("permission denied", error.Message, StringComparison.Ordinal);
        Assert.Contains("run as root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_is_a_401_that_names_the_token_file()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());
        File.WriteAllText(Path.Combine(scope.Home, "authtoken.secret"), "notthetoken");
        using var client = scope.CreateClient();

        var error = await Assert.ThrowsAsync<ZeroTierApiException>(() => client.GetStatusAsync(Cancel));

        Assert.Equal(ZeroTierApiErrorKind.Unauthorized, error.Kind);
        Assert.Contains("(401)", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(scope.Home, "authtoken.secret"), error.Message, StringComparison.Ordinal);

        // The token is read again after a 401: fixing the file fixes the client.
        File.WriteAllText(Path.Combine(scope.Home, "authtoken.secret"), scope.StandIn.AuthToken);
        Assert.Equal("fa8d1d33a9", (await client.GetStatusAsync(Cancel)).Address);
    }

    [Fact]
    public async Task A_network_not_joined_is_none()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());
        using var client = scope.CreateClient();

        Assert.Null(await client.TryGetNetworkAsync("8bd5124fd6f4d0a1", Cancel));
    }

    [Fact]
    public async Task An_unknown_path_is_told_apart_from_a_network_not_joined()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("authtoken.secret"), "abc");
        using var client = new ZeroTierLocalClient(new LinuxFileSystem(), home.Path, 9993, StubHandler.Answering(HttpStatusCode.NotFound, ""));

        var error = await Assert.ThrowsAsync<ZeroTierApiException>(() => client.TryGetNetworkAsync(Nwid, Cancel));

        Assert.Equal(ZeroTierApiErrorKind.UnknownPath, error.Kind);
        Assert.Contains($"does not know GET /network/{Nwid} (404)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_the_expected_JSON_is_an_unexpected_response()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("authtoken.secret"), "abc");
        using var client = new ZeroTierLocalClient(new LinuxFileSystem(), home.Path, 9993, StubHandler.Answering(HttpStatusCode.OK, "<html>hello</html>"));

        var error = await Assert.ThrowsAsync<ZeroTierApiException>(() => client.GetStatusAsync(Cancel));

        Assert.Equal(ZeroTierApiErrorKind.UnexpectedResponse, error.Kind);
        Assert.Contains("<html>hello</html>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_file_without_a_port_is_named()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("authtoken.secret"), "abc");
        File.WriteAllText(home.File("zerotier-one.port"), "ninety");
        using var client = new ZeroTierLocalClient(new LinuxFileSystem(), home.Path);

        var error = await Assert.ThrowsAsync<ZeroTierApiException>(() => client.GetStatusAsync(Cancel));

        Assert.Equal(ZeroTierApiErrorKind.PortFileInvalid, error.Kind);
        Assert.Contains($"{home.File("zerotier-one.port")} holds 'ninety'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_port_file_is_transient_and_said_so_not_a_bad_port()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("authtoken.secret"), "abc");
        File.WriteAllText(home.File("zerotier-one.port"), "");
        using var client = new ZeroTierLocalClient(new LinuxFileSystem(), home.Path);

        var error = await Assert.ThrowsAsync<ZeroTierApiException>(() => client.GetStatusAsync(Cancel));

        Assert.Equal(ZeroTierApiErrorKind.PortFileEmpty, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Contains($"{home.File("zerotier-one.port")} is empty (zerotier-one rewrites it in place when it starts;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_transient_and_names_the_endpoint()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("authtoken.secret"), "abc");
        var port = FreePort();
        using var client = new ZeroTierLocalClient(new LinuxFileSystem(), home.Path, port);

        var error = await Assert.ThrowsAsync<ZeroTierApiException>(() => client.GetStatusAsync(Cancel));

        Assert.Equal(ZeroTierApiErrorKind.DaemonNotRunning, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Equal($"127.0.0.1:{port}", error.Endpoint);
    }

    [Fact]
    public async Task Without_a_port_file_the_port_is_9993_and_a_configured_port_wins_over_the_file()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("authtoken.secret"), "abc");
        var handler = StubHandler.Answering(HttpStatusCode.OK, "{}");
        using (var client = new ZeroTierLocalClient(new LinuxFileSystem(), home.Path, handler: handler))
        {
            await client.GetStatusAsync(Cancel);
        }

        File.WriteAllText(home.File("zerotier-one.port"), "9994\n");
        using (var client = new ZeroTierLocalClient(new LinuxFileSystem(), home.Path, port: 19993, handler: handler))
        {
            await client.GetStatusAsync(Cancel);
        }

        Assert.Equal([9993, 19993], handler.Requests.Select(r => r.RequestUri!.Port));
        Assert.All(handler.Requests, r => Assert.Equal("abc", r.Headers.GetValues("X-ZT1-Auth").Single()));
    }
}
