using System.Globalization;
using Causeway.Core.Model;
using Causeway.Engine.Daemon;
using Causeway.Engine.ZeroTier;
using Causeway.Lab.ZeroTier;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>
/// The running daemon's view of the overlay against the ZeroTier stand-in: looked at every reconcile interval,
/// kept as it was while zerotier-one is away or restarting, and shown with how fresh it is (issue 7, section 4).
/// </summary>
public sealed class OverlayWatchTests
{
    private const string Nwid = ZeroTierStandInScenario.CapturedNetworkId;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly ScriptedCommandRunner NoCommands = new();

    private static string Clock(DateTimeOffset when) => when.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static OverlayResolver Resolver(StandInScope scope) => new(new LinuxFileSystem(), NoCommands, scope.Time);

    private static OverlayWatch Watch(StandInScope scope, OverlayResolver resolver, TestLogger<OverlayWatch>? log = null) => new(
        resolver,
        new OverlaySettings(new ZeroTierOverlaySource(Nwid, scope.Home, null, TimeSpan.FromSeconds(30)), [], MasqueradeLans: true),
        Interval,
        scope.Time,
        log ?? new TestLogger<OverlayWatch>());

    [Fact]
    public async Task A_managed_default_route_removed_on_the_controller_shows_at_the_next_poll()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.LabUnoGateway());
        using var resolver = Resolver(scope);
        var watch = Watch(scope, resolver);
        await watch.StartAsync(Cancel);
        Assert.True(watch.Report(scope.Time.GetUtcNow()).ZeroTier?.DefaultRouteViaThisGateway);

        await scope.PostAsync($"/controller/network/{Nwid}", """{"routes":[{"target":"10.222.0.0/24","via":null},{"target":"fdcc:ca5e::/64","via":null}]}""");
        scope.Time.Advance(Interval);
        Assert.False(await watch.PollIfDueAsync(Cancel));

        var report = watch.Report(scope.Time.GetUtcNow());
        Assert.Equal(Interval, watch.PollInterval);
        Assert.False(report.ZeroTier?.DefaultRouteViaThisGateway);
        Assert.Equal(scope.Time.GetUtcNow(), report.LastContact);
        Assert.Null(report.Problem);
    }

    [Fact]
    public async Task A_zerotier_outage_keeps_the_overlay_and_says_since_when_then_turns_stale_and_clears_when_it_is_back()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.LabUnoGateway());
        using var resolver = Resolver(scope);
        var log = new TestLogger<OverlayWatch>();
        var watch = Watch(scope, resolver, log);
        var before = await watch.StartAsync(Cancel);
        var contact = scope.Time.GetUtcNow();

        await scope.StandIn.StopListeningAsync(Cancel);
        scope.Time.Advance(Interval);
        Assert.False(await watch.PollIfDueAsync(Cancel));
        var down = scope.Time.GetUtcNow();

        var report = watch.Report(down);
        Assert.Same(before, watch.Current);
        Assert.Equal(["10.222.0.1", "fdcc:ca5e::1"], report.Addresses);
        Assert.StartsWith($"ZeroTier API unreachable since {Clock(down)}: zerotier-one is not running on 127.0.0.1:{scope.StandIn.Port}", report.Problem, StringComparison.Ordinal);
        Assert.EndsWith($"keeping the overlay as last read at {Clock(contact)}", report.Problem, StringComparison.Ordinal);
        Assert.Equal(down, report.ProblemSince);
        Assert.Equal(contact, report.LastContact);
        Assert.False(report.Stale);

        for (var poll = 0; poll < 2; poll++)
        {
            scope.Time.Advance(Interval);
            await watch.PollIfDueAsync(Cancel);
        }

        report = watch.Report(scope.Time.GetUtcNow());
        Assert.True(report.Stale, "6 s without an answer, polled every 2 s");
        Assert.Equal(down, report.ProblemSince);
        Assert.Single(log.Lines, l => l.StartsWith("Warning: asking the overlay again: zerotier-one is not running", StringComparison.Ordinal));

        await scope.StandIn.StartListeningAsync(Cancel);
        scope.Time.Advance(Interval);
        await watch.PollIfDueAsync(Cancel);

        report = watch.Report(scope.Time.GetUtcNow());
        Assert.Null(report.Problem);
        Assert.Null(report.ProblemSince);
        Assert.False(report.Stale);
        Assert.Equal(scope.Time.GetUtcNow(), report.LastContact);
        Assert.Contains("Information: the overlay answers again after 6 s", log.Lines);
    }

    /// <summary>Right after a restart zerotier-one answers 404 for the network it has joined: not "the network was left".</summary>
    [Fact]
    public async Task A_restart_while_running_is_a_network_not_rejoined_yet_not_a_network_left()
    {
        var timings = ZeroTierStandInTimings.Default with { RejoinDelay = TimeSpan.FromSeconds(3) };
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.LabUnoGateway(), timings: timings);
        using var resolver = Resolver(scope);
        var watch = Watch(scope, resolver);
        var before = await watch.StartAsync(Cancel);

        await scope.StandIn.RestartAsync(Cancel);
        var restarted = scope.Time.GetUtcNow();
        scope.Time.Advance(Interval);
        Assert.False(await watch.PollIfDueAsync(Cancel));

        var report = watch.Report(scope.Time.GetUtcNow());
        Assert.Same(before, watch.Current);
        Assert.Equal($"ZeroTier network {Nwid} not rejoined yet after a restart of zerotier-one (404 since {Clock(restarted + Interval)})", report.Problem);

        scope.Time.Advance(Interval);
        await watch.PollIfDueAsync(Cancel);
        Assert.Null(watch.Report(scope.Time.GetUtcNow()).Problem);
        Assert.Equal(before.Facts.LocalAddresses, watch.Current.Facts.LocalAddresses);
    }

    [Fact]
    public async Task A_404_that_outlasts_the_wait_says_not_joined_with_the_fix_and_still_keeps_the_overlay()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.LabUnoGateway());
        using var resolver = Resolver(scope);
        var log = new TestLogger<OverlayWatch>();
        var watch = Watch(scope, resolver, log);
        await watch.StartAsync(Cancel);

        await scope.DeleteAsync($"/network/{Nwid}");
        scope.Time.Advance(Interval);
        await watch.PollIfDueAsync(Cancel);
        var since = scope.Time.GetUtcNow();
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += Interval)
        {
            scope.Time.Advance(Interval);
            await watch.PollIfDueAsync(Cancel);
        }

        var report = watch.Report(scope.Time.GetUtcNow());
        Assert.Equal(
            $"ZeroTier network {Nwid} not joined since {Clock(since)} (zerotier-one has answered 404 for it for longer than overlay.zerotier_wait_seconds): "
            + $"run `zerotier-cli join {Nwid}`, then authorize member fa8d1d33a9 on the network's controller",
            report.Problem);
        Assert.Equal(["10.222.0.1", "fdcc:ca5e::1"], report.Addresses);
        Assert.Single(log.Lines, l => l.StartsWith($"Error: ZeroTier network {Nwid} not joined since", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Looks_are_no_more_often_than_the_interval()
    {
        await using var scope = await StandInScope.StartAsync(ZeroTierStandInScenario.LabUnoGateway());
        using var resolver = Resolver(scope);
        var watch = Watch(scope, resolver);
        await watch.StartAsync(Cancel);
        var started = scope.Time.GetUtcNow();

        scope.Time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        await watch.PollIfDueAsync(Cancel);

        Assert.Equal(started, watch.LastContact);
    }
}
