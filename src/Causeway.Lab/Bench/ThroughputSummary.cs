namespace Causeway.Lab.Bench;

/// <summary>The runs of one path and direction that produced a number: median and spread.</summary>
/// <param name="Runs">How many runs produced a number.</param>
/// <param name="MedianCoresPerGbps">Median of <see cref="CpuUse.CoresPerGbps"/>, or null if no run has it.</param>
public sealed record ThroughputSummary(
    string Path,
    string Direction,
    int Runs,
    double MedianMbps,
    double MinMbps,
    double MaxMbps,
    double MedianRetransmits,
    double? MedianCoresPerGbps);
