namespace Causeway.Lab.Status;

/// <summary>`tunnel` in `causeway status --json`.</summary>
/// <param name="State">Connected, Connecting, Reconnecting, ...</param>
/// <param name="StateSince">When the daemon saw the tunnel enter <paramref name="State"/>.</param>
/// <param name="Detail">Why, e.g. "ping-restart" or "...; restarting in 2 s" while backing off.</param>
public sealed record GatewayTunnelStatus(
    string? State,
    bool Connected,
    DateTimeOffset? StateSince,
    string? Detail,
    string? LocalAddress,
    string? VpnGateway,
    IReadOnlyList<string>? PushedDns,
    long? BytesIn,
    long? BytesOut,
    int? Reconnects,
    int? ProcessStarts,
    string? LastError);
