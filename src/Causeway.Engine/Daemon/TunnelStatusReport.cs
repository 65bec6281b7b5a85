using System.Collections.Immutable;

namespace Causeway.Engine.Daemon;

/// <summary>The provider tunnel as the supervisor sees it through OpenVPN's management interface.</summary>
public sealed record TunnelStatusReport(
    string State,
    bool Connected,
    DateTimeOffset StateSince,
    string? Detail,
    string? LocalAddress,
    string? VpnGateway,
    string? Remote,
    ImmutableArray<string> PushedDns,
    long BytesIn,
    long BytesOut,
    int Reconnects,
    int ProcessStarts,
    string? LastError)
{
    /// <summary>
    /// When the tunnel last became connected: OpenVPN's handshake with the provider (or, towards an overlay gateway,
    /// its first answer after a silence). Kept while it is down; null before the first. OpenVPN's hourly key
    /// renegotiations inside a connection are not reported by its management interface and do not move it.
    /// </summary>
    public DateTimeOffset? LastHandshake { get; init; }
}
