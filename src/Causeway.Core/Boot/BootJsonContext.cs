using System.Text.Json.Serialization;

namespace Causeway.Core.Boot;

/// <summary>
/// Source-generated JSON for the saved kill switch (NativeAOT). Strict, since root reads it at early boot: every member
/// is required (nulls where a value may be absent), unknown members and duplicates are errors, nesting is shallow.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 8)]
[JsonSerializable(typeof(SavedKillSwitch))]
internal sealed partial class BootJsonContext : JsonSerializerContext;
