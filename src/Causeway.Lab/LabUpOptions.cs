namespace Causeway.Lab;

/// <summary>How `lab up` behaves.</summary>
/// <param name="StartGateway">Start `causeway up` on the gateway (off: the world without Causeway, for benchmarks and debugging).</param>
/// <param name="KeepOnFailure">Leave a half-built world in place (for debugging) instead of taking it down.</param>
/// <param name="GatewayBinary">Another build of `causeway` to run as the gateway (`up`, `status`, `down`); null = this one.</param>
public sealed record LabUpOptions(bool StartGateway = true, bool KeepOnFailure = false, string? GatewayBinary = null);
