using System.Text.Json.Serialization;

namespace Causeway.Core.Access;

/// <summary>Source-generated JSON for the access files (the binary is NativeAOT: no reflection serialization).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(AccessClientRegistry))]
[JsonSerializable(typeof(Dictionary<string, DateTimeOffset>))]
internal sealed partial class AccessJsonContext : JsonSerializerContext
{
}
