using Causeway.Core.Planning;
using Causeway.Core.Tunnel;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>
/// What the daemon tells systemd (`Type=notify`) as it runs, on the loop's fakes and a clock only the test moves: READY
/// once the kill switch is in place, WATCHDOG only as rounds complete, a STATUS a person reads, STOPPING at the end.
/// </summary>
public sealed class GatewayDaemonServiceTests
{
    [Fact]
    public async Task Ready_comes_once_the_kill_switch_is_in_place_and_before_the_tunnel_starts()
    {
        await using var harness = new DaemonHarness();
        var owned = harness.Owned;
        (IReadOnlyList<string> Rules, IReadOnlyList<string>? Nft, int TunnelStarts)? atReady = null;
        harness.Service.OnNotify = message =>
        {
            if (message.Split('\n').Contains("READY=1"))
            {
                atReady ??= (harness.Host.Rules, harness.Host.NftRuleComments(owned.NftTable), harness.Tunnel.Starts);
            }
        };

        await harness.StartAsync();

        Assert.NotNull(atReady);
        var (rules, nft, tunnelStarts) = atReady.Value;
        Assert.Contains($"-4 priority {owned.CatchAllPriority} iif zt0 lookup {owned.RouteTable}", rules);
        Assert.NotNull(nft);
        Assert.Contains(Planner.LeakRuleComment, nft);
        Assert.Equal(0, tunnelStarts);
        Assert.Equal(["READY=1", "STATUS=kill switch in place; starting the tunnel"], harness.Service.Assignments);
    }

    [Fact]
    public async Task Watchdog_pings_come_from_completed_rounds_at_most_every_half_timeout()
    {
        await using var harness = new DaemonHarness(watchdog: TimeSpan.FromSeconds(10));
        await harness.StartAsync();
        Assert.Equal(0, harness.Service.Count("WATCHDOG"));

        var pings = new List<int>();
        for (var round = 1; round <= 7; round++)
        {
            await harness.RoundAsync();
            pings.Add(harness.Service.Count("WATCHDOG"));
        }

        // Rounds every 2 s, a ping when 5 s have passed since the last: at 2 s, 8 s and 14 s.
        Assert.Equal([1, 1, 1, 2, 2, 2, 3], pings);
    }

    [Fact]
    public async Task A_round_that_hangs_stops_the_watchdog_pings_however_much_time_passes()
    {
        await using var harness = new DaemonHarness(watchdog: TimeSpan.FromSeconds(4));
        await harness.StartAsync();
        await harness.ConnectAsync(generation: 1);
        await harness.RoundAsync();
        var pings = harness.Service.Count("WATCHDOG");
        Assert.True(pings > 0, "no watchdog ping from the rounds before the hang");

        // Someone deletes the nft table; the `nft -f` that would put it back never returns.
        harness.Host.DeleteNftTable(harness.Owned.NftTable);
        harness.Host.HangOnce(c => c.ToString() == "nft -f -");
        var applies = harness.Host.Ran.Count(l => l == "nft -f -");
        harness.Fake.Advance(DaemonHarness.Interval);
        await Eventually.WaitUntilAsync(() => harness.Host.Ran.Count(l => l == "nft -f -") > applies, "the round to reach its nft -f");

        for (var i = 0; i < 30; i++)
        {
            harness.Fake.Advance(DaemonHarness.Interval);
        }

        // The loop never waited again (no timer of its own), and not one ping was sent: systemd would restart it.
        Assert.Equal(pings, harness.Service.Count("WATCHDOG"));
        Assert.Null(harness.Host.NftRuleComments(harness.Owned.NftTable));
    }

    [Fact]
    public async Task The_status_line_follows_the_tunnel_and_is_sent_when_it_changes()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();
        await harness.RoundAsync();
        await harness.ConnectAsync(generation: 1);
        await harness.RoundAsync();
        await harness.PublishAsync(harness.Tunnel.Current with { State = TunnelState.Reconnecting, StateSince = harness.Clock.GetUtcNow(), Detail = "ping-restart" });

        var statuses = harness.Service.Assignments.Where(a => a.StartsWith("STATUS=", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "STATUS=kill switch in place; starting the tunnel",
                "STATUS=tunnel stopped since 06:00:00; kill switch holding",
                "STATUS=tunnel up since 06:00:02 via 10.8.0.1; kill switch on",
                "STATUS=tunnel reconnecting since 06:00:04 (ping-restart); kill switch holding",
            ],
            statuses);
    }

    [Fact]
    public async Task Stopping_is_said_once_and_is_the_last_word()
    {
        var harness = new DaemonHarness(watchdog: TimeSpan.FromSeconds(4));
        await harness.StartAsync();
        await harness.RoundAsync();

        await harness.DisposeAsync();

        Assert.Equal(1, harness.Service.Count("STOPPING"));
        Assert.Equal("STOPPING=1\nSTATUS=stopping: the kill switch stays in place", harness.Service.Messages.Last());
        var order = harness.Service.Assignments.Where(a => !a.StartsWith("STATUS=", StringComparison.Ordinal)).ToList();
        Assert.Equal(["READY=1", "WATCHDOG=1", "STOPPING=1"], order);
    }

    [Fact]
    public async Task A_reload_says_reloading_then_ready_again()
    {
        await using var harness = new DaemonHarness();
        await harness.StartAsync();
        var before = harness.Service.Messages.Count;

        await harness.ReloadAsync();

        var reload = harness.Service.Messages.Skip(before).ToList();
        Assert.StartsWith("RELOADING=1\nMONOTONIC_USEC=", reload[0], StringComparison.Ordinal);
        var microseconds = long.Parse(reload[0].Split('\n')[1]["MONOTONIC_USEC=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((long)((Int128)harness.Clock.GetTimestamp() * 1_000_000 / harness.Clock.TimestampFrequency), microseconds);
        Assert.StartsWith("READY=1\nSTATUS=", reload[1], StringComparison.Ordinal);
    }
}
