namespace Causeway.Lab.Status;

/// <summary>`tunnel` in `causeway status --json`.</summary>
/// <param name="State">Connected, Connecting, Reconnecting, ...</param>
public sealed record GatewayTunnelStatus(
    string? State,
    bool Connected,
    string? LocalAddress,
    string? VpnGateway,
    IReadOnlyList<string>? PushedDns,
    long? BytesIn,
    long? BytesOut,
    int? Reconnects,
    int? ProcessStarts,
    string? LastError);
