using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Causeway.Core.Access;

/// <summary>
/// Every client ever added, in the order they were added, as kept in &lt;state_dir&gt;/access/clients.json. At most
/// one client per name is active (not revoked); a revoked name may be added again, with a new certificate.
/// Immutable: each change returns a new registry for the caller to write. Only `client add` and `client revoke`
/// write it (the daemon keeps last-seen times in a file of its own, <see cref="AccessLastSeen"/>), so that a
/// client's record is never lost to two writers.
/// </summary>
public sealed record AccessClientRegistry(int Version, ImmutableArray<AccessClientRecord> Clients)
{
    public const int CurrentVersion = 1;

    public static readonly AccessClientRegistry Empty = new(CurrentVersion, []);

    [JsonIgnore]
    public IEnumerable<AccessClientRecord> Active => Clients.Where(c => !c.IsRevoked);

    /// <summary>The active client of this name (case-insensitive), or null.</summary>
    public AccessClientRecord? FindActive(string name) =>
        Clients.FirstOrDefault(c => !c.IsRevoked && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The most recent client of this name, active or revoked, or null.</summary>
    public AccessClientRecord? FindLatest(string name) =>
        Clients.LastOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <exception cref="AccessClientException">An active client already has this name.</exception>
    public AccessClientRegistry Add(AccessClientRecord client)
    {
        if (FindActive(client.Name) is { } existing)
        {
            throw new AccessClientException(
                $"there is already a client named \"{existing.Name}\" (added {existing.Created:u}): choose another name, or revoke it first with `causeway client revoke {existing.Name}`");
        }

        return this with { Clients = Clients.Add(client) };
    }

    /// <summary>Marks the active client of this name revoked at <paramref name="at"/>.</summary>
    /// <exception cref="AccessClientException">No active client has this name.</exception>
    public AccessClientRegistry Revoke(string name, DateTimeOffset at, out AccessClientRecord revoked)
    {
        var active = FindActive(name);
        if (active is null)
        {
            var message = FindLatest(name) is { RevokedAt: { } when } gone
                ? $"client \"{gone.Name}\" was already revoked on {when:u}"
                : $"there is no client named \"{name}\"{Known()}";
            throw new AccessClientException(message);
        }

        revoked = active with { RevokedAt = at };
        return this with { Clients = Clients.Replace(active, revoked) };
    }

    /// <summary>The JSON of clients.json (indented, source-generated).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, AccessJsonContext.Default.AccessClientRegistry) + "\n";

    /// <summary>Reads clients.json; throws <see cref="FormatException"/> saying what is wrong with it.</summary>
    public static AccessClientRegistry FromJson(string json)
    {
        AccessClientRegistry? registry;
        try
        {
            registry = JsonSerializer.Deserialize(json, AccessJsonContext.Default.AccessClientRegistry);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a client registry: {e.Message}", e);
        }

        if (registry is null || registry.Clients.IsDefault)
        {
            throw new FormatException("not a client registry: no \"clients\" list");
        }

        if (registry.Version != CurrentVersion)
        {
            throw new FormatException($"version {registry.Version} is not one this Causeway reads ({CurrentVersion}): is it from a newer Causeway?");
        }

        var duplicate = registry.Active.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"\"{duplicate.Key}\" is active more than once");
        }

        return registry;
    }

    private string Known()
    {
        var active = Active.Select(c => c.Name).ToList();
        return active.Count == 0 ? " (there are no clients yet)" : $" (clients: {string.Join(", ", active)})";
    }
}
