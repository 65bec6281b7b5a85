using System.Diagnostics;
using Causeway.Engine.Instance;
using Causeway.Engine.Seams;
using Causeway.Lab.Backbone;
using Causeway.Lab.Machine;
using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// Uno item 5, the ways `causeway up` ends: SIGTERM or Ctrl-C stop OpenVPN and leave the kill switch (the laptop
/// stays cut off); SIGKILL takes OpenVPN with it (parent-death signal); a new `up` after a clean stop finds the host
/// as planned; `down` while `up` runs stops it first, then removes everything; a hang-up of its terminal changes
/// nothing (issue 7, section 2).
/// </summary>
[Collection(LabGatewayCollection.Name)]
public sealed class StoppingTests(LabGatewayFixture gateway)
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// SIGTERM to the daemon alone (`kill PID`); Ctrl-C as a terminal sends it: SIGINT to the whole process group (which
    /// OpenVPN, in a session of its own, is not part of: the daemon stops it).
    /// </summary>
    [Theory]
    [InlineData("sigterm")]
    [InlineData("ctrl-c")]
    public async Task Stopping_up_stops_openvpn_and_leaves_the_kill_switch(string how)
    {
        var up = await StartFreshAsync();
        var openVpn = await OpenVpnAsync();
        Assert.NotEmpty(openVpn);
        var through = await gateway.MeasureAsync("tunnel up");
        Assert.True(through.Answered > 0, $"the control failed: the laptop should reach the internet through the tunnel: {through.Evidence}");

        if (how == "sigterm")
        {
            await up.SignalAsync(UnixSignals.Terminate);
        }
        else
        {
            await up.SignalGroupAsync(UnixSignals.Interrupt);
        }

        var exit = await up.WaitForExitAsync(ExitTimeout);
        TestContext.Current.TestOutputHelper?.WriteLine(up.Tail(15));
        Assert.True(exit == 0, $"causeway up: exit {exit?.ToString() ?? "none within 30 s"}\n{up.Tail()}");
        Assert.Contains("the kill switch stays in place", up.Log, StringComparison.Ordinal);

        await WaitAllDeadAsync(openVpn, TimeSpan.FromSeconds(10));
        Assert.Empty(await OpenVpnAsync());
        Assert.False(await gateway.TunnelDeviceExistsAsync(), "the tun device is still there");
        Assert.Empty(await gateway.KillSwitchMissingAsync());
        var sealedShut = await gateway.MeasureAsync($"after {how}");
        Assert.True(sealedShut.SealedShut, sealedShut.Evidence);

        var status = await gateway.CausewayAsync(TimeSpan.FromSeconds(20), "status", "-c", gateway.ConfigPath);
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("causeway is not running", status.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// A closing terminal hangs up its whole foreground process group, not one pid: the daemon takes the SIGHUP as a
    /// reload (the config unchanged: nothing changes) and goes on, and OpenVPN, which takes SIGHUP as a hard restart
    /// (dropping the tunnel), never gets it.
    /// </summary>
    [Fact]
    public async Task A_hang_up_of_the_whole_process_group_is_a_reload_that_changes_nothing_and_never_reaches_openvpn()
    {
        var up = await StartFreshAsync();
        var openVpn = await OpenVpnAsync();
        var before = await gateway.StatusReportAsync();
        var pid = Assert.Single(openVpn);
        Assert.NotEqual(NamespaceProcesses.Read(up.Pid)?.Session, NamespaceProcesses.Read(pid)?.Session);

        await up.SignalGroupAsync(UnixSignals.Hangup);
        await up.WaitForLogAsync(HangupGuard.Message, TimeSpan.FromSeconds(10));
        await up.WaitForLogAsync("says what the running config says: nothing to change", TimeSpan.FromSeconds(10));

        // The laptop still gets through: a hung-up OpenVPN would be restarting (SIGHUP[hard,] ... RECONNECTING) now.
        var through = await gateway.MeasureAsync("after a hang-up");
        Assert.True(through.Answered > 0, $"the laptop no longer reaches the internet through the tunnel: {through.Evidence}\n{up.Tail()}");
        Assert.False(up.HasExited, $"causeway up exited on SIGHUP:\n{up.Tail()}");
        Assert.Equal(openVpn, await OpenVpnAsync());
        var after = await gateway.StatusReportAsync();
        Assert.True(after.Tunnel.Connected, $"tunnel {after.Tunnel.State} ({after.Tunnel.Detail})");
        Assert.Equal((before.Tunnel.Reconnects, before.Tunnel.ProcessStarts), (after.Tunnel.Reconnects, after.Tunnel.ProcessStarts));
        Assert.DoesNotContain("SIGHUP[", up.Log, StringComparison.Ordinal);

        // And it still stops as usual.
        await up.SignalAsync(UnixSignals.Terminate);
        Assert.Equal(0, await up.WaitForExitAsync(ExitTimeout));
    }

    [Fact]
    public async Task After_a_clean_stop_plan_and_a_new_up_find_no_changes()
    {
        var first = await StartFreshAsync();
        await first.SignalAsync(UnixSignals.Terminate);
        Assert.Equal(0, await first.WaitForExitAsync(ExitTimeout));

        var plan = await gateway.CausewayAsync(TimeSpan.FromMinutes(1), "plan", "-c", gateway.ConfigPath);
        Assert.True(plan.ExitCode == 0, $"exit {plan.ExitCode}: {plan.StandardError}");
        Assert.StartsWith("no changes\n", plan.StandardOutput, StringComparison.Ordinal);

        var second = gateway.Start();
        await second.WaitForLogAsync("started openvpn", LabGatewayFixture.ReadyTimeout);
        var log = second.Log;
        var beforeOpenVpn = log[..log.IndexOf("started openvpn", StringComparison.Ordinal)];
        Assert.Contains("host already as planned: no changes", beforeOpenVpn, StringComparison.Ordinal);
        Assert.DoesNotContain("applying:", beforeOpenVpn, StringComparison.Ordinal);

        // And it goes on as usual.
        await gateway.WaitReadyAsync(second);
    }

    [Fact]
    public async Task Sigkill_of_up_alone_takes_its_openvpn_with_it()
    {
        var up = await StartFreshAsync();
        var openVpn = await OpenVpnAsync();
        Assert.NotEmpty(openVpn);

        // Only causeway: OpenVPN must go by its parent-death signal (a zombie counts as dead).
        var killed = Stopwatch.GetTimestamp();
        await up.SignalAsync(UnixSignals.Kill);
        Assert.Equal(128 + UnixSignals.Kill, await up.WaitForExitAsync(ExitTimeout));
        await WaitAllDeadAsync(openVpn, TimeSpan.FromSeconds(30));
        var took = Stopwatch.GetElapsedTime(killed);
        TestContext.Current.TestOutputHelper?.WriteLine($"OpenVPN gone {took.TotalSeconds:0.00} s after SIGKILL of causeway up");
        Assert.True(took <= TimeSpan.FromSeconds(5), $"OpenVPN outlived causeway up by {took.TotalSeconds:0.00} s");

        await Waiting.UntilAsync(async _ => !await gateway.TunnelDeviceExistsAsync(), TimeSpan.FromSeconds(10), "the tun device to go", TimeProvider.System, Ct);
        Assert.Empty(await gateway.KillSwitchMissingAsync());
        var sealedShut = await gateway.MeasureAsync("after SIGKILL of causeway up");
        Assert.True(sealedShut.SealedShut, sealedShut.Evidence);
    }

    [Fact]
    public async Task Down_while_up_runs_stops_it_then_removes_everything()
    {
        var up = await StartFreshAsync();
        var openVpn = await OpenVpnAsync();

        var down = await gateway.CausewayAsync(TimeSpan.FromMinutes(2), "down", "-c", gateway.ConfigPath);

        Assert.True(down.ExitCode == 0, $"exit {down.ExitCode}\n{down.StandardError}\n{down.StandardOutput}");
        Assert.Contains($"stopping the running causeway up (pid {up.Pid})", down.StandardError, StringComparison.Ordinal);
        Assert.Contains($"- nft table inet {BackboneTopology.GatewayNftTable}", down.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, await up.WaitForExitAsync(TimeSpan.FromSeconds(5)));

        // It stopped before the teardown began: a daemon still running would have put the kill switch back.
        Assert.Contains("the kill switch stays in place", up.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("repairing drift", up.Log, StringComparison.Ordinal);

        await WaitAllDeadAsync(openVpn, TimeSpan.FromSeconds(10));
        var after = await NamespaceSnapshot.CaptureAsync(gateway.Sbc, Ct);
        Assert.True(gateway.Baseline.DifferencesTo(after).IsEmpty, $"the gateway is not as before the first up:\n{NamespaceSnapshot.Diff(gateway.Baseline, after)}");

        var status = await gateway.CausewayAsync(TimeSpan.FromSeconds(20), "status", "-c", gateway.ConfigPath);
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("causeway is not running", status.StandardError, StringComparison.Ordinal);
    }

    /// <summary>A clean gateway (nothing of Causeway's, no `up`), then a new `up`, connected and converged.</summary>
    private async Task<UpProcess> StartFreshAsync()
    {
        gateway.EnsureReady();
        await gateway.ResetAsync();
        var up = gateway.Start();
        await gateway.WaitReadyAsync(up);
        return up;
    }

    private Task<IReadOnlyList<int>> OpenVpnAsync() => NamespaceProcesses.PidsNamedAsync(gateway.Sbc, "openvpn", Ct);

    private static Task WaitAllDeadAsync(IReadOnlyList<int> pids, TimeSpan timeout) =>
        Waiting.UntilAsync(() => pids.All(pid => !NamespaceProcesses.IsAlive(pid)), timeout, $"OpenVPN ({string.Join(", ", pids)}) to die", TimeProvider.System, Ct);
}
