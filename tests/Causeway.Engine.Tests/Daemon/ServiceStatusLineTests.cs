using Causeway.Engine.Daemon;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>The line `systemctl status` shows (STATUS=): what a person needs at a glance.</summary>
public sealed class ServiceStatusLineTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 12, 3, 5, TimeSpan.Zero);

    private static StatusReport Report(string state, bool connected, string? detail = null) => new(
        "causeway", 1, "1.0.0", At,
        new TunnelStatusReport(state, connected, At, detail, "10.8.0.2", "10.8.0.1", null, [], 0, 0, 0, 1, null),
        null,
        new ReconcileStatusReport(true, At, 1, 0, 0, null, []),
        new KillSwitchReport(true, true, 0));

    private static AccessStatusReport Clients(int count) => new(
        "vpn.example.net",
        [],
        [.. Enumerable.Range(1, count).Select(i => new AccessSessionStatusReport($"phone{i}", "udp", null, At, 0, 0))],
        At,
        [],
        null);

    [Fact]
    public void Connected_names_since_when_and_through_what_with_the_clients_and_the_kill_switch()
    {
        var line = ServiceStatusLine.Of(Report("Connected", true) with { Access = Clients(3) }, "tunnel", TimeZoneInfo.Utc);

        Assert.Equal("tunnel up since 12:03:05 via 10.8.0.1; 3 clients; kill switch on", line);
    }

    [Fact]
    public void Down_says_why_and_that_the_kill_switch_holds()
    {
        var line = ServiceStatusLine.Of(Report("BackingOff", false, "openvpn exited with code 1; restarting in 4 s") with { Access = Clients(1) }, "tunnel", TimeZoneInfo.Utc);

        Assert.Equal("tunnel waiting to restart since 12:03:05 (openvpn exited with code 1; restarting in 4 s); 1 client; kill switch holding", line);
    }

    [Fact]
    public void An_overlay_gateway_is_named_once_and_times_are_the_hosts_local_ones()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2");
        var report = Report("Connected", true) with { Tunnel = Report("Connected", true).Tunnel with { VpnGateway = "10.222.0.1" } };

        Assert.Equal("gateway 10.222.0.1 up since 14:03:05; kill switch on", ServiceStatusLine.Of(report, "gateway 10.222.0.1", zone));
    }

    [Fact]
    public void A_refused_reload_is_said_until_one_is_applied()
    {
        var refused = ReloadStatusReport.None.Refusing(At, "/etc/causeway/causeway.toml:22:16: error: egress.ping_seconds: expected an integer");

        var line = ServiceStatusLine.Of(Report("Connected", true) with { Reload = refused }, "tunnel", TimeZoneInfo.Utc);
        var applied = ServiceStatusLine.Of(Report("Connected", true) with { Reload = refused.Succeeded(At) }, "tunnel", TimeZoneInfo.Utc);

        Assert.StartsWith("tunnel up since 12:03:05 via 10.8.0.1; kill switch on; reload refused: /etc/causeway/causeway.toml:22:16: error:", line, StringComparison.Ordinal);
        Assert.Equal("tunnel up since 12:03:05 via 10.8.0.1; kill switch on", applied);
    }

    [Fact]
    public void A_missing_layer_and_a_failing_reconcile_are_shouted_and_long_errors_cut()
    {
        var error = "Error: Could not process rule: Cannot allocate memory " + new string('x', 100);
        var report = Report("Connected", true) with
        {
            KillSwitch = new KillSwitchReport(true, false, 0),
            Reconcile = new ReconcileStatusReport(false, At, 2, 0, 0, error, []),
        };

        var line = ServiceStatusLine.Of(report, "tunnel", TimeZoneInfo.Utc);

        Assert.StartsWith("tunnel up since 12:03:05 via 10.8.0.1; kill switch: nft layer MISSING; reconcile failing: Error: Could not process rule", line, StringComparison.Ordinal);
        Assert.EndsWith("…", line, StringComparison.Ordinal);
        Assert.True(line.Length < 160, line);
    }
}
