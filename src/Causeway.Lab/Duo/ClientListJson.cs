using System.Text.Json;

namespace Causeway.Lab.Duo;

/// <summary>
/// Reads `causeway client list --json`. JsonDocument and a lenient reading (an array of clients or an object holding
/// one; snake_case or camelCase names; a transport as a name or a number): the lab checks what the list says, not
/// how the daemon spells it.
/// </summary>
public static class ClientListJson
{
    /// <exception cref="FormatException">Not a client list.</exception>
    public static IReadOnlyList<VmClient> Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var clients = root.ValueKind == JsonValueKind.Array
                ? root
                : Find(root, "clients") ?? throw new FormatException("no array of clients");
            return [.. clients.EnumerateArray().Select(Client)];
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}", e);
        }
    }

    private static VmClient Client(JsonElement client)
    {
        var name = Text(client, "name") ?? throw new FormatException($"a client without a name: {client.GetRawText()}");
        var revoked = Find(client, "revoked_at") is { ValueKind: not JsonValueKind.Null }
            || Find(client, "revoked") is { ValueKind: JsonValueKind.True }
            || Find(client, "is_revoked") is { ValueKind: JsonValueKind.True };
        var sessions = Find(client, "sessions") is { ValueKind: JsonValueKind.Array } list
            ? [.. list.EnumerateArray().Select(Session)]
            : new List<VmClientSession>();
        return new VmClient(name, revoked, sessions);
    }

    private static VmClientSession Session(JsonElement session)
    {
        var transport = Find(session, "transport") switch
        {
            { ValueKind: JsonValueKind.Number } n => n.GetInt32() == 0 ? "udp" : "tcp",
            { ValueKind: JsonValueKind.String } s => s.GetString()!.ToLowerInvariant(),
            _ => "?",
        };
        return new VmClientSession(
            transport,
            Text(session, "real_address"),
            Text(session, "virtual_address"),
            Text(session, "connected_since"),
            Number(session, "bytes_received"),
            Number(session, "bytes_sent"));
    }

    /// <summary>A property by name, ignoring case and underscores (real_address = realAddress = RealAddress).</summary>
    private static JsonElement? Find(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var wanted = Normalize(name);
        foreach (var property in element.EnumerateObject())
        {
            if (Normalize(property.Name) == wanted)
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) => Find(element, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Null } or null => null,
        { } other => other.GetRawText(),
    };

    private static long Number(JsonElement element, string name) =>
        Find(element, name) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out var value) ? value : 0;

    private static string Normalize(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
