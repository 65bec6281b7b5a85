using System.Collections.Immutable;
using Causeway.Core.Nft;
using Causeway.Core.Planning;
using Causeway.Core.Traffic;

namespace Causeway.Engine.Daemon;

/// <summary>
/// The drop rules' counters added up since this `up` started. The rules' own counters start again from zero whenever
/// the table is replaced (one atomic transaction, e.g. for a new tunnel address), so the status and the metrics would
/// go backwards: each rule's reading is counted by what it grew since the last one (<see cref="CounterDelta"/>).
/// Only the reconcile loop calls it.
/// </summary>
public sealed class DropCounters
{
    private readonly Dictionary<string, NftCounter> _last = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Chain, NftCounter Total)> _totals = new(StringComparer.Ordinal);

    /// <summary>Counts what the drop rules of <paramref name="table"/> grew by; a missing table changes nothing.</summary>
    public void Observe(NftTableListing? table)
    {
        if (table is null)
        {
            return;
        }

        var rules = table.Rules
            .Where(r => r.Comment is { } c && (Planner.DropRuleComments.Contains(c) || Planner.GuardRuleComments.Contains(c)))
            .GroupBy(r => r.Comment!, StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var reading = new NftCounter(rule.Sum(r => r.Counter?.Packets ?? 0), rule.Sum(r => r.Counter?.Bytes ?? 0));
            var before = _last.GetValueOrDefault(rule.Key, new NftCounter(0, 0));
            var total = _totals.TryGetValue(rule.Key, out var known) ? known.Total : new NftCounter(0, 0);
            _totals[rule.Key] = (rule.First().Chain, new NftCounter(
                total.Packets + CounterDelta.Since(before.Packets, reading.Packets),
                total.Bytes + CounterDelta.Since(before.Bytes, reading.Bytes)));
            _last[rule.Key] = reading;
        }
    }

    /// <summary>Packets dropped since `up` started by the rules named.</summary>
    public long Packets(ImmutableArray<string> comments) =>
        _totals.Where(t => comments.Contains(t.Key)).Sum(t => t.Value.Total.Packets);

    /// <summary>Every drop rule seen, forward layer first, in the planner's order.</summary>
    public ImmutableArray<DropCounterReport> Report() =>
    [
        .. Planner.DropRuleComments.Concat(Planner.GuardRuleComments)
            .Where(_totals.ContainsKey)
            .Select(name => new DropCounterReport(
                name,
                _totals[name].Chain,
                Planner.DropRuleComments.Contains(name) ? DropCounterReport.ForwardLayer : DropCounterReport.HostLayer,
                _totals[name].Total.Packets,
                _totals[name].Total.Bytes)),
    ];
}
