namespace Causeway.Lab.Bench;

/// <summary>
/// A path over the whole chain against the bare provider tunnel, one direction (or both summed).
/// </summary>
/// <param name="Ratio">median(chain) / median(provider tunnel).</param>
/// <param name="CpuBound">What the ratio would be if both were limited by CPU alone: the bare tunnel's CPU per Gbit/s
/// over the chain's. The chain can come close to it, not beyond it; the gap between the two is what the CPU does not
/// explain (queues, TCP over TCP, the overlay's fragmentation).</param>
/// <param name="MeetsGoal">Ratio at least the report's goal (only the UDP phone's path has one).</param>
public sealed record ChainRatio(string Path, string Direction, double ChainMbps, double TunnelMbps, double? Ratio, double? CpuBound, bool MeetsGoal);
