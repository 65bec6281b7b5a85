using System.Collections.Immutable;

namespace Causeway.Core.Access;

/// <summary>One row of `causeway client list`: the registry's record joined with the servers' live sessions.</summary>
/// <param name="LastSeen">Now while connected, else the last time the daemon saw it; null if never.</param>
/// <param name="Sessions">Its live connections (usually none or one; two while a client moves from UDP to TCP).</param>
public sealed record AccessClientStatus(
    string Name,
    DateTimeOffset Created,
    DateTimeOffset NotAfter,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastSeen,
    ImmutableArray<AccessSession> Sessions)
{
    public bool Connected => !Sessions.IsDefaultOrEmpty;

    public bool IsRevoked => RevokedAt is not null;

    public long BytesReceived => Sessions.IsDefault ? 0 : Sessions.Sum(s => s.BytesReceived);

    public long BytesSent => Sessions.IsDefault ? 0 : Sessions.Sum(s => s.BytesSent);
}
