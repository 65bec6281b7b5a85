using System.Net;
using Causeway.Core.Model;
using Causeway.Engine.ZeroTier;
using Causeway.Lab.ZeroTier;
using Causeway.Linux.Platform;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.ZeroTier;

public sealed class OverlayResolverTests
{
    private const string Nwid = ZeroTierStandInScenario.CapturedNetworkId;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly ScriptedCommandRunner NoCommands = new();

    private static OverlaySettings ZeroTier(StandInScope scope, TimeSpan? wait = null, string networkId = Nwid) => new(
        new ZeroTierOverlaySource(networkId, scope.Home, null, wait ?? TimeSpan.FromSeconds(30)),
        [],
        MasqueradeLans: true);

    private static OverlaySettings Interface(string name, params string[] subnets) => new(
        new InterfaceOverlaySource(name, [.. subnets.Select(IPNetwork.Parse)]),
        [],
        MasqueradeLans: true);

    [Fact]
    public async Task An_OK_network_resolves_to_its_facts_and_a_summary()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());
        using var resolver = new OverlayResolver(new LinuxFileSystem(), NoCommands, scope.Time);

        var resolution = await resolver.ResolveAsync(ZeroTier(scope), Cancel);

        Assert.Equal("zt2nvuuqiv", resolution.Facts.InterfaceName);
        Assert.Equal([IPNetwork.Parse("10.222.0.0/24")], resolution.Facts.Subnets);
        Assert.Equal([IPAddress.Parse("10.222.0.1")], resolution.Facts.LocalAddresses);
        var summary = Assert.IsType<Causeway.Core.ZeroTier.ZeroTierNetworkSummary>(resolution.ZeroTier);
        Assert.Equal(("zt-acceptance", "OK", "fa8d1d33a9", "1.14.1"), (summary.Name, summary.Status, summary.NodeAddress, summary.Version));
        Assert.False(summary.DefaultRoute.IsRoutedViaThisGateway);
        Assert.Contains("""{"target":"0.0.0.0/0","via":"10.222.0.1"}""", summary.DefaultRoute.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lab_gateway_has_IPv6_and_the_default_route_via_itself()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.LabUnoGateway());
        using var resolver = new OverlayResolver(new LinuxFileSystem(), NoCommands, scope.Time);

        var resolution = await resolver.ResolveAsync(ZeroTier(scope), Cancel);

        Assert.Equal([IPNetwork.Parse("10.222.0.0/24"), IPNetwork.Parse("fdcc:ca5e::/64")], resolution.Facts.Subnets);
        Assert.Equal([IPAddress.Parse("10.222.0.1"), IPAddress.Parse("fdcc:ca5e::1")], resolution.Facts.LocalAddresses);
        Assert.True(resolution.ZeroTier?.DefaultRoute.IsRoutedViaThisGateway);
    }

    private static string Waiting(string what) => $"Information: {what}; up to 30 s (overlay.zerotier_wait_seconds)";

    [Fact]
    public async Task Zerotier_one_that_never_listens_is_waited_for_then_an_API_error_with_its_message()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("authtoken.secret"), "abc");
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var clock = new TimerDrivenClock(new FakeTimeProvider(StandInScope.Start));
        var log = new TestLogger<OverlayResolver>();
        using var resolver = new OverlayResolver(new LinuxFileSystem(), NoCommands, clock, logger: log);
        var settings = new OverlaySettings(new ZeroTierOverlaySource(Nwid, home.Path, port, TimeSpan.FromSeconds(30)), [], true);

        var error = await Assert.ThrowsAsync<OverlayResolutionException>(() => clock.DriveAsync(resolver.ResolveAsync(settings, Cancel), Cancel));

        Assert.Equal(OverlayResolutionErrorKind.ZeroTierApiError, error.Kind);
        Assert.Equal(ZeroTierApiErrorKind.DaemonNotRunning, error.ApiError);
        Assert.StartsWith($"zerotier-one is not running on 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; waited 30 s (overlay.zerotier_wait_seconds)", error.Message, StringComparison.Ordinal);
        Assert.Equal(StandInScope.Start + TimeSpan.FromSeconds(30), clock.GetUtcNow());
        Assert.Equal([Waiting($"waiting for zerotier-one's API on 127.0.0.1:{port}: connection refused (not started yet, or restarting)")], log.Lines);
    }

    [Fact]
    public async Task A_network_not_joined_for_the_whole_wait_says_join_and_authorize_with_the_node_address()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());
        var clock = new TimerDrivenClock(scope.Time);
        using var resolver = new OverlayResolver(new LinuxFileSystem(), NoCommands, clock);

        var error = await Assert.ThrowsAsync<OverlayResolutionException>(
            () => clock.DriveAsync(resolver.ResolveAsync(ZeroTier(scope, networkId: "8bd5124fd6f4d0a1"), Cancel), Cancel));

        Assert.Equal(OverlayResolutionErrorKind.NotJoined, error.Kind);
        Assert.Contains("zerotier-cli join 8bd5124fd6f4d0a1", error.Message, StringComparison.Ordinal);
        Assert.Contains("authorize member fa8d1d33a9", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(still not joined after waiting 30 s, overlay.zerotier_wait_seconds)", error.Message, StringComparison.Ordinal);
        Assert.Equal(StandInScope.Start + TimeSpan.FromSeconds(30), scope.Time.GetUtcNow());
    }

    /// <summary>
    /// A gateway booting: zerotier-one does not listen yet, then its API answers before it has rejoined the network
    /// (404 `{}`; 1 s here so that a poll lands in it). `up` waits through both, saying what for, as it waits for
    /// REQUESTING_CONFIGURATION; it used to exit at once, or say to run `zerotier-cli join`.
    /// </summary>
    [Fact]
    public async Task At_boot_the_API_not_listening_yet_and_a_network_not_rejoined_yet_are_waited_for()
    {
        var timings = ZeroTierStandInTimings.Default with { RejoinDelay = TimeSpan.FromSeconds(1) };
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured(), timings: timings, listenAtStart: false);
        var clock = new TimerDrivenClock(scope.Time);
        var log = new TestLogger<OverlayResolver>();
        using var resolver = new OverlayResolver(new LinuxFileSystem(), NoCommands, clock, logger: log);

        var resolving = resolver.ResolveAsync(ZeroTier(scope), Cancel);
        Assert.Equal(OverlayResolver.FirstPollDelay, await clock.NextTimerAsync(Cancel));
        await scope.StandIn.StartListeningAsync(Cancel);
        scope.Time.Advance(OverlayResolver.FirstPollDelay);
        var resolution = await clock.DriveAsync(resolving, Cancel);

        Assert.Equal([IPAddress.Parse("10.222.0.1")], resolution.Facts.LocalAddresses);
        Assert.Equal(
            [
                Waiting($"waiting for zerotier-one's API on 127.0.0.1:{scope.StandIn.Port}: connection refused (not started yet, or restarting)"),
                Waiting($"waiting: ZeroTier network {Nwid} not rejoined yet after a restart of zerotier-one (it answers 404 for it)"),
            ],
            log.Lines);
        Assert.InRange(scope.Time.GetUtcNow() - StandInScope.Start, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_port_file_being_rewritten_is_waited_for_not_a_bad_port()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());
        scope.StandIn.EmptyPortFile();
        var clock = new TimerDrivenClock(scope.Time);
        var log = new TestLogger<OverlayResolver>();
        using var resolver = new OverlayResolver(new LinuxFileSystem(), NoCommands, clock, logger: log);

        var resolving = resolver.ResolveAsync(ZeroTier(scope), Cancel);
        await clock.NextTimerAsync(Cancel);
        File.WriteAllText(Path.Combine(scope.Home, ZeroTierLocalClient.PortFileName), scope.StandIn.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        scope.Time.Advance(OverlayResolver.FirstPollDelay);
        var resolution = await clock.DriveAsync(resolving, Cancel);

        Assert.Equal("zt2nvuuqiv", resolution.Facts.InterfaceName);
        Assert.Equal([Waiting("waiting: zerotier-one.port is empty (being rewritten)")], log.Lines);
    }

    [Fact]
    public async Task One_look_waits_for_nothing_and_says_a_restart_is_transient()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.Captured());
        await scope.StandIn.RestartAsync(Cancel);
        using var resolver = new OverlayResolver(new LinuxFileSystem(), NoCommands, scope.Time);

        var error = await Assert.ThrowsAsync<OverlayResolutionException>(() => resolver.LookAsync(ZeroTier(scope), Cancel));

        Assert.True(error.IsTransient);
        Assert.Equal(OverlayResolutionErrorKind.NotJoined, error.Kind);
        Assert.Equal($"ZeroTier network {Nwid} is not listed by zerotier-one (404): not rejoined yet after a restart, or left", error.Message);
        Assert.Equal(StandInScope.Start, scope.Time.GetUtcNow());
    }

    [Fact]
    public async Task Access_denied_fails_at_once_naming_the_member_to_authorize()
    {
        var captured = ZeroTierStandInScenario.Captured();
        var scenario = captured with { Networks = [captured.Networks[0] with { Members = [] }] };
        await using var scope = await StandInScope.StartAsync(scenario);
        var clock = new TimerDrivenClock(scope.Time);
        using var resolver = new OverlayResolver(new LinuxFileSystem(), NoCommands, clock);

        var error = await Assert.ThrowsAsync<OverlayResolutionException>(() => clock.DriveAsync(resolver.ResolveAsync(ZeroTier(scope), Cancel), Cancel));

        Assert.Equal(OverlayResolutionErrorKind.NetworkUnusable, error.Kind);
        Assert.Equal(Causeway.Core.ZeroTier.ZeroTierNetworkProblemKind.AccessDenied, error.Problem?.Kind);
        Assert.Contains("authorize member fa8d1d33a9", error.Message, StringComparison.Ordinal);
        Assert.Equal(StandInScope.Start, scope.Time.GetUtcNow());
    }

    [Fact]
    public async Task Requesting_configuration_is_waited_for_until_the_network_is_OK()
    {
        var captured = ZeroTierStandInScenario.Captured();
        await using var scope = await StandInScope.StartAsync(captured with { Networks = [captured.Networks[0] with { Joined = false }] });
        // What `zerotier-cli join` does (Causeway never joins).
        Assert.Equal(HttpStatusCode.OK, (await scope.PostAsync($"/network/{Nwid}", "{}")).Status);

        var clock = new TimerDrivenClock(scope.Time);
        using var resolver = new OverlayResolver(new LinuxFileSystem(), NoCommands, clock);

        var resolution = await clock.DriveAsync(resolver.ResolveAsync(ZeroTier(scope), Cancel), Cancel);

        Assert.Equal([IPAddress.Parse("10.222.0.1")], resolution.Facts.LocalAddresses);
        var waited = scope.Time.GetUtcNow() - StandInScope.Start;
        Assert.InRange(waited, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_authorization_during_the_wait_is_waited_through_until_the_address_arrives()
    {
        var captured = ZeroTierStandInScenario.Captured();
        var scenario = captured with { Networks = [captured.Networks[0] with { Members = [] }] };
        await using var scope = await StandInScope.StartAsync(scenario);
        await scope.PostAsync($"/controller/network/{Nwid}/member/fa8d1d33a9", """{"authorized":true}""");
        scope.Time.Advance(TimeSpan.FromSeconds(1));
        var clock = new TimerDrivenClock(scope.Time);
        using var resolver = new OverlayResolver(new LinuxFileSystem(), NoCommands, clock);

        // OK but no address yet: the pool assigns one on the next request, 3 s after the authorization.
        var resolution = await clock.DriveAsync(resolver.ResolveAsync(ZeroTier(scope), Cancel), Cancel);

        // 10.222.0.10 + (0x8d1d33a9 mod 240): the controller's pool algorithm for member fa8d1d33a9.
        Assert.Equal([IPAddress.Parse("10.222.0.115")], resolution.Facts.LocalAddresses);
        Assert.True(scope.Time.GetUtcNow() >= StandInScope.Start + TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_network_that_stays_unconfigured_times_out_with_a_clear_error_at_the_deadline()
    {
        var captured = ZeroTierStandInScenario.Captured();
        var scenario = captured with { Networks = [captured.Networks[0] with { Status = "REQUESTING_CONFIGURATION" }] };
        await using var scope = await StandInScope.StartAsync(scenario);
        var clock = new TimerDrivenClock(scope.Time);
        using var resolver = new OverlayResolver(new LinuxFileSystem(), NoCommands, clock);

        var error = await Assert.ThrowsAsync<OverlayResolutionException>(
            () => clock.DriveAsync(resolver.ResolveAsync(ZeroTier(scope, TimeSpan.FromSeconds(5)), Cancel), Cancel));

        Assert.Equal(OverlayResolutionErrorKind.ConfigurationTimeout, error.Kind);
        Assert.StartsWith($"ZeroTier network {Nwid} is still not usable after waiting 5 s (overlay.zerotier_wait_seconds): ZeroTier network {Nwid} is REQUESTING_CONFIGURATION", error.Message, StringComparison.Ordinal);
        Assert.Contains("controller 2f5042fc3b", error.Message, StringComparison.Ordinal);
        Assert.Equal(StandInScope.Start + TimeSpan.FromSeconds(5), scope.Time.GetUtcNow());
    }

    [Fact]
    public async Task A_plain_interface_gives_its_global_addresses_and_the_configured_subnets()
    {
        const string output = """
            [{"ifindex":7,"ifname":"wg0","flags":["POINTOPOINT","UP","LOWER_UP"],"mtu":1420,"operstate":"UNKNOWN",
              "addr_info":[{"family":"inet","local":"10.147.17.23","prefixlen":24,"scope":"global","label":"wg0"},
                           {"family":"inet6","local":"fd00:147::23","prefixlen":64,"scope":"global"},
                           {"family":"inet6","local":"fe80::1","prefixlen":64,"scope":"link"}]}]
            """;
        var runner = new ScriptedCommandRunner().Answer("ip -json addr show dev wg0", output);
        using var resolver = new OverlayResolver(new LinuxFileSystem(), runner, new FakeTimeProvider());

        var resolution = await resolver.ResolveAsync(Interface("wg0", "10.147.17.0/24"), Cancel);

        Assert.Equal(new[] { "-json", "addr", "show", "dev", "wg0" }, Assert.Single(runner.Commands).Arguments);
        Assert.Equal("ip", runner.Commands[0].Program);
        Assert.Equal("wg0", resolution.Facts.InterfaceName);
        Assert.Equal([IPNetwork.Parse("10.147.17.0/24")], resolution.Facts.Subnets);
        Assert.Equal([IPAddress.Parse("10.147.17.23"), IPAddress.Parse("fd00:147::23")], resolution.Facts.LocalAddresses);
        Assert.Null(resolution.ZeroTier);
    }

    [Theory]
    [InlineData(1, "", "Device \"wg0\" does not exist.\n", OverlayResolutionErrorKind.InterfaceMissing, "does not exist")]
    [InlineData(0, """[{"ifname":"wg0","addr_info":[{"family":"inet6","local":"fe80::1","scope":"link"}]}]""", "", OverlayResolutionErrorKind.InterfaceWithoutAddress, "has no address")]
    [InlineData(0, "garbage", "", OverlayResolutionErrorKind.InterfaceQueryFailed, "not ip's JSON")]
    [InlineData(255, "", "RTNETLINK answers: Operation not permitted\n", OverlayResolutionErrorKind.InterfaceQueryFailed, "(run as root?)")]
    public async Task A_plain_interface_that_cannot_be_used_says_why(int exitCode, string stdout, string stderr, OverlayResolutionErrorKind kind, string hint)
    {
        using var resolver = new OverlayResolver(new LinuxFileSystem(), new ScriptedCommandRunner().Answer("ip -json addr show dev wg0", stdout, exitCode, stderr), new FakeTimeProvider());

        var error = await Assert.ThrowsAsync<OverlayResolutionException>(() => resolver.ResolveAsync(Interface("wg0", "10.147.17.0/24"), Cancel));

        Assert.Equal(kind, error.Kind);
        Assert.Contains("wg0", error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }
}
