namespace Causeway.Lab.Status;

/// <summary>What `causeway-lab status` shows: a world's namespaces, processes, addresses and the gateway's status.</summary>
/// <param name="IsUp">A state file exists for the world.</param>
/// <param name="Gateway">Null if `causeway status` did not answer; then <paramref name="GatewayError"/> says why.</param>
/// <param name="OtherHosts">The other hosts that run `causeway up` (Dinosaur's VM), with their status.</param>
public sealed record LabStatusReport(
    string World,
    string Directory,
    bool IsUp,
    IReadOnlyList<NamespaceStatus> Namespaces,
    IReadOnlyList<ProcessStatus> Processes,
    GatewayStatus? Gateway,
    string? GatewayError,
    IReadOnlyList<LabHostStatus>? OtherHosts = null);
