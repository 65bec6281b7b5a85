using System.Text.Json;
using System.Text.Json.Serialization;

namespace Causeway.Lab.ZeroTier;

/// <summary>Source-generated JSON for scenario files (comments and trailing commas allowed; unknown keys are errors).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true)]
[JsonSerializable(typeof(ZeroTierStandInScenario))]
public sealed partial class ZeroTierStandInJsonContext : JsonSerializerContext;
