using System.Text.Json.Serialization;

namespace Causeway.Engine.Daemon;

/// <summary>Source-generated JSON for the status API (reflection-based serialization fails in the AOT binary).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusReport))]
public sealed partial class DaemonJsonContext : JsonSerializerContext;
