using System.Net;
using Causeway.Core.Management;
using Causeway.Core.Tests.Management;
using Causeway.Core.Tunnel;
using Xunit;

namespace Causeway.Core.Tests.Tunnel;

/// <summary>The captured management transcripts, played through the tunnel's state machine.</summary>
public sealed class TunnelTransitionsTests
{
    private static readonly DateTimeOffset Now = TunnelReplay.Start;

    [Fact]
    public void A_held_client_connects_then_reconnects_on_sigusr1_and_every_hold_is_released()
    {
        var replay = new TunnelReplay(Transcripts.ClientHoldAndState);

        Assert.Equal(
            ["Connecting CONNECTING", "Connecting WAIT", "Connecting AUTH", "Connecting ASSIGN_IP", "Connected SUCCESS", "Reconnecting SIGUSR1"],
            replay.States);
        Assert.Equal(
            replay.ByEvent.Select(e => e.Event is HoldEvent ? TunnelReaction.ReleaseHold : TunnelReaction.None),
            replay.ByEvent.Select(e => e.Step.Reaction));
        Assert.Equal(2, replay.Steps.Count(s => s.Reaction == TunnelReaction.ReleaseHold));

        var connected = replay.After(e => e is StateEvent { Entry.Name: "CONNECTED" });
        Assert.True(connected.Connected);
        Assert.False(connected.LeavesConnection);
        Assert.Equal(IPAddress.Parse("10.8.77.2"), connected.Status.LocalAddress);
        Assert.Equal("10.99.77.1:1194", connected.Status.Remote);
        Assert.Equal(1, connected.Status.ConnectionGeneration);
        Assert.Equal((true, IPAddress.Parse("10.8.77.2")), TunnelFacts(connected.Status));

        var reconnecting = replay.After(e => e is StateEvent { Entry.Name: "RECONNECTING" });
        Assert.True(reconnecting.LeavesConnection);
        Assert.Equal("SIGUSR1", reconnecting.LeaveReason);
        Assert.False(reconnecting.Stable);
        Assert.Equal(1, replay.Final.Reconnects);
        Assert.Equal("RECONNECTING", replay.Final.OpenVpnState);
        Assert.False(replay.Final.ToFacts().Connected);
        Assert.Null(replay.Final.LastError);
    }

    [Fact]
    public void Pushed_options_reach_the_status_and_survive_a_ping_restart_with_persist_tun()
    {
        var replay = new TunnelReplay(Transcripts.ClientUpDownAndPingRestart);

        Assert.Equal(
            [
                "Connecting CONNECTING", "Connecting WAIT", "Connecting AUTH", "Connecting ASSIGN_IP", "Connected SUCCESS",
                "Reconnecting ping-restart", "Connected SUCCESS", "Exiting SIGTERM",
            ],
            replay.States);

        var first = replay.After(e => e is StateEvent { Entry.Name: "CONNECTED" });
        Assert.Equal("tuncw0", first.Status.Device);
        Assert.Equal(IPAddress.Parse("10.8.0.2"), first.Status.LocalAddress);
        Assert.Equal(IPAddress.Parse("10.8.0.1"), first.Status.VpnGateway);
        Assert.Equal([IPAddress.Parse("10.8.0.1")], first.Status.PushedDns);
        Assert.Equal("10.99.0.1:1194", first.Status.Remote);
        Assert.Equal(1, first.Status.ConnectionGeneration);

        var restart = replay.After(e => e is StateEvent { Entry.Name: "RECONNECTING" });
        Assert.Equal("ping-restart", restart.LeaveReason);
        Assert.Equal(1, restart.Status.Reconnects);

        // WAIT and AUTH after the restart keep its reason; the next CONNECTED is a new connection (one conntrack flush).
        var again = replay.Steps.Last(s => s.Connected);
        Assert.NotSame(first, again);
        Assert.Equal(2, again.Status.ConnectionGeneration);
        Assert.Equal(IPAddress.Parse("10.8.0.1"), again.Status.VpnGateway);
        Assert.Equal([IPAddress.Parse("10.8.0.1")], again.Status.PushedDns);

        // The byte counts are followed; UPDOWN:DOWN changes nothing; EXITING ends the connection with its reason.
        Assert.Equal((13808, 14795), (replay.Final.BytesIn, replay.Final.BytesOut));
        Assert.Equal([IPAddress.Parse("10.8.0.1")], replay.Final.PushedDns);
        var exiting = replay.Steps[^1];
        Assert.True(exiting.LeavesConnection);
        Assert.Equal("SIGTERM", exiting.LeaveReason);
        Assert.Equal("EXITING", replay.Final.OpenVpnState);
        Assert.Equal(2, replay.Final.ConnectionGeneration);
        Assert.Null(replay.Final.LastError);
    }

    [Fact]
    public void A_password_prompt_is_answered_with_sigterm_and_a_rejected_password_is_the_error_left()
    {
        var replay = new TunnelReplay(Transcripts.WrongPassword);

        var prompt = replay.Steps[0];
        Assert.Equal(TunnelReaction.Terminate, prompt.Reaction);
        Assert.Equal(
            "openvpn asks for the 'Auth' credentials through its management socket: the config must give auth-user-pass a file (and no management-query-passwords)",
            prompt.Error);

        var rejected = replay.After(e => e is PasswordEvent { IsAuthFailure: true });
        const string authFailure = "authentication failed: the provider rejected the credentials ('Auth'); check the auth file";
        Assert.Equal(authFailure, rejected.Error);
        Assert.Equal(TunnelReaction.None, rejected.Reaction);

        Assert.Equal(["Starting starting /usr/sbin/openvpn", "Connecting WAIT", "Connecting AUTH", "Exiting auth-failure"], replay.States);
        Assert.Equal(authFailure, replay.Final.LastError);
        Assert.Equal(rejected.Status.LastErrorAt, replay.Final.LastErrorAt);
        Assert.Equal(TunnelState.Exiting, replay.Final.State);
    }

    [Fact]
    public void A_server_is_up_once_its_history_says_connected_and_client_notices_leave_the_tunnel_alone()
    {
        var history = TunnelTransitions.FromHistory(Starting(), OpenVpnStateEntry.TryParse("1795607950,CONNECTED,SUCCESS,10.9.0.1,,,,"), Now);
        Assert.True(history.Connected);
        Assert.Equal(TunnelState.Connected, history.Status.State);
        Assert.Equal(IPAddress.Parse("10.9.0.1"), history.Status.LocalAddress);

        var replay = new TunnelReplay(Transcripts.ServerClientEstablished, from: history.Status);

        Assert.Equal(["Connected SUCCESS", "Exiting SIGTERM"], replay.States);
        Assert.Same(history.Status, replay.After(e => e is ClientEvent).Status);
        Assert.Same(history.Status, replay.After(e => e is ClientByteCountEvent).Status);
        Assert.Equal(1, replay.Final.ConnectionGeneration);
    }

    [Fact]
    public void A_fatal_message_is_the_error_that_the_exit_reports()
    {
        var replay = new TunnelReplay(">FATAL:ERROR: Cannot ioctl TUNSETIFF vpn-provider: Invalid argument (errno=22)");

        var fatal = Assert.Single(replay.Steps);
        Assert.Equal("openvpn: ERROR: Cannot ioctl TUNSETIFF vpn-provider: Invalid argument (errno=22)", fatal.Error);
        Assert.Equal(fatal.Error, fatal.Status.LastError);
        Assert.Equal(TunnelState.Starting, fatal.Status.State);
    }

    [Fact]
    public void Connected_with_errors_is_not_connected_and_says_so()
    {
        var connected = Connected();
        var step = TunnelTransitions.OnState(connected, Entry("CONNECTED,ERROR,10.8.0.2,10.99.0.1,1194,,"), Now + TimeSpan.FromSeconds(5));

        Assert.Equal(TunnelState.Connecting, step.Status.State);
        Assert.Equal("CONNECTED,ERROR", step.Status.Detail);
        Assert.Equal("openvpn connected with errors (CONNECTED,ERROR): an initialization step failed; see its log", step.Error);
        Assert.Equal(step.Error, step.Status.LastError);
        Assert.True(step.LeavesConnection);
        Assert.Null(step.LeaveReason);
        Assert.False(step.Status.ToFacts().Connected);
    }

    [Fact]
    public void A_certificate_refused_by_a_wrong_clock_shows_as_tls_error_with_the_clock_problem_as_the_error()
    {
        // What the supervisor does: RECONNECTING,tls-error from the socket; the reason only in the output, in between.
        var status = TunnelTransitions.OnState(Starting(), Entry("WAIT,,,,,,"), Now).Status;
        var clock = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var problem = CertificateClockProblem.Describe("VERIFY ERROR: depth=0, error=certificate is not yet valid: CN=vpn.example.net, serial=1", clock)!;
        status = TunnelTransitions.WithError(status, problem, clock);
        var step = TunnelTransitions.OnState(status, Entry("RECONNECTING,tls-error,,,,,"), clock);
        status = TunnelTransitions.OnState(step.Status, Entry("WAIT,,,,,,"), clock).Status;

        Assert.Null(step.Error);
        Assert.Equal(TunnelState.Reconnecting, status.State);
        Assert.Equal("tls-error", status.Detail);
        Assert.Equal("WAIT", status.OpenVpnState);
        Assert.Equal(problem, status.LastError);
        Assert.Equal(clock, status.LastErrorAt);
    }

    [Fact]
    public void A_connection_that_lasted_30_s_ends_stable()
    {
        var connected = Connected();

        Assert.False(TunnelTransitions.OnState(connected, Entry("RECONNECTING,ping-restart,,,,,"), Now + TimeSpan.FromSeconds(29)).Stable);
        Assert.True(TunnelTransitions.OnState(connected, Entry("RECONNECTING,ping-restart,,,,,"), Now + TimeSpan.FromSeconds(30)).Stable);
        Assert.True(TunnelTransitions.OnState(connected, Entry("EXITING,SIGTERM,,,,,"), Now + TimeSpan.FromSeconds(31)).Stable);
        Assert.True(TunnelTransitions.EndsStable(connected, Now + TimeSpan.FromSeconds(30)));
        Assert.False(TunnelTransitions.EndsStable(connected with { State = TunnelState.Reconnecting }, Now + TimeSpan.FromHours(1)));

        // A second CONNECTED while connected is the same connection: its start and generation stay.
        var again = TunnelTransitions.OnState(connected, Entry("CONNECTED,SUCCESS,10.8.0.2,10.99.0.1,1194,,"), Now + TimeSpan.FromSeconds(20));
        Assert.False(again.Connected);
        Assert.Equal(Now, again.Status.StateSince);
        Assert.Equal(connected.ConnectionGeneration, again.Status.ConnectionGeneration);
    }

    [Fact]
    public void The_supervisors_own_steps_start_back_off_and_stop()
    {
        var running = Connected() with { ProcessId = 42, BytesIn = 5, BytesOut = 6, RestartAt = null, ProcessStarts = 1 };

        var stopping = TunnelTransitions.Stopping(running, Now + TimeSpan.FromSeconds(1));
        Assert.Equal((TunnelState.Exiting, "stopping openvpn"), (stopping.State, stopping.Detail));

        var backingOff = TunnelTransitions.BackingOff(running, "openvpn exited with code 1; restarting in 2 s", Now + TimeSpan.FromSeconds(3), Now + TimeSpan.FromSeconds(1));
        Assert.Equal(TunnelState.BackingOff, backingOff.State);
        Assert.Equal(Now + TimeSpan.FromSeconds(3), backingOff.RestartAt);
        Assert.Null(backingOff.ProcessId);

        var launched = TunnelTransitions.Starting(backingOff, "starting /usr/sbin/openvpn", launched: true, Now + TimeSpan.FromSeconds(3));
        Assert.Equal((TunnelState.Starting, 2, 0L, 0L), (launched.State, launched.ProcessStarts, launched.BytesIn, launched.BytesOut));
        Assert.Null(launched.RestartAt);
        Assert.Null(launched.OpenVpnState);
        Assert.Equal(IPAddress.Parse("10.8.0.2"), launched.LocalAddress);

        var takenOver = TunnelTransitions.Starting(backingOff, "taking over openvpn (pid 7)", launched: false, Now);
        Assert.Equal(1, takenOver.ProcessStarts);

        var stopped = TunnelTransitions.Stopped(running, "stopped", Now + TimeSpan.FromSeconds(2));
        Assert.Equal((TunnelState.Stopped, "stopped", Now + TimeSpan.FromSeconds(2)), (stopped.State, stopped.Detail, stopped.StateSince));
        Assert.Null(stopped.ProcessId);
    }

    private static (bool Connected, IPAddress? Local) TunnelFacts(TunnelStatus status) =>
        (status.ToFacts().Connected, status.ToFacts().LocalAddress);

    private static TunnelStatus Starting() =>
        TunnelTransitions.Starting(TunnelStatus.Stopped(Now), "starting /usr/sbin/openvpn", launched: true, Now);

    private static TunnelStatus Connected() =>
        TunnelTransitions.OnState(Starting(), Entry("CONNECTED,SUCCESS,10.8.0.2,10.99.0.1,1194,,"), Now).Status;

    private static OpenVpnStateEntry Entry(string rest) => OpenVpnStateEntry.TryParse("1795599669," + rest)!;
}
