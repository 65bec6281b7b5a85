using System.Text.Json.Serialization;

namespace Causeway.Engine.HostState;

/// <summary>Source-generated JSON for the state file (no reflection: the binary is NativeAOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(StateFile))]
internal sealed partial class HostStateJsonContext : JsonSerializerContext;
