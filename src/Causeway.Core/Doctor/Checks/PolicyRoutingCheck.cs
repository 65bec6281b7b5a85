using Causeway.Core.Netlink;
using Causeway.Core.Planning;

namespace Causeway.Core.Doctor.Checks;

/// <summary>
/// `policy-routing`: no other tool's ip rule sits at Causeway's two priorities (7270, 7271 by default) or looks up
/// Causeway's route table. Causeway leaves such a rule alone (it is not its own) and `up` says so, but the rule decides
/// where clients' traffic goes before or instead of Causeway's.
/// </summary>
public static class PolicyRoutingCheck
{
    /// <summary>The last priority a rule of Causeway's may have: main (32766) and default (32767) come after it.</summary>
    private const int HighestUsable = 32765;

    public static DoctorFinding Evaluate(DoctorFacts facts, DoctorSubject subject)
    {
        var id = DoctorFindingIds.PolicyRouting;
        var owned = subject.Owned;
        var check = $"no other tool's ip rule at Causeway's priorities {owned.ExceptionPriority} and {owned.CatchAllPriority}, or looking up its route table {owned.RouteTable}{subject.DefaultsNote}";
        if (!facts.Rules.TryGet(out var rules))
        {
            return DoctorFinding.Unchecked(id, check, $"the policy rules could not be read: {facts.Rules.WhyNot}");
        }

        var foreign = rules
            .Where(r => (owned.IsOurPriority(r.Priority) || r.TableId == owned.RouteTable) && !HostDiff.IsOurs(r, owned))
            .ToList();
        var ours = rules.Count(r => HostDiff.IsOurs(r, owned));
        if (foreign.Count == 0)
        {
            return DoctorFinding.Ok(id, check, ours == 0 ? "none (and none of Causeway's: it is not running)" : $"only Causeway's own ({ours} rules)");
        }

        var deletes = foreign.Select(Delete).ToList();
        var move = new List<string>();
        if (foreign.Any(r => owned.IsOurPriority(r.Priority)) && FreePriority(rules, owned) is { } free)
        {
            move.Add($"rule_priority = {free}");
        }

        if (foreign.Any(r => r.TableId == owned.RouteTable))
        {
            move.Add("route_table = a table no other tool uses");
        }

        var them = foreign.Count == 1 ? "it" : "them";
        var moving = move.Count == 0 ? string.Empty : $", or move Causeway out of the way in [instance]: {string.Join(", ", move)}";
        return DoctorFinding.Problem(id, check,
            $"not Causeway's: {string.Join("; ", foreign.Select(r => r.ToString()))}",
            $"remove {them} if nothing needs {them} ({string.Join(" && ", deletes)}){moving}");
    }

    /// <summary>The `ip rule del` that removes exactly this rule, or how to, when it has selectors ip's JSON does not name one by one.</summary>
    private static string Delete(IpRule rule)
    {
        try
        {
            return IpCommands.DeleteRule(rule).ToString();
        }
        catch (ArgumentException)
        {
            return $"ip {(rule.Family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "-6 " : string.Empty)}rule del with every selector of \"{rule}\"";
        }
    }

    /// <summary>The first pair of priorities above Causeway's own that no rule (IPv4 or IPv6) uses.</summary>
    private static int? FreePriority(IEnumerable<IpRule> rules, OwnedNames owned)
    {
        var used = rules.Select(r => r.Priority).ToHashSet();
        for (long p = owned.RulePriority + 2; p + 1 <= HighestUsable; p++)
        {
            if (!used.Contains(p) && !used.Contains(p + 1))
            {
                return (int)p;
            }
        }

        return null;
    }
}
