using System.Collections.Immutable;
using Causeway.Core.Netlink;

namespace Causeway.Core.Planning;

/// <summary>The `ip` argument lists for the rule and route changes of a plan.</summary>
public static class IpCommands
{
    public static IpCommand AddRule(DesiredRule rule)
    {
        var arguments = ImmutableArray.CreateBuilder<string>();
        arguments.AddRange(Families.IpFlag(rule.Family), "rule", "add", "priority", rule.Priority.ToString());
        if (rule.Source is { } source)
        {
            arguments.AddRange("from", source.ToString());
        }

        if (rule.InputInterface is { } input)
        {
            arguments.AddRange("iif", input);
        }

        if (rule.Destination is { } destination)
        {
            arguments.AddRange("to", destination.ToString());
        }

        arguments.AddRange("lookup", RouteTables.Name(rule.Table));
        return new IpCommand(arguments.ToImmutable());
    }

    /// <summary>
    /// Deletes an observed rule. Every selector it has is named, because the kernel deletes the first rule
    /// that matches the selectors given: naming fewer could remove a foreign rule at the same priority.
    /// </summary>
    public static IpCommand DeleteRule(IpRule rule)
    {
        if (!rule.OtherSelectors.IsEmpty || rule.TableId is null)
        {
            throw new ArgumentException($"cannot name every selector of the rule \"{rule}\" to delete exactly it", nameof(rule));
        }

        var arguments = ImmutableArray.CreateBuilder<string>();
        arguments.AddRange(Families.IpFlag(rule.Family), "rule", "del", "priority", rule.Priority.ToString());
        if (rule.Source is { } source)
        {
            arguments.AddRange("from", source.ToString());
        }

        if (rule.Destination is { } destination)
        {
            arguments.AddRange("to", destination.ToString());
        }

        if (rule.InputInterface is { } input)
        {
            arguments.AddRange("iif", input);
        }

        if (rule.OutputInterface is { } output)
        {
            arguments.AddRange("oif", output);
        }

        if (rule.FwMark is { } mark)
        {
            arguments.AddRange("fwmark", mark);
        }

        arguments.AddRange("lookup", RouteTables.Name(rule.TableId.Value));
        return new IpCommand(arguments.ToImmutable());
    }

    /// <summary>`ip route replace`: adds the route, or replaces whatever holds its slot (family, destination, metric).</summary>
    public static IpCommand ReplaceRoute(DesiredRoute route, int table)
    {
        var arguments = ImmutableArray.CreateBuilder<string>();
        arguments.AddRange(Families.IpFlag(route.Family), "route", "replace", route.Type, Destination(route.Destination));
        if (route.Gateway is { } gateway)
        {
            arguments.AddRange("via", gateway.ToString());
        }

        if (route.Device is { } device)
        {
            arguments.AddRange("dev", device);
        }

        arguments.AddRange("metric", route.Metric.ToString(), "table", table.ToString());
        return new IpCommand(arguments.ToImmutable());
    }

    public static IpCommand DeleteRoute(IpRoute route, int table)
    {
        var arguments = ImmutableArray.CreateBuilder<string>();
        arguments.AddRange(Families.IpFlag(route.Family), "route", "del", route.Type, Destination(route.Destination));

        // Only a unicast route's device tells it apart; an unreachable IPv6 route shows "dev lo", which `del` refuses.
        if (route.Type == IpRoute.Unicast && route.Device is { } device)
        {
            arguments.AddRange("dev", device);
        }

        arguments.AddRange("metric", route.Metric.ToString(), "table", table.ToString());
        return new IpCommand(arguments.ToImmutable());
    }

    private static string Destination(System.Net.IPNetwork network) =>
        network.PrefixLength == 0 ? "default" : network.ToString();
}
