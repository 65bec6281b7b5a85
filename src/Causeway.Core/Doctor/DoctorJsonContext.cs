using System.Text.Json.Serialization;

namespace Causeway.Core.Doctor;

/// <summary>`causeway doctor --json`, source-generated (the binary is NativeAOT: no reflection serialization).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DoctorReport))]
public sealed partial class DoctorJsonContext : JsonSerializerContext;
