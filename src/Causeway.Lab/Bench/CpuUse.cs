namespace Causeway.Lab.Bench;

/// <summary>
/// Where the CPU went during one iperf3 run, in cores (CPU seconds per second of the run; 1.0 = one core busy).
/// Softirq work (forwarding, nftables, the receiving TCP stack) is charged to the task that was running when it
/// happened: mostly the OpenVPN that wrote into its tun device, otherwise the ksoftirqd threads.
/// </summary>
/// <param name="OpenVpnClient">The path's OpenVPN client (null for the raw veth).</param>
/// <param name="OpenVpnServer">The provider's server that carried the path (null for the raw veth).</param>
/// <param name="Iperf3">iperf3 client plus server, as iperf3 reports its own use.</param>
/// <param name="Daemon">`causeway up` with the commands it ran (only on Causeway's path).</param>
/// <param name="SoftIrqThreads">The kernel's ksoftirqd threads (machine-wide: other users' work shows here too).</param>
/// <param name="CoresPerGbps">The sum, per Gbit/s carried: lower is more efficient, and it is less sensitive to
/// other load on the machine than the throughput is.</param>
public sealed record CpuUse(
    double? OpenVpnClient,
    double? OpenVpnServer,
    double Iperf3,
    double? Daemon,
    double SoftIrqThreads,
    double Total,
    double? CoresPerGbps);
