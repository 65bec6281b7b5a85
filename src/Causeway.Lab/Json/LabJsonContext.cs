using System.Text.Json.Serialization;
using Causeway.Lab.Bench;
using Causeway.Lab.Checks;
using Causeway.Lab.Machine;
using Causeway.Lab.Probes;
using Causeway.Lab.State;
using Causeway.Lab.Status;

namespace Causeway.Lab.Json;

/// <summary>Source-generated JSON for everything the lab reads and writes (the binary is NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    PropertyNameCaseInsensitive = true,
    WriteIndented = false)]
[JsonSerializable(typeof(LabState))]
[JsonSerializable(typeof(LabCheckReport))]
[JsonSerializable(typeof(LabStatusReport))]
[JsonSerializable(typeof(GatewayStatus))]
[JsonSerializable(typeof(EchoProbeResult))]
[JsonSerializable(typeof(DnsProbeResult))]
[JsonSerializable(typeof(SendProbeResult))]
[JsonSerializable(typeof(InjectProbeResult))]
[JsonSerializable(typeof(HostSnapshot))]
[JsonSerializable(typeof(BenchReport))]
[JsonSerializable(typeof(DuoBenchReport))]
[JsonSerializable(typeof(FootprintReport))]
[JsonSerializable(typeof(DinosaurBenchReport))]
public sealed partial class LabJsonContext : JsonSerializerContext;
