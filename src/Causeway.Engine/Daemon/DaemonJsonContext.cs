using System.Text.Json.Serialization;

namespace Causeway.Engine.Daemon;

/// <summary>Source-generated JSON for the status and control APIs (reflection-based serialization fails in the AOT binary).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(ControlSessionsReport))]
[JsonSerializable(typeof(ControlError))]
public sealed partial class DaemonJsonContext : JsonSerializerContext;
