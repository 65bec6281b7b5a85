namespace Causeway.Lab.Bench;

/// <summary>What one `iperf3 -J` printed.</summary>
/// <param name="MegabitsPerSecond">At the receiver (what arrived), not what the sender pushed.</param>
/// <param name="HostCpuPercent">The iperf3 client's CPU use in percent of one core.</param>
/// <param name="RemoteCpuPercent">The iperf3 server's.</param>
/// <param name="BytesReceived">What arrived at the receiver during the test, in bytes (with -n, the sender may have written more: the test ends when it wrote the last byte).</param>
public sealed record IperfRun(
    double MegabitsPerSecond,
    long Retransmits,
    int? MssBytes,
    string? Congestion,
    double HostCpuPercent,
    double RemoteCpuPercent,
    string? Error,
    long BytesReceived = 0)
{
    public static IperfRun Failed(string error) => new(0, 0, null, null, 0, 0, error);
}
