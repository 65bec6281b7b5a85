using System.Collections.Immutable;

namespace Causeway.Engine.Daemon;

/// <summary>
/// The devices clients' traffic crosses on this host, read every <see cref="Traffic.TrafficWatch.SampleInterval"/>
/// from the kernel's counters, with rates between the last two readings (docs/status.md, `traffic`).
/// </summary>
/// <param name="SampledAt">The last reading.</param>
/// <param name="IntervalSeconds">Seconds between the last two readings (what the rates are over); null after the first.</param>
/// <param name="Devices">The egress device first, then the client side: the overlay, the access servers.</param>
public sealed record TrafficReport(DateTimeOffset SampledAt, double? IntervalSeconds, ImmutableArray<TrafficDeviceReport> Devices)
{
    /// <summary>
    /// The egress device's rates at each reading of the last <see cref="Traffic.TrafficWatch.HistoryLength"/>, oldest
    /// first, the last one this report's: what a dashboard opened now draws at once, instead of an empty graph.
    /// </summary>
    public ImmutableArray<TrafficPoint> History { get; init; } = [];
}
