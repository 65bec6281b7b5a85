using Causeway.Core.Management;

namespace Causeway.Core.Tunnel;

/// <summary>
/// The tunnel's state machine: how each thing OpenVPN says on its management socket, and each step of the
/// supervisor's own (start, stop, back off), changes the <see cref="TunnelStatus"/>, and what the supervisor must do
/// about it. Pure (the time comes in as <c>now</c>), so that it is checked against captured transcripts; the
/// supervisor applies each step inside its status lock, so a status change made elsewhere at the same moment (a clock
/// problem in the output, a probe answered) is never lost.
/// </summary>
public static class TunnelTransitions
{
    /// <summary>Into <paramref name="state"/> with <paramref name="detail"/>; <see cref="TunnelStatus.StateSince"/> moves only when the state changes.</summary>
    public static TunnelStatus Enter(TunnelStatus status, TunnelState state, string detail, DateTimeOffset now) =>
        status.State == state
            ? status with { Detail = detail }
            : status with { State = state, StateSince = now, Detail = detail };

    /// <summary>The most recent error, kept after recovery.</summary>
    public static TunnelStatus WithError(TunnelStatus status, string message, DateTimeOffset now) =>
        status with { LastError = message, LastErrorAt = now };

    /// <summary>
    /// An openvpn process begins: <paramref name="launched"/> one (counted in ProcessStarts) or one taken over. The
    /// previous process's byte counts and OpenVPN state go; its pushed options and addresses stay until replaced.
    /// </summary>
    public static TunnelStatus Starting(TunnelStatus status, string detail, bool launched, DateTimeOffset now) =>
        Enter(
            status with
            {
                ProcessStarts = launched ? status.ProcessStarts + 1 : status.ProcessStarts,
                RestartAt = null,
                BytesIn = 0,
                BytesOut = 0,
                OpenVpnState = null,
            },
            TunnelState.Starting,
            detail,
            now);

    /// <summary>The supervisor stops openvpn (its `signal SIGTERM`, then signals).</summary>
    public static TunnelStatus Stopping(TunnelStatus status, DateTimeOffset now) =>
        Enter(status, TunnelState.Exiting, "stopping openvpn", now);

    /// <summary>openvpn exited and is started again at <paramref name="restartAt"/>; <paramref name="detail"/> says why and when.</summary>
    public static TunnelStatus BackingOff(TunnelStatus status, string detail, DateTimeOffset restartAt, DateTimeOffset now) =>
        Enter(status, TunnelState.BackingOff, detail, now) with { RestartAt = restartAt, ProcessId = null };

    /// <summary>The supervisor is done: nothing runs under it (an access server may run on, left: <paramref name="detail"/> says so).</summary>
    public static TunnelStatus Stopped(TunnelStatus status, string detail, DateTimeOffset now) =>
        Enter(status, TunnelState.Stopped, detail, now) with { ProcessId = null, RestartAt = null };

    /// <summary>
    /// Whether a connection that ends now was stable (connected for <see cref="RestartBackoff.StableConnection"/>):
    /// its state's start is when it connected, since only a change of state moves StateSince.
    /// </summary>
    public static bool EndsStable(TunnelStatus before, DateTimeOffset now) =>
        before.State == TunnelState.Connected && RestartBackoff.IsStable(before.StateSince, now);

    /// <summary>
    /// The session is initialised: <paramref name="last"/> is the last state of the `state on all` history (null if
    /// none). A process already connected (a server taken over, or one that connected before the session) is
    /// connected at once; else it is on its way (CONNECTING until a live state says more).
    /// </summary>
    public static TunnelStep FromHistory(TunnelStatus status, OpenVpnStateEntry? last, DateTimeOffset now) =>
        last is { IsConnectedSuccessfully: true }
            ? OnState(status, last, now)
            : new TunnelStep(Enter(status, TunnelState.Connecting, last?.Name ?? "CONNECTING", now) with { OpenVpnState = last?.Name });

    /// <summary>One real-time message from the management socket. Events that concern only the log leave the status as it is.</summary>
    public static TunnelStep OnEvent(TunnelStatus status, ManagementEvent managementEvent, DateTimeOffset now)
    {
        switch (managementEvent)
        {
            case HoldEvent:
                // Released in answer to each >HOLD (the first from management-hold too), so it is never released twice.
                return new TunnelStep(status) { Reaction = TunnelReaction.ReleaseHold };
            case StateEvent state:
                return OnState(status, state.Entry, now);
            case ByteCountEvent bytes:
                return new TunnelStep(status with { BytesIn = bytes.BytesIn, BytesOut = bytes.BytesOut });
            case UpDownEvent { IsUp: true } upDown:
                // The pushed options arrive with >UPDOWN:UP, before CONNECTED. With persist-tun a reconnect brings no
                // new UP, so what the last one said stays; a DOWN changes nothing either.
                var pushed = upDown.PushedOptions;
                return new TunnelStep(status with
                {
                    Device = pushed.Device ?? status.Device,
                    LocalAddress = pushed.LocalAddress ?? status.LocalAddress,
                    VpnGateway = pushed.VpnGateway ?? status.VpnGateway,
                    PushedDns = pushed.DnsServers,
                });
            case FatalEvent fatal:
                // OpenVPN exits next: the restart loop takes it from there, with this as the reason.
                return Failed(status, $"openvpn: {fatal.Text}", now);
            case PasswordEvent { Kind: PasswordEventKind.VerificationFailed } failed:
                // OpenVPN says EXITING,auth-failure next and exits: retried with backoff like any exit (the provider
                // may have rejected a good password for a moment), the reason kept in the status.
                return Failed(status, $"authentication failed: the provider rejected the credentials ('{failed.Realm}'); check the auth file", now);
            case PasswordEvent { Kind: PasswordEventKind.Need } need:
                // Nobody here will type a password: openvpn would wait forever. Stop it and say why.
                var prompt = $"openvpn asks for the '{need.Realm}' credentials through its management socket: the config must give "
                    + "auth-user-pass a file (and no management-query-passwords)";
                return Failed(status, prompt, now) with { Reaction = TunnelReaction.Terminate };
            default:
                return new TunnelStep(status);
        }
    }

    /// <summary>A `>STATE:` line (or the last line of the history): OpenVPN's state mapped onto the tunnel's.</summary>
    public static TunnelStep OnState(TunnelStatus status, OpenVpnStateEntry entry, DateTimeOffset now)
    {
        switch (entry.State)
        {
            case OpenVpnState.Connected when entry.IsConnectedSuccessfully:
                // Another CONNECTED while connected is no new connection: the generation (one conntrack flush each) stays.
                return new TunnelStep(Enter(status, TunnelState.Connected, entry.Detail, now) with
                {
                    OpenVpnState = entry.Name,
                    LocalAddress = entry.LocalAddress ?? status.LocalAddress,
                    Remote = entry.Remote ?? status.Remote,
                    ConnectionGeneration = status.State == TunnelState.Connected ? status.ConnectionGeneration : status.ConnectionGeneration + 1,
                })
                {
                    Connected = status.State != TunnelState.Connected,
                };
            case OpenVpnState.Connected:
                // CONNECTED,ERROR: up, but a step of its initialisation failed (a route, an up script): not usable as is.
                var error = $"openvpn connected with errors (CONNECTED,{entry.Detail}): an initialization step failed; see its log";
                var notConnected = Enter(WithError(status, error, now), TunnelState.Connecting, $"CONNECTED,{entry.Detail}", now) with { OpenVpnState = entry.Name };
                return Leave(status, notConnected, reason: null, now) with { Error = error };
            case OpenVpnState.Reconnecting:
                // OpenVPN retries on its own; the reason (ping-restart, tls-error, SIGUSR1...) stays the detail until connected.
                return Leave(
                    status,
                    Enter(status, TunnelState.Reconnecting, entry.Detail, now) with { OpenVpnState = entry.Name, Reconnects = status.Reconnects + 1 },
                    entry.Detail,
                    now);
            case OpenVpnState.Exiting:
                return Leave(status, Enter(status, TunnelState.Exiting, entry.Detail, now) with { OpenVpnState = entry.Name }, entry.Detail, now);
            default:
                // WAIT, AUTH, ASSIGN_IP...: on the way up, or back up after a RECONNECTING (whose reason stays the detail).
                var next = status.State == TunnelState.Connected ? TunnelState.Reconnecting : TunnelState.Connecting;
                var moved = status.State is TunnelState.Reconnecting ? status : Enter(status, next, entry.Name, now);
                return Leave(status, moved with { OpenVpnState = entry.Name }, reason: null, now);
        }
    }

    private static TunnelStep Failed(TunnelStatus status, string error, DateTimeOffset now) =>
        new(WithError(status, error, now)) { Error = error };

    private static TunnelStep Leave(TunnelStatus before, TunnelStatus next, string? reason, DateTimeOffset now) =>
        new(next) { LeavesConnection = true, LeaveReason = reason, Stable = EndsStable(before, now) };
}
