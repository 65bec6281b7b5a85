using System.Net;
using Causeway.Core.Tunnel;
using Causeway.Engine.OpenVpn;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.OpenVpn;

/// <summary>
/// The supervisor driving a real OpenVPN 2.6 client against a real server, in namespaces. These tests also hold the
/// measurement behind <see cref="TunnelProber"/>: with the provider's keepalive 10 60 filtered and our ping-restart
/// 5, an idle tunnel without probes restarts again and again; with probes it stays up and a dead server is still
/// noticed within about 5 s.
/// </summary>
public sealed class OpenVpnSupervisorTunnelTests
{
    private static readonly IPAddress VpnGateway = IPAddress.Parse("10.8.0.1");
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Connects_stays_up_when_idle_detects_a_dead_server_reconnects_restarts_a_killed_client_and_stops_clean()
    {
        await using var world = await OpenVpnWorld.CreateAsync();
        await world.StartServerAsync();
        using var probe = new NetnsTunnelProbe(world.ClientNamespace, new IcmpTunnelProbe());
        await using var supervisor = world.CreateSupervisor(probe);
        var recorder = new StatusRecorder(supervisor);

        // Up, with what the provider pushed.
        await supervisor.StartAsync(TestContext.Current.CancellationToken);
        var (connectedAt, connected) = await recorder.WaitForAsync(s => s.State == TunnelState.Connected, ConnectTimeout, "CONNECTED");
        Assert.Equal([VpnGateway], connected.PushedDns);
        Assert.Equal(VpnGateway, connected.VpnGateway);
        Assert.Equal(IPAddress.Parse("10.8.0.2"), connected.LocalAddress);
        Assert.Equal(OpenVpnWorld.ClientDevice, connected.Device);
        Assert.Equal($"{OpenVpnWorld.ServerAddress}:1194", connected.Remote);
        Assert.Equal(1, connected.ConnectionGeneration);
        Assert.True(connected.ToFacts().Connected);

        // redirect-gateway def1 was pushed, and route-noexec installed none of it.
        var routes = (await world.Scope.ExecAsync(world.ClientNamespace, "ip", "route", "show")).StandardOutput;
        OpenVpnWorld.Log($"client routes:\n{routes}");
        Assert.DoesNotContain("default", routes, StringComparison.Ordinal);
        Assert.DoesNotContain("0.0.0.0/1", routes, StringComparison.Ordinal);
        Assert.DoesNotContain("128.0.0.0/1", routes, StringComparison.Ordinal);
        Assert.Contains($"10.8.0.0/24 dev {OpenVpnWorld.ClientDevice}", routes, StringComparison.Ordinal);

        // Idle for 15 s: the probes keep it up. (An observation window, not a wait for something to happen.)
        var idleFrom = recorder.Now;
        await Task.Delay(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        var idle = recorder.Since(idleFrom).Select(h => h.Status).Append(supervisor.Current).ToList();
        OpenVpnWorld.Log($"idle 15 s with probes: {probe.Answered}/{probe.Sent} echoes answered, reconnects {supervisor.Current.Reconnects}");
        Assert.All(idle, s => Assert.Equal(TunnelState.Connected, s.State));
        Assert.All(idle, s => Assert.Equal(0, s.Reconnects));
        Assert.Equal(1, supervisor.Current.ConnectionGeneration);
        Assert.True(supervisor.Current.PeerAnswersProbes);
        Assert.True(probe.Answered >= 10, $"only {probe.Answered} of {probe.Sent} echoes were answered");

        // A dead server is still noticed within ping-restart (5 s) plus a little.
        await world.KillServerAsync();
        var killedAt = recorder.Now;
        var (reconnectingAt, reconnecting) = await recorder.WaitForAsync(
            s => s.State == TunnelState.Reconnecting, TimeSpan.FromSeconds(15), "RECONNECTING after the server died");
        var detection = reconnectingAt - killedAt;
        OpenVpnWorld.Log($"dead server detected after {detection.TotalSeconds:0.0} s ({reconnecting.Detail})");
        Assert.Equal("ping-restart", reconnecting.Detail);
        Assert.InRange(detection, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8));
        Assert.False(reconnecting.ToFacts().Connected);
        Assert.Equal([VpnGateway], reconnecting.PushedDns);

        // The server comes back: connected again, without a new process and without a new UPDOWN (persist-tun).
        await world.StartServerAsync();
        var restartedAt = recorder.Now;
        var (backAt, back) = await recorder.WaitForAsync(
            s => s.State == TunnelState.Connected, TimeSpan.FromSeconds(60), "CONNECTED after the server came back");
        OpenVpnWorld.Log($"reconnected {(backAt - restartedAt).TotalSeconds:0.0} s after the server restarted; reconnects {back.Reconnects}");
        Assert.Equal(2, back.ConnectionGeneration);
        Assert.Equal(1, back.ProcessStarts);
        Assert.Equal([VpnGateway], back.PushedDns);
        Assert.Equal(VpnGateway, back.VpnGateway);
        Assert.Null(back.LastError);

        // The client openvpn is killed: the supervisor starts another one.
        var oldPid = back.ProcessId!.Value;
        await world.Scope.RunAsync("kill", "-KILL", oldPid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (_, backingOff) = await recorder.WaitForAsync(s => s.State == TunnelState.BackingOff, TimeSpan.FromSeconds(15), "backing off");
        Assert.Equal("openvpn exited with code 137; restarting in 1 s", backingOff.Detail);
        var (_, again) = await recorder.WaitForAsync(
            s => s.State == TunnelState.Connected && s.ProcessStarts == 2, ConnectTimeout, "CONNECTED with a new openvpn");
        Assert.NotEqual(oldPid, again.ProcessId);
        Assert.Equal(3, again.ConnectionGeneration);
        Assert.Equal([VpnGateway], again.PushedDns);
        Assert.Equal([again.ProcessId!.Value], world.ClientOpenVpnProcesses());

        // Stop: no openvpn left, no pid file.
        await supervisor.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(TunnelState.Stopped, supervisor.Current.State);
        Assert.Empty(world.ClientOpenVpnProcesses());
        Assert.False(File.Exists(world.Launch.PidFilePath));
        var history = recorder.Since(TimeSpan.Zero);
        OpenVpnWorld.Log($"statuses seen: {string.Join(" → ", history.Select(h => $"{h.At.TotalSeconds:0.0}s {h.Status.State}/{h.Status.OpenVpnState}"))}");
        Assert.Contains(history, h => h.Status.State == TunnelState.Exiting);
        _ = connectedAt;
    }

    [Fact]
    public async Task Without_answered_probes_an_idle_tunnel_restarts_again_and_again_and_the_status_says_why()
    {
        await using var world = await OpenVpnWorld.CreateAsync();
        await world.StartServerAsync();
        await using var supervisor = world.CreateSupervisor(new SilentTunnelProbe());
        var recorder = new StatusRecorder(supervisor);

        await supervisor.StartAsync(TestContext.Current.CancellationToken);
        var (connectedAt, _) = await recorder.WaitForAsync(s => s.State == TunnelState.Connected, ConnectTimeout, "CONNECTED");

        // The measurement: the server is up and nothing is wrong, yet the idle tunnel restarts.
        var (firstAt, first) = await recorder.WaitForAsync(
            s => s.State == TunnelState.Reconnecting, TimeSpan.FromSeconds(20), "a spurious restart of the idle tunnel");
        OpenVpnWorld.Log($"idle tunnel without probes: first restart {(firstAt - connectedAt).TotalSeconds:0.0} s after CONNECTED ({first.Detail})");
        Assert.Equal("ping-restart", first.Detail);

        var (errorAt, failing) = await recorder.WaitForAsync(
            s => s.LastError is not null, TimeSpan.FromSeconds(30), "the error saying the provider ignores pings");
        OpenVpnWorld.Log($"after {(errorAt - connectedAt).TotalSeconds:0.0} s: {failing.Reconnects} restarts; {failing.LastError}");
        Assert.StartsWith("the provider does not answer pings on its tunnel address 10.8.0.1", failing.LastError, StringComparison.Ordinal);
        Assert.True(failing.Reconnects >= 2);
        Assert.False(failing.PeerAnswersProbes);
        Assert.Equal(1, failing.ProcessStarts);

        await supervisor.StopAsync(TestContext.Current.CancellationToken);
        Assert.Empty(world.ClientOpenVpnProcesses());
    }
}
