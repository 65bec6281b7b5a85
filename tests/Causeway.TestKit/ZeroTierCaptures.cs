using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Causeway.TestKit;

/// <summary>
/// The captured zerotier-one 1.14.1 responses (tests/Causeway.Core.Tests/Fixtures/zerotier-json, copied next to every
/// test binary that reads them).
/// </summary>
public static class ZeroTierCaptures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zerotier-json");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public static T Load<T>(string name, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(Read(name), type) ?? throw new InvalidDataException($"{name} is null");

    /// <summary>Compact JSON text: key order, nulls and number forms stay as they are, so two can be compared exactly.</summary>
    public static string Canonical(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
