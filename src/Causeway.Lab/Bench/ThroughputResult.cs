namespace Causeway.Lab.Bench;

/// <summary>One iperf3 run: which path, which direction, in which round, and what it achieved (receiver side).</summary>
/// <param name="Path">raw-veth, openvpn-defaults or causeway (<see cref="BenchPaths"/>).</param>
/// <param name="Direction">upload (towards the internet's server) or download (iperf3 -R: the server sends).</param>
/// <param name="Round">1-based; the tunnels' order alternates between rounds so that drift cancels out.</param>
/// <param name="MssBytes">The TCP MSS iperf3 used (tcp_mss_default): both tunnels should show the same.</param>
/// <param name="Congestion">The sender's TCP congestion control.</param>
/// <param name="Load1">The machine's 1-minute load average when the run ended.</param>
/// <param name="Cpu">Where the CPU went during the run (null if it could not be read).</param>
/// <param name="Error">Why there is no number, if there is none.</param>
public sealed record ThroughputResult(
    string Path,
    string Direction,
    int Round,
    string From,
    string To,
    double MegabitsPerSecond,
    long Retransmits,
    int? MssBytes,
    string? Congestion,
    double Load1,
    CpuUse? Cpu,
    string? Error);
