using System.Globalization;
using System.Text.Json;
using Causeway.Engine.Daemon;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Machine;
using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// `causeway up` as a systemd service (issue 10, items 3 and 4), on the AOT binary in the shared Uno lab world: the
/// notify protocol as systemd would see it (the test binds its own $NOTIFY_SOCKET), and SIGHUP reloading the config.
/// </summary>
[Collection(LabGatewayCollection.Name)]
public sealed class ServiceTests(LabGatewayFixture gateway)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// 4 s: a ping is due at every round (the lab's rounds come at its changes and at least every 10 s, the default
    /// interval; `up` says the timeout is short for that, and pings all the same).
    /// </summary>
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(4);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Under_a_service_manager_up_says_ready_once_the_kill_switch_is_in_place_pings_as_its_loop_runs_and_says_stopping()
    {
        gateway.EnsureReady();
        await gateway.ResetAsync();
        using var directory = new TempDirectory();
        using var systemd = NotifySocketListener.Bind(directory.File("notify"));

        var up = gateway.Start(new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = systemd.Address,
            ["WATCHDOG_USEC"] = ((long)Watchdog.TotalMicroseconds).ToString(CultureInfo.InvariantCulture),
        });
        var ready = await systemd.WaitForAsync(a => a == "READY=1", 0, LabGatewayFixture.ReadyTimeout, "READY=1");
        Assert.Empty(await gateway.KillSwitchMissingAsync());
        Assert.Equal(0, ready);
        Assert.Equal("STATUS=kill switch in place; starting the tunnel", systemd.Assignments[1]);

        // The tunnel comes up: the status line says so, and the watchdog is fed by the rounds (more than one ping).
        await gateway.WaitReadyAsync(up);
        await systemd.WaitForAsync(a => a.StartsWith("STATUS=tunnel up since", StringComparison.Ordinal) && a.EndsWith("; kill switch on", StringComparison.Ordinal), 0, Wait, "STATUS=tunnel up … kill switch on");
        var first = await systemd.WaitForAsync(a => a == "WATCHDOG=1", 0, Wait, "WATCHDOG=1");
        await systemd.WaitForAsync(a => a == "WATCHDOG=1", first + 1, Wait, "a second WATCHDOG=1");

        await up.SignalAsync(UnixSignals.Terminate);
        Assert.Equal(0, await up.WaitForExitAsync(Wait));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', systemd.Assignments));

        var assignments = systemd.Assignments;
        var stopping = assignments.ToList().IndexOf("STOPPING=1");
        Assert.True(stopping > first, $"no STOPPING=1 after the pings:\n{string.Join('\n', assignments)}");
        Assert.Equal(["STOPPING=1", "STATUS=stopping: the kill switch stays in place"], assignments.Skip(stopping));

        // The daemon alone spoke for the service: one READY=1, and nothing of OpenVPN's own (it would say READY=1
        // and "Initialization Sequence Completed" if $NOTIFY_SOCKET had reached it).
        Assert.Single(assignments, a => a == "READY=1");
        Assert.DoesNotContain(assignments, a => a.Contains("Initialization", StringComparison.Ordinal));
        Assert.All(assignments, a => Assert.Matches("^(READY|WATCHDOG|STOPPING)=1$|^STATUS=", a));

        // And its log is journald-friendly: every line led by a syslog priority, no colour codes.
        var logLines = up.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipWhile(l => !l.StartsWith('<')).ToList();
        Assert.NotEmpty(logLines);
        Assert.All(logLines, l => Assert.Matches(@"^<[0-7]>", l));
        Assert.DoesNotContain('\u001b', up.Log);
    }

    /// <summary>
    /// (a) A changed key that is not the tunnel's (an allowed LAN, the reconcile interval) is applied as a reconcile:
    /// its rule appears, OpenVPN keeps running (same pid, no new start). (b) A broken config is refused, logged with
    /// its place, and the daemon goes on with the config in force. The original config, reloaded at the end, takes the
    /// LAN's rule away again: only the difference changes, both ways.
    /// </summary>
    [Fact]
    public async Task A_hang_up_applies_a_changed_key_without_restarting_openvpn_and_refuses_a_broken_config()
    {
        var up = await gateway.RunningAsync();
        var original = await File.ReadAllTextAsync(gateway.ConfigPath, Ct);
        var openVpn = Assert.Single(await NamespaceProcesses.PidsNamedAsync(gateway.Sbc, "openvpn", Ct));
        var before = await gateway.StatusReportAsync();
        var reloads = before.Reload?.Count ?? 0;
        const string lan = "192.168.250.0/24";
        var lanRule = $"to {lan} iif {BackboneTopology.OverlayDevice} lookup main";
        Assert.DoesNotContain(lanRule, await RulesAsync(), StringComparison.Ordinal);
        try
        {
            // (a)
            await File.WriteAllTextAsync(
                gateway.ConfigPath,
                original
                    .Replace("[instance]\n", "[instance]\nreconcile_interval_seconds = 12\n", StringComparison.Ordinal)
                    .Replace("[overlay]\n", $"[overlay]\nallow_lan = [\"{lan}\"]\n", StringComparison.Ordinal),
                Ct);
            var applied = await ReloadAsync(up, reloads + 1);

            Assert.True(applied.Reload!.LastResult == ReloadStatusReport.Ok, $"{applied.Reload.LastError}\n{up.Tail()}");
            Assert.Contains(lanRule, await RulesAsync(), StringComparison.Ordinal);
            Assert.Equal([openVpn], await NamespaceProcesses.PidsNamedAsync(gateway.Sbc, "openvpn", Ct));
            Assert.Equal(before.Tunnel.ProcessStarts, applied.Tunnel.ProcessStarts);
            Assert.True(applied.Tunnel.Connected, $"tunnel {applied.Tunnel.State}");
            // The status is published before the log line reaches the captured output: wait for it, then hold it to it.
            await up.WaitForLogAsync("restarting nothing (the reconcile applies it)", Wait);
            Assert.Contains("restarting nothing (the reconcile applies it)", up.Log, StringComparison.Ordinal);

            // (b)
            await File.WriteAllTextAsync(gateway.ConfigPath, original.Replace("ping_seconds = 1", "ping_seconds = \"often\"", StringComparison.Ordinal), Ct);
            var refused = await ReloadAsync(up, reloads + 2);

            Assert.Equal(ReloadStatusReport.Refused, refused.Reload!.LastResult);
            Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(gateway.ConfigPath)}:[0-9]+:[0-9]+: error: egress.ping_seconds", refused.Reload.LastError);
            // The status is published before the log line reaches the captured output: wait for it, then hold it to it.
            await up.WaitForLogAsync("the running config stays in force", Wait);
            Assert.Contains("the running config stays in force", up.Log, StringComparison.Ordinal);
            Assert.False(up.HasExited, up.Tail());
            Assert.Contains(lanRule, await RulesAsync(), StringComparison.Ordinal);
            Assert.Equal([openVpn], await NamespaceProcesses.PidsNamedAsync(gateway.Sbc, "openvpn", Ct));
            Assert.True(refused.Tunnel.Connected, $"tunnel {refused.Tunnel.State}");
        }
        catch (Exception) when (Say(up))
        {
            throw;
        }
        finally
        {
            // The shared `up` goes back to the lab's config, whatever happened above (a failure there is the one reported).
            await File.WriteAllTextAsync(gateway.ConfigPath, original, CancellationToken.None);
            if (!up.HasExited)
            {
                await up.SignalAsync(UnixSignals.Hangup);
            }
        }

        var restored = await ReloadResultAsync(reloads + 3);
        Assert.Equal(ReloadStatusReport.Ok, restored.Reload!.LastResult);
        Assert.DoesNotContain(lanRule, await RulesAsync(), StringComparison.Ordinal);
    }

    private static bool Say(UpProcess up)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(up.Tail(60));
        return false;
    }

    /// <summary>SIGHUP, then the status once the reload has a result.</summary>
    private async Task<StatusReport> ReloadAsync(UpProcess up, int count)
    {
        await up.SignalAsync(UnixSignals.Hangup);
        return await ReloadResultAsync(count);
    }

    /// <summary>
    /// The status once reload number <paramref name="count"/> has a result, from the daemon's socket itself:
    /// `causeway status` reads the config to find it, and the config may be the broken one.
    /// </summary>
    private async Task<StatusReport> ReloadResultAsync(int count)
    {
        using var http = UnixSocketHttpClient.Create(Path.Combine(gateway.GatewayDirectory, "run", "causeway.sock"), TimeSpan.FromSeconds(10));
        StatusReport? status = null;
        await Waiting.UntilAsync(
            async token =>
            {
                var json = await http.GetStringAsync("v1/status", token);
                status = JsonSerializer.Deserialize(json, DaemonJsonContext.Default.StatusReport);
                return status is { Reload: { } reload } && reload.Count >= count;
            },
            Wait, $"reload {count} to have a result", TimeProvider.System, Ct);
        return status!;
    }

    private async Task<string> RulesAsync() => (await gateway.OnGatewayAsync("ip", "-4", "rule", "show")).StandardOutput;
}
