namespace Causeway.Lab.Bench;

/// <summary>One path and direction of the Dinosaur benchmark: median throughput and, per hop, the median CPU per Gbit/s.</summary>
/// <param name="MedianBusyCores">Median of every run's busy cores, against <see cref="DinosaurBenchReport.Cores"/>.</param>
/// <param name="MedianCoresPerGbps">Median of every run's busy cores per Gbit/s: what the whole path costs per bit.</param>
/// <param name="MedianHops">Per hop, the median of its cores per Gbit/s (and of its cores).</param>
public sealed record ChainSummary(
    string Path,
    string Direction,
    int Runs,
    double MedianMbps,
    double MinMbps,
    double MaxMbps,
    double MedianBusyCores,
    double? MedianCoresPerGbps,
    IReadOnlyList<HopCpu> MedianHops);
