using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Causeway.Core.Tests.ZeroTier;

/// <summary>The captured zerotier-one 1.14.1 responses in Fixtures/zerotier-json.</summary>
internal static class ZeroTierFixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zerotier-json");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public static T Load<T>(string name, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(Read(name), type) ?? throw new InvalidDataException($"{name} is null");
}
