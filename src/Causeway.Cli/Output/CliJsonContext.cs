using System.Text.Json.Serialization;

namespace Causeway.Cli.Output;

/// <summary>Source-generated JSON for what the CLI prints itself (the binary is NativeAOT: no reflection serialization).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ClientListReport))]
public sealed partial class CliJsonContext : JsonSerializerContext;
