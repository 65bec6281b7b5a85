using System.Text.Json;

namespace Causeway.Lab.Tests.ZeroTier;

/// <summary>
/// Field-by-field comparison of two JSON documents: the same keys in the same order, the same value kinds (nulls
/// included; arrays are not objects), the same emptiness of arrays, and equal values except under keys whose
/// values depend on time or identity (their shape is still compared).
/// </summary>
internal static class JsonShape
{
    public static List<string> Differences(JsonElement expected, JsonElement actual, IReadOnlySet<string> volatileKeys)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", compareValues: true, volatileKeys, differences);
        return differences;
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, bool compareValues, IReadOnlySet<string> volatileKeys, List<string> differences)
    {
        if (Kind(expected) != Kind(actual))
        {
            differences.Add($"{path}: expected {Kind(expected)}, got {Kind(actual)} ({Show(actual)})");
            return;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToList();
                var actualKeys = actual.EnumerateObject().Select(p => p.Name).ToList();
                if (!expectedKeys.SequenceEqual(actualKeys, StringComparer.Ordinal))
                {
                    differences.Add($"{path}: keys [{string.Join(",", expectedKeys)}] expected, got [{string.Join(",", actualKeys)}]");
                }

                foreach (var property in expected.EnumerateObject())
                {
                    if (actual.TryGetProperty(property.Name, out var value))
                    {
                        Compare(property.Value, value, $"{path}.{property.Name}", compareValues && !volatileKeys.Contains(property.Name), volatileKeys, differences);
                    }
                }

                break;

            case JsonValueKind.Array:
                var expectedItems = expected.EnumerateArray().ToList();
                var actualItems = actual.EnumerateArray().ToList();
                if ((expectedItems.Count == 0) != (actualItems.Count == 0))
                {
                    differences.Add($"{path}: expected {expectedItems.Count} items, got {actualItems.Count}");
                    return;
                }

                if (compareValues && expectedItems.Count != actualItems.Count)
                {
                    differences.Add($"{path}: expected {expectedItems.Count} items, got {actualItems.Count}: {Show(actual)}");
                }

                for (var i = 0; i < actualItems.Count; i++)
                {
                    var sameIndex = i < expectedItems.Count;
                    Compare(expectedItems[sameIndex ? i : 0], actualItems[i], $"{path}[{i}]", compareValues && sameIndex, volatileKeys, differences);
                }

                break;

            default:
                if (compareValues && expected.GetRawText() != actual.GetRawText())
                {
                    differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                }

                break;
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => element.TryGetInt64(out _) ? "integer" : "number",
        var kind => kind.ToString().ToLowerInvariant(),
    };

    private static string Show(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 120 ? text : $"{text[..120]}...";
    }
}
