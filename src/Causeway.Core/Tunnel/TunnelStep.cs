namespace Causeway.Core.Tunnel;

/// <summary>
/// What one management event does to the tunnel (<see cref="TunnelTransitions"/>): the next status and what the
/// supervisor must do about it. Data only, so that the decisions can be checked against captured transcripts.
/// </summary>
/// <param name="Status">The next status (unchanged when the event does not concern it).</param>
public sealed record TunnelStep(TunnelStatus Status)
{
    /// <summary>An error this event reports: already in <see cref="Status"/> as its LastError; to be logged, and it marks the process as failed.</summary>
    public string? Error { get; init; }

    /// <summary>What to send to OpenVPN in answer.</summary>
    public TunnelReaction Reaction { get; init; }

    /// <summary>The tunnel has just become connected (it was not before): a client starts probing the VPN gateway.</summary>
    public bool Connected { get; init; }

    /// <summary>
    /// The tunnel is not connected after this event (every state but CONNECTED,SUCCESS): probing stops, and its outcome
    /// is judged with <see cref="LeaveReason"/> (<see cref="UnansweredProbes"/>).
    /// </summary>
    public bool LeavesConnection { get; init; }

    /// <summary>The reason a RECONNECTING or EXITING gave ("ping-restart"); null for the other states.</summary>
    public string? LeaveReason { get; init; }

    /// <summary>A connection ended here after lasting <see cref="RestartBackoff.StableConnection"/>: the next exit starts the backoff afresh.</summary>
    public bool Stable { get; init; }
}
