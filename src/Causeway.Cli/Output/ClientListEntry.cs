using System.Collections.Immutable;
using Causeway.Core.Access;
using Causeway.Engine.Daemon;

namespace Causeway.Cli.Output;

/// <summary>One client in `causeway client list --json`.</summary>
/// <param name="LastSeen">Now while connected, else when the daemon last saw it connected; null if never.</param>
/// <param name="Connected">Null when no daemon runs to ask.</param>
/// <param name="BytesReceived">Link bytes the servers received from it on its live sessions; null when no daemon runs.</param>
/// <param name="BytesSent">Link bytes the servers sent it on its live sessions; null when no daemon runs.</param>
public sealed record ClientListEntry(
    string Name,
    DateTimeOffset Created,
    DateTimeOffset NotAfter,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastSeen,
    bool? Connected,
    long? BytesReceived,
    long? BytesSent,
    ImmutableArray<ControlSession> Sessions)
{
    public static ClientListEntry From(AccessClientStatus status, bool daemonRunning) => new(
        status.Name,
        status.Created,
        status.NotAfter,
        status.RevokedAt,
        status.LastSeen,
        daemonRunning ? status.Connected : null,
        daemonRunning ? status.BytesReceived : null,
        daemonRunning ? status.BytesSent : null,
        [.. status.Sessions.IsDefault ? [] : status.Sessions.Select(ControlSession.From)]);
}
