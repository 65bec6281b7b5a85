using System.Collections.Immutable;
using Causeway.Core.Management;
using Causeway.Core.Model;

namespace Causeway.Core.Access;

/// <summary>
/// Joins the client registry with what the servers say now (their `status 3`), for `causeway client list` and the
/// daemon's status, and picks the sessions to end on revocation.
/// </summary>
public static class AccessClientReport
{
    /// <summary>`client-kill CID HALT`: the client is told to stop (not to reconnect, which the CRL would refuse anyway).</summary>
    public const string KillMessage = "HALT";

    /// <summary>The sessions in one server's status.</summary>
    public static ImmutableArray<AccessSession> Sessions(AccessTransport transport, ServerStatus status) =>
    [
        .. status.Clients.Select(c => new AccessSession(
            transport, c.CommonName, c.ClientId, c.RealAddress, c.VirtualAddress, c.ConnectedSince, c.BytesReceived, c.BytesSent)),
    ];

    /// <summary>
    /// One row per client in the registry (revoked ones too, marked), in the order they were added. A session whose
    /// CN is in the registry only as revoked belongs to that revoked client: it should not exist, and shows.
    /// </summary>
    public static ImmutableArray<AccessClientStatus> Build(
        AccessClientRegistry registry, AccessLastSeen lastSeen, IEnumerable<AccessSession> sessions, DateTimeOffset now)
    {
        var live = sessions.ToList();
        var rows = ImmutableArray.CreateBuilder<AccessClientStatus>();
        foreach (var client in registry.Clients)
        {
            // A name can be in the registry twice (revoked, then added again): live sessions are the active one's.
            var owner = registry.FindActive(client.Name) ?? registry.FindLatest(client.Name);
            var mine = ReferenceEquals(owner, client)
                ? [.. live.Where(s => string.Equals(s.CommonName, client.Name, StringComparison.OrdinalIgnoreCase))]
                : ImmutableArray<AccessSession>.Empty;
            rows.Add(new AccessClientStatus(
                client.Name,
                client.Created,
                client.NotAfter,
                client.RevokedAt,
                !mine.IsEmpty ? now : ReferenceEquals(owner, client) ? lastSeen.Of(client.Name) : null,
                mine));
        }

        return rows.ToImmutable();
    }

    /// <summary>The management commands that end every session of <paramref name="commonName"/> on one server.</summary>
    public static ImmutableArray<string> KillCommands(IEnumerable<AccessSession> sessions, string commonName) =>
    [
        .. sessions
            .Where(s => s.ClientId is not null && string.Equals(s.CommonName, commonName, StringComparison.Ordinal))
            .Select(s => $"client-kill {s.ClientId} {KillMessage}"),
    ];
}
