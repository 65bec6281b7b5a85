namespace Causeway.Lab;

/// <summary>How `lab up` behaves.</summary>
/// <param name="GatewayBinary">The `causeway` binary to run as the gateway (`up`, `status`, `down`): the lab drives the product only as a process.</param>
/// <param name="StartGateway">Start `causeway up` on the gateway (off: the world without Causeway, for benchmarks and debugging).</param>
/// <param name="KeepOnFailure">Leave a half-built world in place (for debugging) instead of taking it down.</param>
public sealed record LabUpOptions(string GatewayBinary, bool StartGateway = true, bool KeepOnFailure = false);
