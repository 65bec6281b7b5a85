using System.Text.Json.Serialization;
using Causeway.Core.Traffic;

namespace Causeway.Engine.Traffic;

/// <summary>Source-generated JSON for the month's egress counts in the state directory (no reflection: the binary is NativeAOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true)]
[JsonSerializable(typeof(EgressUsage))]
internal sealed partial class TrafficJsonContext : JsonSerializerContext;
