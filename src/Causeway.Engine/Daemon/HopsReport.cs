using System.Collections.Immutable;
using Causeway.Core.Hops;

namespace Causeway.Engine.Daemon;

/// <summary>
/// The hops of clients' traffic as this host sees them (docs/status.md: the contract the Service issue's API, metrics
/// and dashboard build on).
/// </summary>
/// <param name="Summary">One line for a person, in the host's local time: the first hop down, since when and what to look at.</param>
/// <param name="FirstFailed">The id of the first hop down; null while none is.</param>
/// <param name="Items">Every hop, in the order clients' traffic crosses them.</param>
public sealed record HopsReport(string Summary, string? FirstFailed, ImmutableArray<HopStatusReport> Items)
{
    public static HopsReport Of(HopChain chain, TimeZoneInfo zone) => new(
        chain.Summary(zone),
        chain.FirstFailed?.Id,
        [.. chain.Hops.Select(HopStatusReport.Of)]);
}
