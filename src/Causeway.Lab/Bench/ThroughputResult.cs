namespace Causeway.Lab.Bench;

/// <summary>One iperf3 run: which path, which direction, and what it achieved (receiver side).</summary>
/// <param name="Path">raw-veth, openvpn-defaults or causeway.</param>
/// <param name="Direction">upload (client to server) or download (-R).</param>
/// <param name="Error">Why there is no number, if there is none.</param>
public sealed record ThroughputResult(
    string Path,
    string Direction,
    string From,
    string To,
    double MegabitsPerSecond,
    long Retransmits,
    string? Error);
