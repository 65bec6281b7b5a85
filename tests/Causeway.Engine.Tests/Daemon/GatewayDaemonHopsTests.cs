using System.Net;
using Causeway.Core.Tunnel;
using Causeway.Engine.Hops;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>
/// The daemon tells the hop watch the tunnel's status every round, starts its probes with OpenVPN and stops them with
/// the daemon: the status shows each hop as the loop last saw it (<see cref="DaemonHarness"/>; the watch has a clock
/// of its own).
/// </summary>
public sealed class GatewayDaemonHopsTests
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    private readonly TimerDrivenClock _probeClock = new();
    private readonly ScriptedTunnelProbe _probe = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_round_publishes_the_tunnel_hop_and_the_internet_is_probed_from_the_overlay_address_once_it_is_up()
    {
        await using var harness = Harness();
        Assert.Equal(["unknown", "unknown"], harness.Status.Current.Hops!.Items.Select(h => h.State));

        await harness.StartAsync();
        Assert.Equal(ProbeInterval, await _probeClock.NextTimerAsync(Cancel));
        Assert.False(_probe.SourcedCalls.TryRead(out _), "probed before the tunnel was up");

        harness.Fake.Advance(TimeSpan.FromSeconds(1));
        await harness.ConnectAsync(generation: 1);
        var tunnel = harness.Status.Current.Hops!.Items[0];
        Assert.Equal(("tunnel", "up", DaemonHarness.Start.AddSeconds(1)), (tunnel.Id, tunnel.State, tunnel.Since));
        Assert.Equal("this host → provider over OpenVPN (tuncw0)", tunnel.Name);

        _probeClock.Fake.Advance(ProbeInterval);
        Assert.Equal(ProbeInterval, await _probeClock.NextTimerAsync(Cancel));
        Assert.Equal((IPAddress.Parse("10.222.0.1"), IPAddress.Parse("9.9.9.9")), await _probe.SourcedCalls.ReadAsync(Cancel));
        Assert.Equal("all hops up", harness.Status.Current.Hops!.Summary);

        await harness.PublishAsync(new TunnelStatus
        {
            State = TunnelState.Reconnecting,
            StateSince = harness.Clock.GetUtcNow(),
            Detail = "ping-restart",
            ConnectionGeneration = 1,
        });
        var hops = harness.Status.Current.Hops!;
        Assert.Equal(["down", "unknown"], hops.Items.Select(h => h.State));
        Assert.Equal("tunnel", hops.FirstFailed);
        Assert.StartsWith("this host → provider over OpenVPN (tuncw0): down since 06:00:01 (", hops.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_probes_start_with_openvpn_and_stop_with_the_daemon()
    {
        HopWatch? watch = null;
        var harness = Harness(w => watch = w);
        harness.OnTunnelStart = () => Assert.False(watch!.IsRunning, "probing before OpenVPN started");

        await harness.StartAsync();
        Assert.True(watch!.IsRunning);
        await harness.DisposeAsync();

        Assert.False(watch.IsRunning);
    }

    private DaemonHarness Harness(Action<HopWatch>? made = null) => new(hops: harness =>
    {
        var watch = new HopWatch(
            HopWatchSettings.From(harness.Settings) with { ProbeInterval = ProbeInterval },
            _probe,
            null,
            harness.Status,
            _probeClock,
            new TestLogger<HopWatch>());
        made?.Invoke(watch);
        return watch;
    });
}
