namespace Causeway.Lab.Bench;

/// <summary>
/// The CPU one hop of a path used during a run, in cores (CPU seconds per second; 1.0 = one core busy), and per
/// Gbit/s carried. A hop is an OpenVPN process (or the VM's two access servers together), iperf3 at both ends, or
/// the kernel's softirq threads (forwarding, nftables, the vxlan overlay and the TCP stacks that were not charged
/// to a process).
/// </summary>
public sealed record HopCpu(string Hop, double Cores, double? CoresPerGbps);
