using System.Collections.Immutable;
using Causeway.Core.Nft;

namespace Causeway.Core.Planning;

/// <summary>
/// Whether Causeway's nft table on the host is the one it would write, and every way it is not. Rule
/// expressions are not compared: the fingerprint in the table's comment stands for them, and the rules'
/// comments and number show a rule deleted, added or flushed by hand.
/// </summary>
public static class NftDrift
{
    /// <summary>Empty when the table is as desired.</summary>
    public static ImmutableArray<string> Compare(DesiredNftTable desired, NftTableListing observed)
    {
        var reasons = ImmutableArray.CreateBuilder<string>();
        if (observed.Comment != desired.Comment)
        {
            reasons.Add(observed.Comment is null
                ? "the table has no comment (no fingerprint)"
                : $"the comment differs: \"{observed.Comment}\", wanted \"{desired.Comment}\"");
        }

        foreach (var chain in desired.Definition.Chains)
        {
            var seen = observed.Chains.FirstOrDefault(c => c.Name == chain.Name);
            if (seen is null)
            {
                reasons.Add($"chain {chain.Name} is missing");
                continue;
            }

            if (seen.Type != chain.Type || seen.Hook != chain.Hook || seen.Priority != chain.Priority.Value || seen.Policy != chain.Policy)
            {
                reasons.Add($"chain {seen} should be type {chain.Type} hook {chain.Hook} priority {chain.Priority.Value} policy {chain.Policy}");
            }

            var wanted = chain.Rules.Select(r => r.Comment).ToList();
            var have = observed.RulesOf(chain.Name).ToList();
            var before = reasons.Count;
            foreach (var missing in wanted.Where(w => !have.Any(h => h.Comment == w)))
            {
                reasons.Add($"rule {missing} is missing from chain {chain.Name}");
            }

            foreach (var extra in have.Where(h => h.Comment is null || !wanted.Contains(h.Comment)))
            {
                reasons.Add(extra.Comment is null
                    ? $"chain {chain.Name} has a rule without a comment (handle {extra.Handle})"
                    : $"chain {chain.Name} has a rule Causeway did not write: \"{extra.Comment}\"");
            }

            if (reasons.Count == before && !have.Select(h => h.Comment).SequenceEqual(wanted))
            {
                reasons.Add(have.Count != wanted.Count
                    ? $"chain {chain.Name} has {have.Count} rules, wanted {wanted.Count}"
                    : $"the rules of chain {chain.Name} are out of order");
            }
        }

        foreach (var chain in observed.Chains.Where(c => !desired.Definition.Chains.Any(d => d.Name == c.Name)))
        {
            reasons.Add($"chain {chain.Name} is not Causeway's");
        }

        return reasons.ToImmutable();
    }
}
