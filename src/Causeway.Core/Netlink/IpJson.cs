using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Causeway.Core.Netlink;

/// <summary>
/// Reading the loosely typed objects that `ip -json` prints: a key may be absent, numbers are numbers but
/// tables and marks are strings, and "default" stands for the whole address space.
/// </summary>
internal static class IpJson
{
    /// <summary>Parses the top-level array; `ip` prints one JSON array per command.</summary>
    public static JsonDocument ParseArray(string json, string what)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"parsing the output of `{what}`: not valid JSON ({e.Message})", e);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            document.Dispose();
            throw new FormatException($"parsing the output of `{what}`: expected a JSON array, got {document.RootElement.ValueKind}");
        }

        return document;
    }

    public static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? AsText(value) : null;

    public static long? GetInt64(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), out var number) => number,
            _ => null,
        };
    }

    public static IReadOnlyList<string> GetStrings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. value.EnumerateArray().Select(AsText).OfType<string>()];
    }

    /// <summary>The text of a scalar (strings as they are, numbers and booleans as JSON writes them).</summary>
    public static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    /// <summary>
    /// "default", "10.0.0.0/8", "10.0.0.1" (a host), or an address and a separate prefix length (rules print
    /// "dst" and "dstlen"). Returns null for "all" (rules: no selector).
    /// </summary>
    public static IPNetwork? ParseNetwork(string? text, long? prefixLength, AddressFamily family, string what)
    {
        if (text is null || text == "all")
        {
            return null;
        }

        if (text == "default")
        {
            return family == AddressFamily.InterNetworkV6 ? new IPNetwork(IPAddress.IPv6Any, 0) : new IPNetwork(IPAddress.Any, 0);
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            throw new FormatException($"parsing the output of `{what}`: \"{text}\" is not an address or a network");
        }

        var maxLength = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        int length;
        if (slash >= 0)
        {
            if (!int.TryParse(text[(slash + 1)..], out length))
            {
                throw new FormatException($"parsing the output of `{what}`: \"{text}\" has no valid prefix length");
            }
        }
        else
        {
            length = (int)(prefixLength ?? maxLength);
        }

        if (length < 0 || length > maxLength)
        {
            throw new FormatException($"parsing the output of `{what}`: prefix length {length} is out of range in \"{text}\"");
        }

        return NetworkMath.Create(address, length);
    }
}
