using System.Collections.Immutable;
using System.Text.Json;

namespace Causeway.Core.Access;

/// <summary>
/// When each client was last seen connected, as the daemon records it in &lt;state_dir&gt;/access/last-seen.json
/// (a file of its own: the registry stays written only by `client add` and `client revoke`). By client name.
/// </summary>
public sealed record AccessLastSeen(ImmutableDictionary<string, DateTimeOffset> Clients)
{
    public static readonly AccessLastSeen Empty = new(ImmutableDictionary<string, DateTimeOffset>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase));

    public DateTimeOffset? Of(string name) => Clients.TryGetValue(name, out var seen) ? seen : null;

    /// <summary>
    /// Sets the clients in <paramref name="connected"/> to <paramref name="now"/> where their time is older than
    /// <paramref name="resolution"/>, so that a poll every few seconds does not rewrite the file every time. Returns
    /// this same instance when nothing changed.
    /// </summary>
    public AccessLastSeen MarkSeen(IEnumerable<string> connected, DateTimeOffset now, TimeSpan resolution)
    {
        var clients = Clients;
        foreach (var name in connected)
        {
            if (Of(name) is not { } seen || now - seen >= resolution)
            {
                clients = clients.SetItem(name, now);
            }
        }

        return ReferenceEquals(clients, Clients) ? this : new AccessLastSeen(clients);
    }

    public string ToJson() =>
        JsonSerializer.Serialize(Clients.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(), AccessJsonContext.Default.DictionaryStringDateTimeOffset) + "\n";

    /// <summary>Reads last-seen.json; throws <see cref="FormatException"/> if it is not one.</summary>
    public static AccessLastSeen FromJson(string json)
    {
        try
        {
            var read = JsonSerializer.Deserialize(json, AccessJsonContext.Default.DictionaryStringDateTimeOffset)
                ?? throw new FormatException("not a last-seen file: null");
            return new AccessLastSeen(read.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase));
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a last-seen file: {e.Message}", e);
        }
    }
}
