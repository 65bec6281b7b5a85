using System.Globalization;
using System.Text.RegularExpressions;
using Causeway.Engine.Daemon;
using Causeway.Engine.Metrics;
using Causeway.Engine.Tests.Daemon;
using Xunit;

namespace Causeway.Engine.Tests.Metrics;

/// <summary>The status report as Prometheus metrics (`promtool check metrics` runs on the AOT binary's in the integration tests).</summary>
public sealed partial class StatusMetricsTests
{
    private static readonly DateTimeOffset Now = StatusSamples.Now;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_part_of_the_report_is_a_metric_with_its_labels_and_value()
    {
        var samples = Samples(await StatusMetrics.TextAsync(StatusSamples.Full(), Now, Cancel));

        Assert.Equal(1, samples["causeway_info{instance=\"causeway\",version=\"1.2.3\"}"]);
        Assert.Equal(Now.AddHours(-1).ToUnixTimeSeconds(), samples["causeway_start_time_seconds"]);

        // The tunnel.
        Assert.Equal(1, samples["causeway_tunnel_up"]);
        Assert.Equal(123_456, samples["causeway_tunnel_receive_bytes_total"]);
        Assert.Equal(654_321, samples["causeway_tunnel_transmit_bytes_total"]);
        Assert.Equal(2, samples["causeway_tunnel_reconnects_total"]);
        Assert.Equal(3, samples["causeway_tunnel_process_starts_total"]);
        Assert.Equal(Now.AddMinutes(-10).ToUnixTimeSeconds(), samples["causeway_tunnel_last_handshake_timestamp_seconds"]);
        Assert.Equal(600, samples["causeway_tunnel_last_handshake_age_seconds"]);

        // The hops: up/down, one-hot state, the probe's round trip in seconds and its losses.
        Assert.Equal(1, samples["causeway_hop_up{hop=\"tunnel\"}"]);
        Assert.Equal(0, samples["causeway_hop_up{hop=\"internet\"}"]);
        Assert.Equal(1, samples["causeway_hop_state{hop=\"internet\",state=\"down\"}"]);
        Assert.Equal(0, samples["causeway_hop_state{hop=\"internet\",state=\"up\"}"]);
        Assert.Equal(0.023456, samples["causeway_hop_round_trip_seconds{hop=\"internet\"}"], 9);
        Assert.False(samples.ContainsKey("causeway_hop_round_trip_seconds{hop=\"tunnel\"}"));
        Assert.Equal(4, samples["causeway_hop_probe_failures{hop=\"internet\"}"]);

        // Devices, the kill switch, the reconcile loop.
        Assert.Equal(9_000_000, samples["causeway_device_receive_bytes_total{device=\"tuncw0\",role=\"egress\",hop=\"tunnel\"}"]);
        Assert.Equal(500_000, samples["causeway_device_transmit_bytes_total{device=\"tuncw-udp\",role=\"access\",hop=\"udp\"}"]);
        Assert.Equal(0, samples["causeway_device_present{device=\"tuncw-tcp\",role=\"access\",hop=\"tcp\"}"]);
        Assert.False(samples.ContainsKey("causeway_device_receive_bytes_total{device=\"tuncw-tcp\",role=\"access\",hop=\"tcp\"}"));
        Assert.Equal(1, samples["causeway_killswitch_route_layer_up"]);
        Assert.Equal(15, samples["causeway_killswitch_dropped_packets_total{rule=\"drop-client-other\",layer=\"forward\"}"]);
        Assert.Equal(120, samples["causeway_killswitch_dropped_bytes_total{rule=\"drop-egress-to-host\",layer=\"host\"}"]);
        Assert.Equal(1800, samples["causeway_reconcile_runs_total"]);
        Assert.Equal(1, samples["causeway_reconcile_converged"]);

        // The access servers and their clients.
        Assert.Equal(1, samples["causeway_access_server_up{transport=\"udp\"}"]);
        Assert.Equal(0, samples["causeway_access_server_up{transport=\"tcp\"}"]);
        Assert.Equal(1, samples["causeway_access_clients_connected{transport=\"udp\"}"]);
        Assert.Equal(500_000, samples["causeway_access_client_transmit_bytes_total{client=\"phone\",transport=\"udp\"}"]);
        Assert.Equal(10_000, samples["causeway_access_client_receive_bytes_total{client=\"phone\",transport=\"udp\"}"]);

        // Reloads and the month's egress against the budget.
        Assert.Equal(0, samples["causeway_config_reloads_total{result=\"applied\"}"]);
        Assert.Equal(0, samples["causeway_config_reloads_total{result=\"refused\"}"]);
        Assert.Equal(5_000_000_000, samples["causeway_egress_month_bytes{direction=\"sent\"}"]);
        Assert.Equal(3_000_000_000, samples["causeway_access_client_month_bytes{client=\"phone\",direction=\"sent\"}"]);
        Assert.Equal(8_000_000_000, samples["causeway_egress_month_counted_bytes"]);
        Assert.Equal(10_000_000_000, samples["causeway_egress_budget_bytes"]);
    }

    [Fact]
    public async Task Names_follow_prometheus_conventions_and_every_metric_says_what_it_is()
    {
        var text = await StatusMetrics.TextAsync(StatusSamples.Full(), Now, Cancel);

        var types = TypeLine().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var helps = HelpLine().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.NotEmpty(types);
        Assert.All(types, t =>
        {
            Assert.StartsWith("causeway_", t.Key, StringComparison.Ordinal);
            Assert.Contains(t.Key, helps);
            Assert.Equal(t.Value == "counter", t.Key.EndsWith("_total", StringComparison.Ordinal));
            Assert.DoesNotContain("milli", t.Key, StringComparison.Ordinal);
        });

        // No process or .NET runtime metrics: only Causeway's.
        Assert.All(types.Keys, name => Assert.DoesNotMatch("^(process|dotnet|prometheus_net)_", name));
    }

    [Fact]
    public async Task Reloads_come_from_the_status_and_the_last_ones_result_is_a_gauge()
    {
        var report = StatusSamples.Full() with { Reload = new ReloadStatusReport(4, 1, Now.AddMinutes(-1), ReloadStatusReport.Refused, "causeway.toml:3:1: error: x") };

        var samples = Samples(await StatusMetrics.TextAsync(report, Now, Cancel));

        Assert.Equal(3, samples["causeway_config_reloads_total{result=\"applied\"}"]);
        Assert.Equal(1, samples["causeway_config_reloads_total{result=\"refused\"}"]);
        Assert.Equal(0, samples["causeway_config_last_reload_success"]);
        Assert.Equal(Now.AddMinutes(-1).ToUnixTimeSeconds(), samples["causeway_config_last_reload_timestamp_seconds"]);
    }

    [Fact]
    public async Task A_daemon_that_has_only_started_has_no_series_for_what_it_does_not_know_yet()
    {
        var report = new StatusReport("causeway", 1, "1.2.3", Now, new TunnelStatusReport("Starting", false, Now, null, null, null, null, [], 0, 0, 0, 1, null),
            null, new ReconcileStatusReport(false, null, 0, 0, 0, null, []), new KillSwitchReport(false, false, 0));

        var samples = Samples(await StatusMetrics.TextAsync(report, Now, Cancel));

        Assert.Equal(0, samples["causeway_tunnel_up"]);
        Assert.Equal(0, samples["causeway_killswitch_nft_layer_up"]);
        Assert.DoesNotContain(samples.Keys, k => k.StartsWith("causeway_access_", StringComparison.Ordinal)
            || k.StartsWith("causeway_hop_", StringComparison.Ordinal)
            || k.StartsWith("causeway_egress_", StringComparison.Ordinal)
            || k.StartsWith("causeway_tunnel_last_handshake", StringComparison.Ordinal));
        Assert.All(samples.Values, v => Assert.False(double.IsNaN(v)));
    }

    /// <summary>Sample lines by "name{labels}", their values as numbers.</summary>
    private static Dictionary<string, double> Samples(string text) => text.Split('\n')
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => line.LastIndexOf(' '))
        .Zip(text.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')))
        .ToDictionary(p => p.Second[..p.First], p => double.Parse(p.Second[(p.First + 1)..], CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^# TYPE (\S+) (\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^# HELP (\S+) .+$", RegexOptions.Multiline)]
    private static partial Regex HelpLine();
}
