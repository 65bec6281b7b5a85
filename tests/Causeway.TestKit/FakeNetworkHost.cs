using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Causeway.Core.Planning;
using Causeway.Engine.Seams;

namespace Causeway.TestKit;

/// <summary>
/// The kernel as `ip`, `nft` and `conntrack` show it, for the daemon loop's tests: policy rules, routes, links, one
/// nft table per name (parsed from the `nft -f -` scripts the applier sends: its comment, chains and rules' comments,
/// which is all the observer reads) and the sysctls under /proc/sys in the given file system. It answers exactly the
/// command lines HostObserver, HostApplier and ConntrackFlusher run; any other command fails the test. Every command
/// line is kept, in order, in <see cref="Ran"/>. Thread-safe.
/// </summary>
public sealed partial class FakeNetworkHost : ICommandRunner
{
    private static readonly Dictionary<string, int> NftPriorities = new(StringComparer.Ordinal)
    {
        ["raw"] = -300,
        ["mangle"] = -150,
        ["dstnat"] = -100,
        ["filter"] = 0,
        ["security"] = 50,
        ["srcnat"] = 100,
    };

    private readonly Lock _gate = new();
    private readonly InMemoryFileSystem _files;
    private readonly List<string> _ran = [];
    private readonly List<Rule> _rules = [];
    private readonly List<Route> _routes = [];
    private readonly List<string> _links = [];
    private readonly Dictionary<string, NftTable> _tables = new(StringComparer.Ordinal);
    private readonly List<(Func<CommandSpec, bool> Matches, string Error)> _failures = [];
    private readonly List<Func<CommandSpec, bool>> _hangs = [];

    /// <param name="files">Where the sysctls live (/proc/sys/…), as the observer and applier read and write them.</param>
    public FakeNetworkHost(InMemoryFileSystem files)
    {
        _files = files;
        files.AddFile(SysctlNames.ToProcPath(SysctlNames.IpForward), "0\n")
            .AddFile(SysctlNames.ToProcPath(SysctlNames.Ipv6Forwarding), "0\n")
            .AddFile(SysctlNames.ToProcPath(SysctlNames.RpFilter("all")), "0\n")
            .AddFile(SysctlNames.ToProcPath(SysctlNames.RpFilter("default")), "1\n");
        AddLink("lo");
    }

    /// <summary>Every command line run so far (program and arguments joined by spaces).</summary>
    public IReadOnlyList<string> Ran
    {
        get
        {
            lock (_gate)
            {
                return [.. _ran];
            }
        }
    }

    /// <summary>A device appears (its rp_filter with it), e.g. the tun device when OpenVPN connects.</summary>
    public void AddLink(string name)
    {
        lock (_gate)
        {
            if (!_links.Contains(name))
            {
                _links.Add(name);
                _files.AddFile(SysctlNames.ToProcPath(SysctlNames.RpFilter(name)), "1\n");
            }
        }
    }

    /// <summary>A device goes, and with it its routes (as the kernel does).</summary>
    public void RemoveLink(string name)
    {
        lock (_gate)
        {
            _links.Remove(name);
            _routes.RemoveAll(r => r.Device == name);
            _files.Remove(SysctlNames.ToProcPath(SysctlNames.RpFilter(name)).Replace("/rp_filter", string.Empty, StringComparison.Ordinal));
        }
    }

    /// <summary>The next command that <paramref name="matches"/> fails (exit 2, <paramref name="error"/> on stderr) and changes nothing.</summary>
    public void FailOnce(Func<CommandSpec, bool> matches, string error)
    {
        lock (_gate)
        {
            _failures.Add((matches, error));
        }
    }

    /// <summary>
    /// The next command that <paramref name="matches"/> never returns (a stuck `nft`): it ends only when its caller
    /// cancels it, having changed nothing.
    /// </summary>
    public void HangOnce(Func<CommandSpec, bool> matches)
    {
        lock (_gate)
        {
            _hangs.Add(matches);
        }
    }

    /// <summary>The routes of a table, as `ip route show table N` lines would name them: "-4 unreachable default metric 4294967295".</summary>
    public IReadOnlyList<string> RoutesOf(int table)
    {
        lock (_gate)
        {
            return [.. _routes.Where(r => r.Table == table).Select(r => r.ToString())];
        }
    }

    /// <summary>The rules, e.g. "-4 priority 7271 iif zt0 lookup 7270".</summary>
    public IReadOnlyList<string> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules.Select(r => r.ToString())];
            }
        }
    }

    /// <summary>The comments of the rules of nft table inet <paramref name="name"/>, or null when it does not exist.</summary>
    public IReadOnlyList<string>? NftRuleComments(string name)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(name, out var table) ? [.. table.Chains.SelectMany(c => c.RuleComments)] : null;
        }
    }

    /// <summary>Someone else's change: deletes the first route of <paramref name="table"/> whose description contains <paramref name="text"/>.</summary>
    public void DeleteRoute(int table, string text)
    {
        lock (_gate)
        {
            var route = _routes.First(r => r.Table == table && r.ToString().Contains(text, StringComparison.Ordinal));
            _routes.Remove(route);
        }
    }

    /// <summary>Someone else's change: `nft delete table inet <paramref name="name"/>`.</summary>
    public void DeleteNftTable(string name)
    {
        lock (_gate)
        {
            Assert(_tables.Remove(name), $"no nft table {name} to delete");
        }
    }

    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var line = command.ToString();
            _ran.Add(line);
            var hang = _hangs.FirstOrDefault(h => h(command));
            if (hang is not null)
            {
                _hangs.Remove(hang);
                return Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith<CommandResult>(
                    _ => throw new OperationCanceledException(cancellationToken), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            var failure = _failures.FirstOrDefault(f => f.Matches(command));
            if (failure.Matches is not null)
            {
                _failures.Remove(failure);
                return Task.FromResult(new CommandResult(2, string.Empty, failure.Error));
            }

            return Task.FromResult(Run(command, [.. command.Arguments]));
        }
    }

    private CommandResult Run(CommandSpec command, string[] a)
    {
        var line = command.ToString();
        switch (command.Program)
        {
            case "ip" when line is "ip -N -json rule list" or "ip -6 -N -json rule list":
                return Ok(RulesJson(line.Contains("-6", StringComparison.Ordinal) ? "-6" : "-4"));
            case "ip" when a.Length == 6 && a[1] == "-json" && a[2] == "route" && a[3] == "show" && a[4] == "table":
                return Ok(RoutesJson(a[0], int.Parse(a[5], System.Globalization.CultureInfo.InvariantCulture)));
            case "ip" when line == "ip -json link show":
                return Ok(LinksJson());
            case "ip" when a.Length > 2 && a[1] == "rule" && a[2] is "add" or "del":
                return RuleCommand(a);
            case "ip" when a.Length > 2 && a[1] == "route" && a[2] is "replace" or "del":
                return RouteCommand(a);
            case "nft" when line.StartsWith("nft -j list table inet ", StringComparison.Ordinal) && a.Length == 5:
                return _tables.TryGetValue(a[4], out var table)
                    ? Ok(table.ToJson())
                    : new CommandResult(1, string.Empty, $"Error: {Causeway.Core.Nft.NftJsonParser.MissingTableMessage}; did you mean table ‘{a[4]}’ in family inet?");
            case "nft" when line == "nft -f -" && command.StandardInput is { } script:
                return ApplyNft(script);
            case "conntrack" when a.Length == 5 && a[0] == "-D" && a[1] == "-f" && a[3] == "-s":
                return new CommandResult(0, string.Empty, "conntrack v1.4.7 (conntrack-tools): 0 flow entries have been deleted.\n");
            default:
                throw new InvalidOperationException($"the fake network host does not know `{line}`{(command.StandardInput is null ? string.Empty : " (with input)")}");
        }
    }

    private CommandResult RuleCommand(string[] a)
    {
        var rule = Rule.Parse(a);
        if (a[2] == "add")
        {
            if (_rules.Contains(rule))
            {
                return new CommandResult(2, string.Empty, "RTNETLINK answers: File exists");
            }

            _rules.Add(rule);
            return Ok(string.Empty);
        }

        return _rules.Remove(rule) ? Ok(string.Empty) : new CommandResult(2, string.Empty, "RTNETLINK answers: No such file or directory");
    }

    private CommandResult RouteCommand(string[] a)
    {
        var route = Route.Parse(a);
        if (a[2] == "replace")
        {
            if (route.Device is { } device && route.Type == "unicast" && !_links.Contains(device))
            {
                return new CommandResult(1, string.Empty, $"Cannot find device \"{device}\"");
            }

            _routes.RemoveAll(r => r.SameSlot(route));
            _routes.Add(route);
            return Ok(string.Empty);
        }

        var existing = _routes.FirstOrDefault(r => r.SameSlot(route) && r.Type == route.Type);
        return existing is not null && _routes.Remove(existing)
            ? Ok(string.Empty)
            : new CommandResult(2, string.Empty, "RTNETLINK answers: No such process");
    }

    /// <summary>One transaction, as `nft -f` applies it: all of it or nothing.</summary>
    private CommandResult ApplyNft(string script)
    {
        var tables = new Dictionary<string, NftTable>(_tables, StringComparer.Ordinal);
        NftTable? table = null;
        NftChain? chain = null;
        foreach (var raw in script.Split('\n'))
        {
            var text = raw.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (TableLine().Match(text) is { Success: true } open)
            {
                var name = open.Groups[1].Value;
                if (open.Groups[2].Value == "{}")
                {
                    tables.TryAdd(name, new NftTable(name));
                }
                else
                {
                    Assert(!tables.ContainsKey(name), $"nft -f: table {name} exists (the script must delete it first)");
                    table = tables[name] = new NftTable(name);
                }
            }
            else if (DeleteTableLine().Match(text) is { Success: true } delete)
            {
                Assert(tables.Remove(delete.Groups[1].Value), $"nft -f: no table {delete.Groups[1].Value} to delete");
            }
            else if (table is null)
            {
                throw new InvalidOperationException($"the fake network host does not understand the nft line `{text}`");
            }
            else if (chain is null && CommentLine().Match(text) is { Success: true } comment)
            {
                table.Comment = comment.Groups[1].Value;
            }
            else if (chain is null && ChainLine().Match(text) is { Success: true } chainOpen)
            {
                chain = new NftChain(chainOpen.Groups[1].Value);
                table.Chains.Add(chain);
            }
            else if (chain is not null && HookLine().Match(text) is { Success: true } hook)
            {
                chain.Type = hook.Groups[1].Value;
                chain.Hook = hook.Groups[2].Value;
                chain.Priority = Priority(hook.Groups[3].Value.Trim());
                chain.Policy = hook.Groups[4].Value;
            }
            else if (text == "}")
            {
                if (chain is not null)
                {
                    chain = null;
                }
                else
                {
                    table = null;
                }
            }
            else if (chain is not null)
            {
                chain.RuleComments.Add(RuleComment().Match(text) is { Success: true } ruleComment ? ruleComment.Groups[1].Value : string.Empty);
            }
            else
            {
                throw new InvalidOperationException($"the fake network host does not understand the nft line `{text}`");
            }
        }

        _tables.Clear();
        foreach (var (name, value) in tables)
        {
            _tables[name] = value;
        }

        return Ok(string.Empty);
    }

    private static int Priority(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var value = NftPriorities.TryGetValue(parts[0], out var named) ? named : int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            var operand = int.Parse(parts[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            value += parts[i] == "-" ? -operand : operand;
        }

        return value;
    }

    private string RulesJson(string family) => Json(writer =>
    {
        writer.WriteStartArray();
        foreach (var rule in _rules.Where(r => r.Family == family).OrderBy(r => r.Priority))
        {
            rule.Write(writer);
        }

        writer.WriteEndArray();
    });

    private string RoutesJson(string family, int table) => Json(writer =>
    {
        writer.WriteStartArray();
        foreach (var route in _routes.Where(r => r.Family == family && r.Table == table))
        {
            route.Write(writer);
        }

        writer.WriteEndArray();
    });

    private string LinksJson() => Json(writer =>
    {
        writer.WriteStartArray();
        for (var i = 0; i < _links.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("ifindex", i + 1);
            writer.WriteString("ifname", _links[i]);
            writer.WriteStartArray("flags");
            writer.WriteStringValue("UP");
            writer.WriteEndArray();
            writer.WriteNumber("mtu", 1500);
            writer.WriteString("operstate", "UP");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    internal static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static CommandResult Ok(string output) => new(0, output, string.Empty);

    private static void Assert(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    [GeneratedRegex(@"^table inet (\S+) (\{\}|\{)$")]
    private static partial Regex TableLine();

    [GeneratedRegex(@"^delete table inet (\S+)$")]
    private static partial Regex DeleteTableLine();

    [GeneratedRegex("^comment \"([^\"]*)\"$")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"^chain (\S+) \{$")]
    private static partial Regex ChainLine();

    [GeneratedRegex(@"^type (\S+) hook (\S+) priority ([^;]+); policy (\S+);$")]
    private static partial Regex HookLine();

    [GeneratedRegex("comment \"([^\"]*)\"$")]
    private static partial Regex RuleComment();

    /// <summary>A policy rule by its selectors, as `ip rule add|del` names them.</summary>
    private sealed record Rule(string Family, int Priority, string? From, string? Iif, string? To, string Table)
    {
        public static Rule Parse(string[] a)
        {
            string? from = null, iif = null, to = null, table = null;
            var priority = -1;
            for (var i = 3; i + 1 < a.Length; i += 2)
            {
                switch (a[i])
                {
                    case "priority": priority = int.Parse(a[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                    case "from": from = a[i + 1]; break;
                    case "iif": iif = a[i + 1]; break;
                    case "to": to = a[i + 1]; break;
                    case "lookup": table = a[i + 1] == "main" ? "254" : a[i + 1]; break;
                    default: throw new InvalidOperationException($"the fake network host does not know the rule selector `{a[i]}`");
                }
            }

            return new Rule(a[0], priority, from, iif, to, table ?? throw new InvalidOperationException("a rule without lookup"));
        }

        public void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteNumber("priority", Priority);
            WriteNetwork(writer, "src", From, all: true);
            WriteNetwork(writer, "dst", To, all: false);
            if (Iif is not null)
            {
                writer.WriteString("iif", Iif);
            }

            writer.WriteString("table", Table);
            writer.WriteEndObject();
        }

        public override string ToString() =>
            $"{Family} priority {Priority}{(From is null ? string.Empty : $" from {From}")}{(Iif is null ? string.Empty : $" iif {Iif}")}{(To is null ? string.Empty : $" to {To}")} lookup {Table}";

        private static void WriteNetwork(Utf8JsonWriter writer, string name, string? network, bool all)
        {
            if (network is null)
            {
                if (all)
                {
                    writer.WriteString(name, "all");
                }

                return;
            }

            var slash = network.IndexOf('/', StringComparison.Ordinal);
            writer.WriteString(name, slash < 0 ? network : network[..slash]);
            if (slash >= 0)
            {
                writer.WriteNumber(name + "len", int.Parse(network[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>A route by what `ip route replace|del` names: its slot is family, destination and metric.</summary>
    private sealed record Route(string Family, string Type, string Destination, string? Via, string? Device, long Metric, int Table)
    {
        public static Route Parse(string[] a)
        {
            string? via = null, device = null;
            long metric = 0;
            var table = 254;
            for (var i = 5; i + 1 < a.Length; i += 2)
            {
                switch (a[i])
                {
                    case "via": via = a[i + 1]; break;
                    case "dev": device = a[i + 1]; break;
                    case "metric": metric = long.Parse(a[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                    case "table": table = int.Parse(a[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                    default: throw new InvalidOperationException($"the fake network host does not know the route argument `{a[i]}`");
                }
            }

            return new Route(a[0], a[3], a[4], via, device, metric, table);
        }

        public bool SameSlot(Route other) =>
            other.Family == Family && other.Destination == Destination && other.Metric == Metric && other.Table == Table;

        public void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            if (Type != "unicast")
            {
                writer.WriteString("type", Type);
            }

            writer.WriteString("dst", Destination);
            if (Via is not null)
            {
                writer.WriteString("gateway", Via);
            }

            if (Device is not null)
            {
                writer.WriteString("dev", Device);
            }

            writer.WriteNumber("metric", Metric);
            writer.WriteStartArray("flags");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        public override string ToString() =>
            $"{Family} {Type} {Destination}{(Via is null ? string.Empty : $" via {Via}")}{(Device is null ? string.Empty : $" dev {Device}")} metric {Metric}";
    }

    private sealed class NftTable(string name)
    {
        public string Name => name;

        public string? Comment { get; set; }

        public List<NftChain> Chains { get; } = [];

        /// <summary>As nftables 1.0.7 and later list it: the table's comment is in the JSON.</summary>
        public string ToJson() => FakeNetworkHost.Json(writer =>
        {
            var handle = 1;
            writer.WriteStartObject();
            writer.WriteStartArray("nftables");
            writer.WriteStartObject();
            writer.WriteStartObject("metainfo");
            writer.WriteString("version", "1.0.9");
            writer.WriteNumber("json_schema_version", 1);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartObject();
            writer.WriteStartObject("table");
            writer.WriteString("family", "inet");
            writer.WriteString("name", Name);
            writer.WriteNumber("handle", handle++);
            if (Comment is not null)
            {
                writer.WriteString("comment", Comment);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            foreach (var chain in Chains)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("chain");
                writer.WriteString("family", "inet");
                writer.WriteString("table", Name);
                writer.WriteString("name", chain.Name);
                writer.WriteNumber("handle", handle++);
                if (chain.Type is not null)
                {
                    writer.WriteString("type", chain.Type);
                    writer.WriteString("hook", chain.Hook);
                    writer.WriteNumber("prio", chain.Priority);
                    writer.WriteString("policy", chain.Policy);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            foreach (var chain in Chains)
            {
                foreach (var comment in chain.RuleComments)
                {
                    writer.WriteStartObject();
                    writer.WriteStartObject("rule");
                    writer.WriteString("family", "inet");
                    writer.WriteString("table", Name);
                    writer.WriteString("chain", chain.Name);
                    writer.WriteNumber("handle", handle++);
                    if (comment.Length > 0)
                    {
                        writer.WriteString("comment", comment);
                    }

                    writer.WriteStartArray("expr");
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private sealed class NftChain(string name)
    {
        public string Name => name;

        public string? Type { get; set; }

        public string? Hook { get; set; }

        public int Priority { get; set; }

        public string? Policy { get; set; }

        public List<string> RuleComments { get; } = [];
    }
}
