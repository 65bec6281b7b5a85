using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Model;

namespace Causeway.Core.Tunnel;

/// <summary>
/// The supervised tunnel as last seen. The reconciler reads <see cref="ToFacts"/> (and
/// <see cref="ConnectionGeneration"/>); the status command shows the rest.
/// </summary>
public sealed record TunnelStatus
{
    public required TunnelState State { get; init; }

    /// <summary>When <see cref="State"/> last changed.</summary>
    public required DateTimeOffset StateSince { get; init; }

    /// <summary>Why it is in this state: "SUCCESS", a reconnect reason ("ping-restart"), why it waits to restart...</summary>
    public string Detail { get; init; } = string.Empty;

    /// <summary>OpenVPN's own last state name (WAIT, AUTH, CONNECTED...), null before the first.</summary>
    public string? OpenVpnState { get; init; }

    /// <summary>Our tunnel address (ifconfig_local / the CONNECTED line).</summary>
    public IPAddress? LocalAddress { get; init; }

    /// <summary>The server's end of the tunnel (route_vpn_gateway); the probe's target.</summary>
    public IPAddress? VpnGateway { get; init; }

    /// <summary>Pushed DNS servers, in order. Kept across reconnects (with persist-tun no new UPDOWN comes).</summary>
    public ImmutableArray<IPAddress> PushedDns { get; init; } = [];

    /// <summary>The tun device OpenVPN opened (dev).</summary>
    public string? Device { get; init; }

    /// <summary>"ip:port" of the server of the current or last connection.</summary>
    public string? Remote { get; init; }

    /// <summary>Link bytes of the current openvpn process (>BYTECOUNT), overhead included.</summary>
    public long BytesIn { get; init; }

    public long BytesOut { get; init; }

    /// <summary>RECONNECTING events seen since the supervisor started (over all processes).</summary>
    public int Reconnects { get; init; }

    /// <summary>How many times the supervisor launched openvpn (attempts, including those that failed to start).</summary>
    public int ProcessStarts { get; init; }

    /// <summary>The running openvpn's pid, if one runs.</summary>
    public int? ProcessId { get; init; }

    /// <summary>The most recent error (FATAL, authentication failure, exit, unanswered probes); kept after recovery.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>
    /// Incremented on every transition to <see cref="TunnelState.Connected"/>, so that a reader can act once per
    /// (re)connect (flush conntrack) even if it missed the states in between.
    /// </summary>
    public long ConnectionGeneration { get; init; }

    /// <summary>When <see cref="TunnelState.BackingOff"/>: when openvpn is started again.</summary>
    public DateTimeOffset? RestartAt { get; init; }

    /// <summary>Whether the VPN gateway answers the tunnel probe's echoes: null until known.</summary>
    public bool? PeerAnswersProbes { get; init; }

    public static TunnelStatus Stopped(DateTimeOffset now) => new() { State = TunnelState.Stopped, StateSince = now };

    public TunnelFacts ToFacts() => new(State == TunnelState.Connected, LocalAddress, PushedDns);

    /// <summary>
    /// This status with its byte counts left out: what the host's state and a supervisor's decisions depend on. OpenVPN
    /// reports its counts every second; a change of them alone is for the status, not a reason to look at the host.
    /// </summary>
    public TunnelStatus WithoutByteCounts() => this with { BytesIn = 0, BytesOut = 0 };
}
