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
    string? LastError);
