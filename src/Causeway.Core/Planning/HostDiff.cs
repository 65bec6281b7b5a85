using System.Collections.Immutable;
using Causeway.Core.Netlink;
using Causeway.Core.Nft;

namespace Causeway.Core.Planning;

/// <summary>
/// Compares the desired state with the observed host and says, in a safe order, what to add, change and
/// remove. Ownership is by name only: Causeway's nft table, its route table, and rules at its two priorities
/// that look up its table or are its exceptions. Anything else at its priorities is a conflict: reported,
/// never touched.
/// </summary>
public static class HostDiff
{
    /// <summary>
    /// The plan for `up` and for every reconcile. Order (fail-closed after every prefix):
    /// 1. the nft table (layer b: drops whatever clients send anywhere but the egress) — before forwarding;
    /// 2. routes of Causeway's table, the unreachable defaults first — before any rule sends traffic there
    ///    (a rule pointing at an empty table falls through to the next rules, i.e. to main);
    /// 3. rules, tightening before loosening: stale exceptions removed, catch-alls added, exceptions added,
    ///    stale catch-alls removed;
    /// 4. sysctls, ip_forward=1 last.
    /// </summary>
    public static HostPlan Diff(DesiredState desired, ObservedHost observed)
    {
        var owned = desired.Owned;
        var changes = ImmutableArray.CreateBuilder<HostChange>();
        DiffNft(desired.Nft, observed.NftTable, changes);
        DiffRoutes(owned, desired.Routes, observed, changes);
        var conflicts = DiffRules(owned, desired.Rules, observed.Rules, changes);
        DiffSysctls(desired.Sysctls, observed, changes);
        return new HostPlan(HostPlanPurpose.Converge, owned, changes.ToImmutable(), conflicts);
    }

    /// <summary>
    /// The plan for `down`: remove exactly what Causeway owns, in the order that keeps the host closed:
    /// 1. sysctls restored, ip_forward first (only where they still hold Causeway's value);
    /// 2. rules (exceptions before catch-alls), 3. routes of Causeway's table, 4. the nft table.
    /// </summary>
    public static HostPlan Teardown(OwnedNames owned, ObservedHost observed, IEnumerable<RecordedSysctl> recorded)
    {
        var changes = ImmutableArray.CreateBuilder<HostChange>();
        foreach (var sysctl in recorded.OrderBy(s => s.Name == SysctlNames.IpForward ? 0 : 1))
        {
            changes.Add(RestoreSysctl(sysctl, observed.Sysctl(sysctl.Name)));
        }

        var conflicts = ImmutableArray.CreateBuilder<string>();
        var ours = new List<IpRule>();
        foreach (var rule in observed.Rules.Where(r => owned.IsOurPriority(r.Priority)))
        {
            if (IsOurs(rule, owned))
            {
                ours.Add(rule);
            }
            else
            {
                conflicts.Add(Conflict(rule, owned));
            }
        }

        foreach (var rule in ours.OrderBy(r => r.Priority == owned.ExceptionPriority ? 0 : 1))
        {
            changes.Add(new HostChange(HostChangeKind.Remove, HostObjectKind.Rule, $"ip rule {rule}", IpCommands.DeleteRule(rule)));
        }

        foreach (var route in observed.Routes.OrderBy(r => r.Type == IpRoute.Unreachable ? 1 : 0))
        {
            changes.Add(RemoveRoute(route, owned));
        }

        if (observed.NftTable is not null)
        {
            changes.Add(new HostChange(
                HostChangeKind.Remove,
                HostObjectKind.NftTable,
                $"nft table {OwnedNames.NftFamily} {owned.NftTable}",
                new NftScript(NftRenderer.DeleteScript(OwnedNames.NftFamily, owned.NftTable))));
        }

        return new HostPlan(HostPlanPurpose.Teardown, owned, changes.ToImmutable(), conflicts.ToImmutable());
    }

    /// <summary>
    /// A rule at Causeway's priorities is Causeway's when it looks up Causeway's table, or has the shape of an
    /// exception (`iif DEV to NET lookup main`, or `from ADDR to NET lookup main` for this host's own tunnel and
    /// client addresses), and has no selector Causeway never uses.
    /// </summary>
    public static bool IsOurs(IpRule rule, OwnedNames owned)
    {
        if (!owned.IsOurPriority(rule.Priority) || !rule.OtherSelectors.IsEmpty || rule.Action is not null)
        {
            return false;
        }

        if (rule.TableId == owned.RouteTable)
        {
            return true;
        }

        return rule.Priority == owned.ExceptionPriority
            && rule.TableId == RouteTables.Main
            && (rule.InputInterface is null) != (rule.Source is null)
            && rule.Destination is not null
            && rule.OutputInterface is null
            && rule.FwMark is null;
    }

    private static void DiffNft(DesiredNftTable desired, NftTableListing? observed, ImmutableArray<HostChange>.Builder changes)
    {
        var operation = new NftScript(NftRenderer.ReplaceScript(desired.Definition));
        var name = $"nft table {desired.Family} {desired.Name}";
        if (observed is null)
        {
            var chains = string.Join(", ", desired.Definition.Chains.Select(c => $"{c.Name}: {c.Rules.Length}"));
            changes.Add(new HostChange(HostChangeKind.Add, HostObjectKind.NftTable, $"{name} (rules {chains})", operation));
            return;
        }

        var reasons = NftDrift.Compare(desired, observed);
        if (!reasons.IsEmpty)
        {
            changes.Add(new HostChange(HostChangeKind.Change, HostObjectKind.NftTable, $"{name}: {reasons[0]}", operation, reasons.RemoveAt(0)));
        }
    }

    private static void DiffRoutes(OwnedNames owned, ImmutableArray<DesiredRoute> desired, ObservedHost observed, ImmutableArray<HostChange>.Builder changes)
    {
        var wanted = desired
            .Where(r => r.RequiresDevice is null || observed.Links.Contains(r.RequiresDevice))
            .OrderBy(r => r.Type == IpRoute.Unreachable ? 0 : 1)
            .ToList();
        var claimed = new HashSet<IpRoute>(ReferenceEqualityComparer.Instance);
        var pending = new List<(DesiredRoute Route, IpRoute? Existing)>();
        foreach (var route in wanted)
        {
            var match = observed.Routes.FirstOrDefault(r => !claimed.Contains(r) && route.Matches(r));
            if (match is not null)
            {
                claimed.Add(match);
                continue;
            }

            pending.Add((route, null));
        }

        // Second pass, so that a route already right is never taken as the one to replace.
        for (var i = 0; i < pending.Count; i++)
        {
            var existing = observed.Routes.FirstOrDefault(r => !claimed.Contains(r) && pending[i].Route.SameSlot(r));
            if (existing is not null)
            {
                claimed.Add(existing);
                pending[i] = (pending[i].Route, existing);
            }
        }

        foreach (var (route, existing) in pending)
        {
            var description = $"ip route {Families.Name(route.Family)} table {owned.RouteTable}: {route}";
            changes.Add(existing is null
                ? new HostChange(HostChangeKind.Add, HostObjectKind.Route, description, IpCommands.ReplaceRoute(route, owned.RouteTable))
                : new HostChange(HostChangeKind.Change, HostObjectKind.Route, $"{description} (was: {existing})", IpCommands.ReplaceRoute(route, owned.RouteTable)));
        }

        foreach (var route in observed.Routes.Where(r => !claimed.Contains(r)))
        {
            changes.Add(RemoveRoute(route, owned));
        }
    }

    private static ImmutableArray<string> DiffRules(OwnedNames owned, ImmutableArray<DesiredRule> desired, ImmutableArray<IpRule> observed, ImmutableArray<HostChange>.Builder changes)
    {
        var candidates = observed.Where(r => owned.IsOurPriority(r.Priority)).ToList();
        var claimed = new HashSet<IpRule>(ReferenceEqualityComparer.Instance);
        var toAdd = new List<DesiredRule>();
        foreach (var rule in desired)
        {
            var match = candidates.FirstOrDefault(r => !claimed.Contains(r) && rule.Matches(r));
            if (match is null)
            {
                toAdd.Add(rule);
            }
            else
            {
                claimed.Add(match);
            }
        }

        var conflicts = ImmutableArray.CreateBuilder<string>();
        var toRemove = new List<IpRule>();
        foreach (var rule in candidates.Where(r => !claimed.Contains(r)))
        {
            if (IsOurs(rule, owned))
            {
                toRemove.Add(rule);
            }
            else
            {
                conflicts.Add(Conflict(rule, owned));
            }
        }

        HostChange Remove(IpRule rule) => new(HostChangeKind.Remove, HostObjectKind.Rule, $"ip rule {rule}", IpCommands.DeleteRule(rule));
        HostChange Add(DesiredRule rule) => new(HostChangeKind.Add, HostObjectKind.Rule, $"ip rule {rule}", IpCommands.AddRule(rule));
        var catchAll = owned.CatchAllPriority;

        // Tightening first: removing an exception or adding a catch-all sends more traffic into Causeway's table.
        changes.AddRange(toRemove.Where(r => r.Priority != catchAll).Select(Remove));
        changes.AddRange(toAdd.Where(r => r.Priority == catchAll).Select(Add));
        changes.AddRange(toAdd.Where(r => r.Priority != catchAll).Select(Add));
        changes.AddRange(toRemove.Where(r => r.Priority == catchAll).Select(Remove));
        return conflicts.ToImmutable();
    }

    private static void DiffSysctls(ImmutableArray<DesiredSysctl> desired, ObservedHost observed, ImmutableArray<HostChange>.Builder changes)
    {
        foreach (var sysctl in desired.OrderBy(s => s.Name == SysctlNames.IpForward ? 1 : 0))
        {
            if (sysctl.RequiresDevice is { } device && !observed.Links.Contains(device))
            {
                continue;
            }

            var current = observed.Sysctl(sysctl.Name);
            if (current == sysctl.Value)
            {
                continue;
            }

            changes.Add(new HostChange(
                HostChangeKind.Change,
                HostObjectKind.Sysctl,
                $"sysctl {sysctl.Name}: {current ?? "(unread)"} -> {sysctl.Value}",
                new SysctlWrite(sysctl.Name, sysctl.Value)));
        }
    }

    private static HostChange RestoreSysctl(RecordedSysctl sysctl, string? current)
    {
        if (current is null)
        {
            return new HostChange(
                HostChangeKind.Remove,
                HostObjectKind.Sysctl,
                $"sysctl {sysctl.Name}: gone (its device was removed); forget the recorded {sysctl.Original}",
                new SysctlForget(sysctl.Name));
        }

        if (current != sysctl.Ours)
        {
            return new HostChange(
                HostChangeKind.Remove,
                HostObjectKind.Sysctl,
                $"sysctl {sysctl.Name}: is {current}, changed by someone else since Causeway set {sysctl.Ours}; left as it is",
                new SysctlForget(sysctl.Name));
        }

        if (current == sysctl.Original)
        {
            return new HostChange(
                HostChangeKind.Remove,
                HostObjectKind.Sysctl,
                $"sysctl {sysctl.Name}: was {sysctl.Original} already before Causeway; left as it is",
                new SysctlForget(sysctl.Name));
        }

        return new HostChange(
            HostChangeKind.Change,
            HostObjectKind.Sysctl,
            $"sysctl {sysctl.Name}: {current} -> {sysctl.Original} (restore)",
            new SysctlRestore(sysctl.Name, sysctl.Original));
    }

    private static HostChange RemoveRoute(IpRoute route, OwnedNames owned) => new(
        HostChangeKind.Remove,
        HostObjectKind.Route,
        $"ip route {Families.Name(route.Family)} table {owned.RouteTable}: {route}",
        IpCommands.DeleteRoute(route, owned.RouteTable));

    private static string Conflict(IpRule rule, OwnedNames owned) =>
        $"ip rule {rule}: at Causeway's priority {rule.Priority} but not Causeway's; left alone "
        + $"(remove it, or move instance {owned.InstanceName} to another rule_priority)";
}
