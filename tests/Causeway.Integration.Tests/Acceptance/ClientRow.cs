using System.Collections.Immutable;
using System.Text.Json;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// One client of `causeway client list --json`, read by its documented field names (camelCase), so that a renamed
/// field fails here rather than in a user's script.
/// </summary>
public sealed record ClientRow(
    string Name,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastSeen,
    bool? Connected,
    long? BytesReceived,
    long? BytesSent,
    ImmutableArray<string> Transports)
{
    /// <summary>daemonRunning, problems and the clients of a `client list --json` answer.</summary>
    public static (bool DaemonRunning, ImmutableArray<string> Problems, ImmutableArray<ClientRow> Clients) ParseList(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return (
            root.GetProperty("daemonRunning").GetBoolean(),
            [.. root.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!)],
            [.. root.GetProperty("clients").EnumerateArray().Select(Parse)]);
    }

    private static ClientRow Parse(JsonElement client) => new(
        client.GetProperty("name").GetString()!,
        Time(client.GetProperty("revokedAt")),
        Time(client.GetProperty("lastSeen")),
        client.GetProperty("connected").ValueKind == JsonValueKind.Null ? null : client.GetProperty("connected").GetBoolean(),
        Number(client.GetProperty("bytesReceived")),
        Number(client.GetProperty("bytesSent")),
        [.. client.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("transport").GetString()!)]);

    private static DateTimeOffset? Time(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDateTimeOffset();

    private static long? Number(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetInt64();
}
