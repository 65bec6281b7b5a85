using System.Collections.Immutable;
using System.Net.Sockets;
using Causeway.Core.Netlink;
using Causeway.Core.Nft;
using Causeway.Core.Planning;
using Causeway.Engine.Seams;

namespace Causeway.Engine.HostState;

/// <summary>
/// Reads what the host holds of Causeway's objects: every policy rule, the routes of Causeway's table, its
/// nft table, the links, and the sysctls Causeway sets or may have to restore. Read-only; thin over the
/// pure parsers in Causeway.Core.
/// </summary>
public sealed class HostObserver(ICommandRunner runner, IFileSystem fileSystem)
{
    public Task<ObservedHost> ObserveAsync(OwnedNames owned, CancellationToken cancellationToken = default) =>
        ObserveAsync(owned, [], cancellationToken);

    /// <param name="extraSysctls">More settings to read, e.g. every one recorded in the state file (`down` passes them).</param>
    public Task<ObservedHost> ObserveAsync(OwnedNames owned, IEnumerable<string> extraSysctls, CancellationToken cancellationToken = default) =>
        ObserveAsync(owned, extraSysctls, unread: null, cancellationToken);

    /// <summary>
    /// What a process without root can read (`causeway plan` as a user): reading nftables needs CAP_NET_ADMIN, so a
    /// refused read is taken as Causeway's table being absent, and said in the result, rather than failing.
    /// </summary>
    public async Task<(ObservedHost Host, IReadOnlyList<string> Unread)> ObserveWhatCanBeReadAsync(OwnedNames owned, CancellationToken cancellationToken = default)
    {
        var unread = new List<string>();
        var host = await ObserveAsync(owned, [], unread, cancellationToken);
        return (host, unread);
    }

    /// <summary>
    /// The host again, when the kernel has reported no change to links, addresses, routes or rules since
    /// <paramref name="unchanged"/> was read (<see cref="RoundObserver"/>): those are taken from it instead of five
    /// runs of `ip`; Causeway's nft table (its drop counters move without an event) and the sysctls are read as always.
    /// </summary>
    public async Task<ObservedHost> ObserveAgainAsync(OwnedNames owned, ObservedHost unchanged, CancellationToken cancellationToken = default)
    {
        var table = await ReadNftTableAsync(owned.NftTable, unread: null, unchanged.NftTable, cancellationToken);
        return unchanged with { NftTable = table, Sysctls = ReadSysctls(SysctlsOf(unchanged.Links, [])) };
    }

    private async Task<ObservedHost> ObserveAsync(OwnedNames owned, IEnumerable<string> extraSysctls, List<string>? unread, CancellationToken cancellationToken)
    {
        // `-N`: tables as numbers, so that a name for Causeway's table in rt_tables cannot hide it.
        var rules = IpRuleParser.Parse(await RunAsync("reading IPv4 policy rules", CommandSpec.Of("ip", "-N", "-json", "rule", "list"), cancellationToken), AddressFamily.InterNetwork)
            .AddRange(IpRuleParser.Parse(await RunAsync("reading IPv6 policy rules", CommandSpec.Of("ip", "-6", "-N", "-json", "rule", "list"), cancellationToken), AddressFamily.InterNetworkV6));
        var routes = (await ReadRouteTableAsync(AddressFamily.InterNetwork, owned.RouteTable, cancellationToken))
            .AddRange(await ReadRouteTableAsync(AddressFamily.InterNetworkV6, owned.RouteTable, cancellationToken));
        var table = await ReadNftTableAsync(owned.NftTable, unread, known: null, cancellationToken);
        var links = IpLinkParser.Parse(await RunAsync("reading network devices", CommandSpec.Of("ip", "-json", "link", "show"), cancellationToken))
            .Select(l => l.Name)
            .ToImmutableHashSet();

        return new ObservedHost(rules, routes, table, ReadSysctls(SysctlsOf(links, extraSysctls)), links);
    }

    private static List<string> SysctlsOf(ImmutableHashSet<string> links, IEnumerable<string> extraSysctls)
    {
        var names = new List<string> { SysctlNames.IpForward, SysctlNames.Ipv6Forwarding, SysctlNames.RpFilter("all"), SysctlNames.RpFilter("default") };
        names.AddRange(links.Order(StringComparer.Ordinal).Select(SysctlNames.RpFilter));
        names.AddRange(extraSysctls);
        return names;
    }

    private async Task<ImmutableArray<IpRoute>> ReadRouteTableAsync(AddressFamily family, int table, CancellationToken cancellationToken)
    {
        var spec = CommandSpec.Of("ip", family == AddressFamily.InterNetworkV6 ? "-6" : "-4", "-json", "route", "show", "table", table.ToString());
        var result = await runner.RunAsync(spec, cancellationToken);
        if (IpRouteParser.IsMissingTable(result.ExitCode, result.StandardError))
        {
            return [];
        }

        result.EnsureSuccess($"reading the {Families.Name(family)} routes of table {table}", spec);
        return IpRouteParser.Parse(result.StandardOutput, family);
    }

    /// <param name="known">The table as read before: its comment is taken again if the table is the same one (its handle;
    /// a table replaced, or deleted and made again, has a new one), saving the second run of `nft` below.</param>
    private async Task<NftTableListing?> ReadNftTableAsync(string name, List<string>? unread, NftTableListing? known, CancellationToken cancellationToken)
    {
        var spec = CommandSpec.Of("nft", "-j", "list", "table", OwnedNames.NftFamily, name);
        var result = await runner.RunAsync(spec, cancellationToken);
        if (NftJsonParser.IsMissingTable(result.ExitCode, result.StandardError))
        {
            return null;
        }

        if (unread is not null && !result.Succeeded && IsDenied(result.StandardError))
        {
            unread.Add($"nft table {OwnedNames.NftFamily} {name} (reading nftables needs root): planned as if it were absent");
            return null;
        }

        result.EnsureSuccess($"reading nft table {OwnedNames.NftFamily} {name}", spec);
        var table = NftJsonParser.ParseTable(result.StandardOutput, OwnedNames.NftFamily, name);
        if (table is null || table.Comment is not null)
        {
            return table;
        }

        if (known is { Comment: not null } && table.Handle != 0 && known.Handle == table.Handle)
        {
            return table.WithComment(known.Comment);
        }

        // nftables before 1.0.7 leaves table comments out of its JSON; the comment holds the fingerprint.
        var text = await RunAsync($"reading the comment of nft table {OwnedNames.NftFamily} {name}", CommandSpec.Of("nft", "list", "table", OwnedNames.NftFamily, name), cancellationToken);
        return table.WithComment(NftTextParser.ParseTableComment(text));
    }

    private ImmutableDictionary<string, string> ReadSysctls(IEnumerable<string> names)
    {
        var values = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var path = SysctlNames.ToProcPath(name);
            try
            {
                if (fileSystem.Stat(path).Exists)
                {
                    values[name] = fileSystem.ReadAllText(path).Trim();
                }
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // The device went away between listing and reading: the setting is absent.
            }
        }

        return values.ToImmutable();
    }

    private static bool IsDenied(string standardError) =>
        standardError.Contains("Operation not permitted", StringComparison.Ordinal)
        || standardError.Contains("Permission denied", StringComparison.Ordinal);

    private async Task<string> RunAsync(string doing, CommandSpec spec, CancellationToken cancellationToken) =>
        (await runner.RunAsync(spec, cancellationToken)).EnsureSuccess(doing, spec).StandardOutput;
}
