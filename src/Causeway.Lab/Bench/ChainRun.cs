namespace Causeway.Lab.Bench;

/// <summary>One iperf3 run of the Dinosaur benchmark with the CPU of every hop of its path.</summary>
/// <param name="BusyCores">The sum of <paramref name="Hops"/>: near the machine's core count, the path is CPU-bound.</param>
public sealed record ChainRun(ThroughputResult Throughput, IReadOnlyList<HopCpu> Hops, double BusyCores);
