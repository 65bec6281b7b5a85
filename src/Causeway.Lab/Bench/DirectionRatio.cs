namespace Causeway.Lab.Bench;

/// <summary>Causeway's path against the bare OpenVPN tunnel in one direction (the goal: at least 1.0).</summary>
/// <param name="RatioOfMedians">median(causeway) / median(openvpn-defaults).</param>
/// <param name="PairedRatios">causeway / openvpn-defaults within each round (runs next to each other in time).</param>
/// <param name="MedianPairedRatio">The median of <see cref="PairedRatios"/>: the most drift-proof of the three.</param>
/// <param name="CpuRatio">median cores per Gbit/s of causeway / of openvpn-defaults: below 1.0 means Causeway's
/// path costs less CPU per bit, whatever else the machine is doing.</param>
public sealed record DirectionRatio(
    string Direction,
    double? RatioOfMedians,
    IReadOnlyList<double> PairedRatios,
    double? MedianPairedRatio,
    double? CpuRatio);
