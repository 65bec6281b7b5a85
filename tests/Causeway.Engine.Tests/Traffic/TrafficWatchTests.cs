using System.Text.Json;
using Causeway.Engine.Daemon;
using Causeway.Engine.Traffic;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Causeway.Engine.Tests.Traffic;

/// <summary>
/// The traffic watch over an in-memory /proc/net/dev and a clock the test moves: each <see cref="TrafficWatch.Sample"/>
/// is one reading, as its loop makes every <see cref="TrafficWatch.SampleInterval"/>.
/// </summary>
public sealed class TrafficWatchTests
{
    private const string StateDirectory = "/var/lib/causeway";
    private const string UsagePath = StateDirectory + "/egress-usage.json";
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryFileSystem _files = new InMemoryFileSystem().AddDirectory(StateDirectory);
    private readonly TestLogger<TrafficWatch> _logger = new();
    private readonly StatusBoard _status = new(new StatusReport(
        "traffic", 1, "0.0.0", Start, new TunnelStatusReport("Connected", true, Start, null, null, null, null, [], 0, 0, 0, 0, null),
        new OverlayStatusReport("zt2nvuuqiv", ["10.222.0.0/24"], ["10.222.0.1"], null),
        new ReconcileStatusReport(true, Start, 1, 0, 0, null, []), new KillSwitchReport(true, true, 0)));

    private static TrafficWatchSettings Provider(long? budget = null) =>
        new("tuncw0", [("udp", "tuncw-udp")], UsagePath, budget);

    private TrafficWatch Watch(TrafficWatchSettings settings) => new(settings, _files, _status, _time, _logger);

    private void Counters(long tunnelRx, long tunnelTx, long overlayRx = 0, long overlayTx = 0, bool tunnel = true) =>
        _files.AddFile("/proc/net/dev", $"""
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:    1296      16    0    0    0     0          0         0     1296      16    0    0    0     0       0          0
            {(tunnel ? $"tuncw0: {tunnelRx} 10 0 0 0 0 0 0 {tunnelTx} 20 0 0 0 0 0 0" : string.Empty)}
            zt2nvuuqiv: {overlayRx} 30 0 0 0 0 0 0 {overlayTx} 40 0 0 0 0 0 0

            """);

    private void Sessions(params AccessSessionStatusReport[] sessions) =>
        _status.Update(s => s with
        {
            Access = new AccessStatusReport("vpn.example.net", [], [.. sessions], _time.GetUtcNow(), [], null),
        });

    [Fact]
    public void Each_device_has_its_role_its_hop_and_rates_towards_the_internet_and_back_from_the_second_reading()
    {
        var watch = Watch(Provider());
        Counters(tunnelRx: 10_000, tunnelTx: 2_000, overlayRx: 3_000, overlayTx: 9_000);
        watch.Sample();

        var first = _status.Current.Traffic!;
        Assert.Equal(Start, first.SampledAt);
        Assert.Null(first.IntervalSeconds);
        Assert.Equal(["tuncw0", "zt2nvuuqiv", "tuncw-udp"], first.Devices.Select(d => d.Device));
        Assert.Equal([("egress", "tunnel"), ("overlay", null), ("access", null)], first.Devices.Select(d => (d.Role, d.Hop)));
        Assert.All(first.Devices, d => Assert.Null(d.UpstreamBytesPerSecond));
        Assert.False(first.Devices[2].Present);
        Assert.Equal("udp", first.Devices[2].Transport);

        _time.Advance(TimeSpan.FromSeconds(2));
        Counters(tunnelRx: 30_000, tunnelTx: 3_000, overlayRx: 4_000, overlayTx: 29_000);
        watch.Sample();

        var traffic = _status.Current.Traffic!;
        Assert.Equal(2.0, traffic.IntervalSeconds);
        var tunnel = traffic.Devices[0];
        Assert.Equal((true, 30_000L, 3_000L, 10L, 20L), (tunnel.Present, tunnel.ReceivedBytes, tunnel.SentBytes, tunnel.ReceivedPackets, tunnel.SentPackets));
        // The egress sends towards the internet and receives back; the overlay receives from the clients.
        Assert.Equal((10_000.0, 500.0, 500.0, 10_000.0), (tunnel.ReceivedBytesPerSecond, tunnel.SentBytesPerSecond, tunnel.UpstreamBytesPerSecond, tunnel.DownstreamBytesPerSecond));
        var overlay = traffic.Devices[1];
        Assert.Equal((500.0, 10_000.0), (overlay.UpstreamBytesPerSecond, overlay.DownstreamBytesPerSecond));
    }

    [Fact]
    public void Every_reading_carries_the_egress_rates_of_the_last_five_minutes_oldest_first()
    {
        var watch = Watch(Provider());
        for (var i = 0; i <= 70; i++)
        {
            // 1 000 bytes sent towards the internet and 10 000 back per reading, 5 s apart.
            Counters(tunnelRx: i * 10_000, tunnelTx: i * 1_000);
            watch.Sample();
            _time.Advance(TrafficWatch.SampleInterval);
        }

        var traffic = _status.Current.Traffic!;
        Assert.Equal((int)(TrafficWatch.HistoryLength / TrafficWatch.SampleInterval), traffic.History.Length);
        Assert.Equal(traffic.SampledAt, traffic.History[^1].At);
        Assert.True(traffic.History[0].At > traffic.SampledAt - TrafficWatch.HistoryLength, "a reading older than five minutes was kept");
        Assert.Equal(traffic.History.Select(p => p.At).Order(), traffic.History.Select(p => p.At));
        Assert.All(traffic.History, p => Assert.Equal((200.0, 2_000.0), (p.UpstreamBytesPerSecond, p.DownstreamBytesPerSecond)));
    }

    [Fact]
    public void A_device_made_anew_has_no_rate_for_that_reading_and_a_missing_one_is_not_present()
    {
        var watch = Watch(Provider());
        Counters(tunnelRx: 10_000, tunnelTx: 2_000);
        watch.Sample();
        _time.Advance(TimeSpan.FromSeconds(2));
        Counters(0, 0, tunnel: false);
        watch.Sample();
        Assert.Equal((false, 0L, (double?)null), (_status.Current.Traffic!.Devices[0].Present, _status.Current.Traffic.Devices[0].ReceivedBytes, _status.Current.Traffic.Devices[0].UpstreamBytesPerSecond));

        _time.Advance(TimeSpan.FromSeconds(2));
        Counters(tunnelRx: 100, tunnelTx: 50);
        watch.Sample();

        Assert.Null(_status.Current.Traffic!.Devices[0].UpstreamBytesPerSecond);
    }

    [Fact]
    public void A_reload_that_renames_the_egress_device_reads_the_new_one_and_keeps_the_months_file_and_budget()
    {
        var watch = Watch(Provider(budget: 7));
        Counters(tunnelRx: 10_000, tunnelTx: 2_000);
        watch.Sample();

        watch.Reconfigure(new TrafficWatchSettings("tuncw9", [], "/elsewhere/usage.json", null));
        _time.Advance(TimeSpan.FromSeconds(2));
        _files.AddFile("/proc/net/dev", """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            tuncw9: 500 5 0 0 0 0 0 0 700 7 0 0 0 0 0 0

            """);
        watch.Sample();

        // The egress under its new name, the overlay still (the reload dropped the access server).
        Assert.Equal(["tuncw9", "zt2nvuuqiv"], _status.Current.Traffic!.Devices.Select(d => d.Device));
        var device = _status.Current.Traffic.Devices[0];
        Assert.Equal(("tuncw9", "egress", "tunnel", true, 700L), (device.Device, device.Role, device.Hop, device.Present, device.SentBytes));
        // A device read for the first time has no rate yet.
        Assert.Null(device.UpstreamBytesPerSecond);
        Assert.Equal("tuncw9", _status.Current.EgressUsage!.Device);
        Assert.Equal(7, _status.Current.EgressUsage.BudgetBytes);

        watch.Save();
        Assert.True(_files.Stat(UsagePath).Exists);
        Assert.False(_files.Stat("/elsewhere/usage.json").Exists);
    }

    [Fact]
    public void With_an_overlay_gateway_the_egress_is_the_overlay_device_on_the_gateway_hop()
    {
        var watch = Watch(new TrafficWatchSettings(null, [], UsagePath, null));
        Counters(0, 0, overlayRx: 100, overlayTx: 200);
        watch.Sample();

        var device = Assert.Single(_status.Current.Traffic!.Devices);
        Assert.Equal(("zt2nvuuqiv", "egress", "gateway", 200L), (device.Device, device.Role, device.Hop, device.SentBytes));
        Assert.Equal("zt2nvuuqiv", _status.Current.EgressUsage!.Device);
    }

    [Fact]
    public void The_months_egress_and_clients_are_counted_kept_in_the_state_directory_and_taken_up_again_after_a_restart()
    {
        var watch = Watch(Provider());
        var connected = Start.AddMinutes(-30);
        Counters(tunnelRx: 10_000, tunnelTx: 2_000);
        Sessions(new AccessSessionStatusReport("phone", "udp", "10.9.0.2", connected, 1_000, 50_000));
        watch.Sample();
        _time.Advance(TimeSpan.FromSeconds(2));
        Counters(tunnelRx: 30_000, tunnelTx: 3_000);
        Sessions(new AccessSessionStatusReport("phone", "udp", "10.9.0.2", connected, 1_500, 60_000));
        watch.Sample();

        var usage = _status.Current.EgressUsage!;
        Assert.Equal(("2026-12", "tuncw0", 1_000L, 20_000L), (usage.Month, usage.Device, usage.SentBytes, usage.ReceivedBytes));
        Assert.Equal([new ClientUsageReport("phone", 10_000, 500)], usage.Clients);
        Assert.Equal(11_000, usage.CountedBytes);
        Assert.Equal((null, null, null), (usage.BudgetBytes, usage.BudgetUsedPercent, usage.Warning));
        Assert.False(_files.Stat(UsagePath).Exists);

        // Written when due, and at stop.
        _time.Advance(TrafficWatch.SaveInterval);
        watch.Sample();
        Assert.Equal(FileModes.PrivateFile, _files.Stat(UsagePath).Mode);
        using (var saved = JsonDocument.Parse(_files.ContentOf(UsagePath)!))
        {
            Assert.Equal("2026-12", saved.RootElement.GetProperty("month").GetString());
        }

        // A new `up`: the device and the session go on from where the last reading left them.
        var restarted = Watch(Provider());
        _time.Advance(TimeSpan.FromSeconds(2));
        Counters(tunnelRx: 31_000, tunnelTx: 3_400);
        Sessions(new AccessSessionStatusReport("phone", "udp", "10.9.0.2", connected, 1_600, 61_000));
        restarted.Sample();

        usage = _status.Current.EgressUsage!;
        Assert.Equal((1_400L, 21_000L), (usage.SentBytes, usage.ReceivedBytes));
        Assert.Equal([new ClientUsageReport("phone", 11_000, 600)], usage.Clients);
    }

    [Fact]
    public async Task A_budget_warns_once_per_threshold_in_the_log_and_in_the_status_and_the_file_remembers_it()
    {
        var budget = 10_000L;
        var watch = Watch(Provider(budget));
        Counters(tunnelRx: 0, tunnelTx: 1_000);
        watch.Sample();
        _time.Advance(TimeSpan.FromSeconds(2));
        Counters(tunnelRx: 0, tunnelTx: 9_500);
        watch.Sample();

        var usage = _status.Current.EgressUsage!;
        Assert.Equal((10_000L, 85.0), (usage.BudgetBytes!.Value, usage.BudgetUsedPercent!.Value));
        Assert.Equal([80], usage.ThresholdsReached);
        Assert.StartsWith("egress budget 80% used:", usage.Warning, StringComparison.Ordinal);
        Assert.Single(_logger.Lines, l => l.Contains("egress budget 80% used", StringComparison.Ordinal));
        Assert.True(_files.Stat(UsagePath).Exists, "a threshold is written at once, so that a restart does not warn again");

        _time.Advance(TimeSpan.FromSeconds(2));
        Counters(tunnelRx: 0, tunnelTx: 9_600);
        watch.Sample();
        await watch.StopAsync();
        var restarted = Watch(Provider(budget));
        _time.Advance(TimeSpan.FromSeconds(2));
        Counters(tunnelRx: 0, tunnelTx: 9_700);
        restarted.Sample();
        Assert.Single(_logger.Lines, l => l.Contains("egress budget", StringComparison.Ordinal));

        _time.Advance(TimeSpan.FromSeconds(2));
        Counters(tunnelRx: 0, tunnelTx: 11_000);
        restarted.Sample();
        Assert.Equal([80, 100], _status.Current.EgressUsage!.ThresholdsReached);
        Assert.Single(_logger.Lines, l => l.Contains("egress budget exceeded", StringComparison.Ordinal));
    }

    [Fact]
    public void A_usage_file_that_is_not_causeways_is_ignored_with_a_warning_and_counting_starts_again()
    {
        _files.AddFile(UsagePath, "{ not json");
        var watch = Watch(Provider());
        Counters(tunnelRx: 0, tunnelTx: 1_000);

        watch.Sample();

        Assert.Equal(0, _status.Current.EgressUsage!.SentBytes);
        Assert.Contains(_logger.Lines, l => l.Contains("counting starts again", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_proc_net_dev_the_status_has_no_traffic_and_it_is_said_once()
    {
        var watch = Watch(Provider());

        watch.Sample();
        watch.Sample();

        Assert.Null(_status.Current.Traffic);
        Assert.Single(_logger.Lines, l => l.Contains("/proc/net/dev", StringComparison.Ordinal));
    }
}
