using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Causeway.TestKit;

/// <summary>
/// docs/status.schema.json, and a check of a status report against it: the subset of JSON Schema the file uses
/// (type, enum, required, properties, items, anyOf, $ref into $defs, pattern, format date-time), plus one rule
/// stricter than the schema itself: every property the report has must be declared there, so that nothing the
/// daemon writes goes undocumented. (The schema lets readers meet properties it does not list: new ones may come.)
/// </summary>
public static class StatusSchema
{
    public static JsonElement Load()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Causeway.slnx")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("no Causeway.slnx above the tests"), "docs", "status.schema.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>Every way <paramref name="report"/> departs from the schema, each with its JSON path; empty when it matches.</summary>
    public static IReadOnlyList<string> Problems(JsonElement report)
    {
        var schema = Load();
        var problems = new List<string>();
        Check(schema, schema, report, "$", problems);
        return problems;
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/$defs/".Length..];
            Check(root, root.GetProperty("$defs").GetProperty(name), value, path, problems);
            return;
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            var matches = anyOf.EnumerateArray().Any(option =>
            {
                var inner = new List<string>();
                Check(root, option, value, path, inner);
                return inner.Count == 0;
            });
            if (!matches)
            {
                // Report the first option's problems: the non-null one, by the schema's convention.
                Check(root, anyOf[0], value, path, problems);
            }

            return;
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, value)))
        {
            problems.Add($"{path}: {value.GetRawText()} is not one of {values.GetRawText()}");
        }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            problems.Add($"{path}: {value.ValueKind} is not {type.GetRawText()}");
            return;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!))
            {
                problems.Add($"{path}: \"{text}\" does not match {pattern.GetString()}");
            }

            if (schema.TryGetProperty("format", out var format) && format.GetString() == "date-time"
                && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                problems.Add($"{path}: \"{text}\" is not a date-time");
            }
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(name => !value.TryGetProperty(name, out _)))
                {
                    problems.Add($"{path}: no \"{name}\"");
                }
            }

            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    problems.Add($"{path}.{property.Name}: not in docs/status.schema.json");
                    continue;
                }

                Check(root, propertySchema, property.Value, $"{path}.{property.Name}", problems);
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(root, items, item, $"{path}[{index++}]", problems);
            }
        }
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) => type.ValueKind == JsonValueKind.Array
        ? type.EnumerateArray().Any(t => TypeMatches(t, value))
        : type.GetString() switch
        {
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            "string" => value.ValueKind == JsonValueKind.String,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "null" => value.ValueKind == JsonValueKind.Null,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            _ => false,
        };
}
