namespace Causeway.Lab.Bench;

/// <summary>What one `iperf3 -J` printed.</summary>
/// <param name="MegabitsPerSecond">At the receiver (what arrived), not what the sender pushed.</param>
/// <param name="HostCpuPercent">The iperf3 client's CPU use in percent of one core.</param>
/// <param name="RemoteCpuPercent">The iperf3 server's.</param>
/// <param name="BytesSent">What the sender sent in the test, in bytes (with -n, the test ends once it has sent that many).</param>
public sealed record IperfRun(
    double MegabitsPerSecond,
    long Retransmits,
    int? MssBytes,
    string? Congestion,
    double HostCpuPercent,
    double RemoteCpuPercent,
    string? Error,
    long BytesSent = 0)
{
    public static IperfRun Failed(string error) => new(0, 0, null, null, 0, 0, error);
}
