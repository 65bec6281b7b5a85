namespace Causeway.Lab.Status;

/// <summary>A second host's `causeway status --json` (Dinosaur's VM), or why there is none.</summary>
public sealed record LabHostStatus(string Node, GatewayStatus? Status, string? Error);
