using System.Net;
using Causeway.Core.Tunnel;
using Causeway.Engine.Daemon;
using Causeway.Engine.Hops;
using Xunit;

namespace Causeway.Engine.Tests.Hops;

/// <summary>
/// The hop watch over a scripted probe and a clock that moves only when the test says. Its loop's only timer is its
/// wait between rounds, so a timer created on the clock means "the round is over and published": every step below
/// returns then, after exactly one round.
/// </summary>
public sealed class HopWatchTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly IPAddress Overlay = IPAddress.Parse("10.222.0.1");
    private static readonly IPAddress Target = IPAddress.Parse("9.9.9.9");
    private static readonly IPAddress Gateway = IPAddress.Parse("10.222.0.5");
    private static readonly DateTimeOffset Start = TimerDrivenClock.Now;

    private readonly TimerDrivenClock _clock = new();
    private readonly ScriptedTunnelProbe _probe = new();
    private readonly ScriptedPeerPathSource _paths = new();
    private readonly TestLogger<HopWatch> _logger = new();
    private readonly StatusBoard _status = new(new StatusReport(
        "hops", 1, "0.0.0", Start, new TunnelStatusReport("Stopped", false, Start, null, null, null, null, [], 0, 0, 0, 0, null), null,
        new ReconcileStatusReport(false, null, 0, 0, 0, null, []), new KillSwitchReport(false, false, 0)));

    private HopWatch? _watch;

    private HopsReport Hops => _status.Current.Hops ?? throw new InvalidOperationException("no hops published");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_provider_egress_is_the_tunnel_then_the_internet_probed_from_the_overlay_address_along_the_clients_path()
    {
        var watch = Watch(Provider());
        Assert.Equal(["tunnel", "internet"], Hops.Items.Select(h => h.Id));
        Assert.All(Hops.Items, h => Assert.Equal("unknown", h.State));

        watch.Observe(Connected(Start), OverlayFacts());
        await StartAsync(watch);

        Assert.Equal((Overlay, Target), await _probe.SourcedCalls.ReadAsync(Cancel));
        var tunnel = Hops.Items[0];
        var internet = Hops.Items[1];
        Assert.Equal(("this host → provider over OpenVPN (tuncw0)", "up", Start), (tunnel.Name, tunnel.State, tunnel.Since));
        Assert.Equal(("internet through the provider", "up", 20.0, 0), (internet.Name, internet.State, internet.LastRoundTripMs, internet.FailuresInARow));
        Assert.Null(internet.Path);
        Assert.Null(Hops.FirstFailed);
        Assert.Equal("all hops up", Hops.Summary);
    }

    [Fact]
    public async Task Lost_probes_take_the_internet_down_since_the_first_lost_one_and_an_answer_brings_it_back()
    {
        var watch = Watch(Provider());
        watch.Observe(Connected(Start), OverlayFacts());
        await StartAsync(watch);
        _probe.Answers = false;

        await RoundAsync();
        await RoundAsync();
        Assert.Equal(("up", 2), (Hops.Items[1].State, Hops.Items[1].FailuresInARow));
        await RoundAsync();

        var internet = Hops.Items[1];
        Assert.Equal(("down", Start + Interval, 3), (internet.State, internet.Since, internet.FailuresInARow));
        Assert.Equal("internet", Hops.FirstFailed);
        Assert.StartsWith("provider reachable; internet through the provider: down since 12:00:01 (", Hops.Summary, StringComparison.Ordinal);
        Assert.Contains("Warning: internet through the provider: down since 12:00:01 (look at: the provider answers but carries nothing out", _logger.Text, StringComparison.Ordinal);

        _probe.Answers = true;
        await RoundAsync();
        Assert.Equal(("up", Start + (4 * Interval)), (Hops.Items[1].State, Hops.Items[1].Since));
        Assert.Null(Hops.FirstFailed);
    }

    [Fact]
    public async Task While_the_tunnel_is_down_the_internet_is_not_probed_but_unknown_and_the_summary_names_the_tunnel()
    {
        var watch = Watch(Provider());
        watch.Observe(Connected(Start), OverlayFacts());
        await StartAsync(watch);
        await _probe.SourcedCalls.ReadAsync(Cancel);

        watch.Observe(new TunnelStatus { State = TunnelState.Reconnecting, StateSince = Start.AddMilliseconds(500), ConnectionGeneration = 1 }, OverlayFacts());
        await RoundAsync();
        await RoundAsync();

        Assert.False(_probe.SourcedCalls.TryRead(out _), "the internet was probed while the tunnel was down");
        Assert.Equal(["down", "unknown"], Hops.Items.Select(h => h.State));
        Assert.Equal(Start.AddMilliseconds(500), Hops.Items[0].Since);
        Assert.Equal("tunnel", Hops.FirstFailed);
        Assert.StartsWith("this host → provider over OpenVPN (tuncw0): down since 12:00:00 (OpenVPN's last lines in `journalctl -u causeway`", Hops.Summary, StringComparison.Ordinal);

        watch.Observe(Connected(_clock.GetUtcNow()), OverlayFacts());
        await RoundAsync();
        Assert.Equal(["up", "up"], Hops.Items.Select(h => h.State));
    }

    [Fact]
    public async Task A_first_connection_still_coming_is_unknown_and_nothing_is_probed()
    {
        var watch = Watch(Provider());
        watch.Observe(new TunnelStatus { State = TunnelState.Connecting, StateSince = Start }, OverlayFacts());
        await StartAsync(watch);
        await RoundAsync();

        Assert.False(_probe.SourcedCalls.TryRead(out _));
        Assert.Equal(["unknown", "unknown"], Hops.Items.Select(h => h.State));
        Assert.Equal("no hop down (some not answered yet)", Hops.Summary);
    }

    [Fact]
    public async Task An_overlay_gateway_egress_is_the_gateway_over_zerotier_with_its_path_then_the_internet_through_it()
    {
        _paths.Path = Core.Hops.PeerPath.Relayed;
        var watch = Watch(Provider() with { OverlayGateway = Gateway });
        watch.Observe(Connected(Start), OverlayFacts());
        await StartAsync(watch);

        Assert.Equal(("zt2nvuuqiv", Gateway), await _paths.Calls.ReadAsync(Cancel));
        Assert.Equal(["gateway", "internet"], Hops.Items.Select(h => h.Id));
        var gateway = Hops.Items[0];
        Assert.Equal(("this host → gateway 10.222.0.5 over ZeroTier (zt2nvuuqiv)", "gateway 10.222.0.5", "relayed"), (gateway.Name, gateway.Reached, gateway.Path));
        Assert.Equal("internet through the gateway", Hops.Items[1].Name);
        Assert.StartsWith("all hops up; relayed, not direct (slow): this host → gateway 10.222.0.5 over ZeroTier", Hops.Summary, StringComparison.Ordinal);
        Assert.Contains("ZeroTier relays it, not direct", _logger.Text, StringComparison.Ordinal);

        _probe.Answers = false;
        for (var i = 0; i < 3; i++)
        {
            await RoundAsync();
        }

        Assert.StartsWith("gateway 10.222.0.5 reachable; internet through the gateway: down since 12:00:01 (`causeway status` on the gateway 10.222.0.5", Hops.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overlay_gateway_measured_by_its_supervisor_shows_its_round_trip_and_losses_as_they_come()
    {
        var measured = new Core.Hops.HopHealth(Core.Hops.HopState.Up, Start, 0, null, TimeSpan.FromMilliseconds(3.5));
        var watch = new HopWatch(Provider() with { OverlayGateway = Gateway }, _probe, _paths, _status, _clock, _logger, () => measured);
        _watch = watch;
        watch.Observe(Connected(Start), OverlayFacts());
        await StartAsync(watch);

        Assert.Equal(("up", 3.5, 0), (Hops.Items[0].State, Hops.Items[0].LastRoundTripMs, Hops.Items[0].FailuresInARow));
        Assert.Equal("up", Hops.Items[1].State);

        // Between two of the daemon's rounds: the next probe round shows it, and stops probing past it.
        measured = measured with { FailuresInARow = 2, FirstFailureAt = Start + Interval };
        await RoundAsync();
        Assert.Equal(("up", 2), (Hops.Items[0].State, Hops.Items[0].FailuresInARow));
        await _probe.SourcedCalls.ReadAsync(Cancel);
        await _probe.SourcedCalls.ReadAsync(Cancel);

        measured = measured with { State = Core.Hops.HopState.Down, Since = Start + Interval, FailuresInARow = 3 };
        await RoundAsync();
        Assert.Equal(("down", Start + Interval, 3), (Hops.Items[0].State, Hops.Items[0].Since, Hops.Items[0].FailuresInARow));
        Assert.Equal(("unknown", Start + Interval), (Hops.Items[1].State, Hops.Items[1].Since));
        Assert.Equal("gateway", Hops.FirstFailed);
        Assert.False(_probe.SourcedCalls.TryRead(out _), "the internet was probed past a gateway that is down");
    }

    [Fact]
    public async Task The_path_to_the_gateway_is_looked_up_again_every_path_interval_and_a_failed_look_is_no_path()
    {
        var watch = Watch(Provider() with { OverlayGateway = Gateway });
        watch.Observe(Connected(Start), OverlayFacts());
        await StartAsync(watch);
        await _paths.Calls.ReadAsync(Cancel);
        Assert.Equal("direct", Hops.Items[0].Path);

        _paths.Failure = new IOException("zerotier-one is not running on 127.0.0.1:9993 (start it: systemctl start zerotier-one)");
        for (var i = 1; i < HopWatch.PathInterval / Interval; i++)
        {
            await RoundAsync();
            Assert.False(_paths.Calls.TryRead(out _), $"looked up again after {i} s");
        }

        await RoundAsync();
        Assert.True(_paths.Calls.TryRead(out _));
        Assert.Null(Hops.Items[0].Path);
        Assert.Contains("looking up ZeroTier's path to the gateway 10.222.0.5: zerotier-one is not running", _logger.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_internet_probe_there_is_no_internet_hop_and_nothing_is_sent()
    {
        var watch = Watch(Provider() with { InternetProbe = null });
        watch.Observe(Connected(Start), OverlayFacts());
        await StartAsync(watch);

        Assert.Equal(["tunnel"], Hops.Items.Select(h => h.Id));
        Assert.False(_probe.SourcedCalls.TryRead(out _));
    }

    [Fact]
    public async Task An_echo_that_cannot_be_sent_is_no_lost_probe_and_is_said_once()
    {
        _probe.Failure = new IOException("opening a raw ICMP socket to probe 9.9.9.9: Operation not permitted (run as root?)");
        var watch = Watch(Provider());
        watch.Observe(Connected(Start), OverlayFacts());
        await StartAsync(watch);
        for (var i = 0; i < 4; i++)
        {
            await RoundAsync();
        }

        Assert.Equal(("unknown", 0), (Hops.Items[1].State, Hops.Items[1].FailuresInARow));
        Assert.Single(_logger.Lines, l => l.Contains("probing the internet (9.9.9.9 from 10.222.0.1): opening a raw ICMP socket", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_overlay_address_of_the_targets_family_nothing_is_sent_from_the_hosts_own_route()
    {
        var watch = Watch(Provider());
        watch.Observe(Connected(Start), FakeOverlaySource.Facts("zt2nvuuqiv", "fdcc:ca5e::1", "fdcc:ca5e::/64"));
        await StartAsync(watch);
        await RoundAsync();

        Assert.False(_probe.SourcedCalls.TryRead(out _), "an echo was sent without a client-path source");
        Assert.Equal("unknown", Hops.Items[1].State);
        Assert.Single(_logger.Lines, l => l.Contains("no IPv4 address on the overlay to probe 9.9.9.9 from", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }
    }

    private static HopWatchSettings Provider() => new(null, "tuncw0", Target, Interval, ZeroTier: true);

    private static Core.Model.OverlayFacts OverlayFacts() => FakeOverlaySource.Facts("zt2nvuuqiv", "10.222.0.1", "10.222.0.0/24");

    private static TunnelStatus Connected(DateTimeOffset since) => new()
    {
        State = TunnelState.Connected,
        StateSince = since,
        ConnectionGeneration = 1,
    };

    private HopWatch Watch(HopWatchSettings settings) => _watch = new HopWatch(settings, _probe, _paths, _status, _clock, _logger);

    /// <summary>Starts the loop: returns once its first round (at once) is over.</summary>
    private async Task StartAsync(HopWatch watch)
    {
        watch.Start();
        Assert.Equal(Interval, await _clock.NextTimerAsync(Cancel));
    }

    /// <summary>The probe interval passes: one round.</summary>
    private async Task RoundAsync()
    {
        _clock.Fake.Advance(Interval);
        Assert.Equal(Interval, await _clock.NextTimerAsync(Cancel));
    }
}
