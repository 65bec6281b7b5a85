using System.Globalization;
using System.Text.Json;

namespace Causeway.Lab.ZeroTier;

/// <summary>
/// How the embedded controller reads POSTed values (OSUtils::jsonBool/jsonInt/jsonString): lenient, unlike the
/// local network POST, which takes booleans only.
/// </summary>
internal static class ControllerJson
{
    public static bool Bool(JsonElement value, bool fallback) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.TryGetDouble(out var number) && number > 0,
        JsonValueKind.String => value.GetString() is { Length: > 0 } s && s[0] is 't' or 'T' or '1',
        _ => fallback,
    };

    public static long Int(JsonElement value, long fallback) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetInt64(out var number) ? number : fallback,
        JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback,
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => fallback,
    };

    public static string String(JsonElement value, string fallback) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? fallback,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => fallback,
    };

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
