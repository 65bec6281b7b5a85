namespace Causeway.Lab.Probes;

/// <summary>Datagrams sent without waiting for anything (the canary), or a TCP connect test.</summary>
public sealed record SendProbeResult(string Target, int Requested, int Sent, IReadOnlyList<string> Errors);
