using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Causeway.Core.Config;

/// <summary>
/// nft identifiers (table names). nft does not accept a quoted table name, and a name that is also one of its
/// keywords ("inet", "counter", "state"...) fails to parse, so both are refused here rather than by `nft -f` later.
/// </summary>
internal static partial class NftIdentifiers
{
    /// <summary>The kernel's NFT_NAME_MAXLEN (256) less the terminating zero.</summary>
    public const int MaximumLength = 255;

    /// <summary>nft's keywords (from its grammar); a table named like one is a syntax error in some nft version.</summary>
    private static readonly FrozenSet<string> Keywords = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "abort", "accept", "ackseq", "add", "addr", "ah", "all", "arp", "asconf", "avgpkt", "bridge", "burst",
        "bypass", "bytes", "cfi", "cgroup", "cgroupv2", "chain", "chains", "checksum", "chunk", "classid", "code", "comment",
        "comp", "constant", "continue", "count", "counter", "counters", "cpi", "cpu", "create", "csumcov", "ct", "cwr",
        "daddr", "data", "day", "dccp", "define", "dei", "delete", "describe", "device", "devices", "direction", "dnat",
        "doff", "dport", "drop", "dscp", "dst", "dup", "dynamic", "echo", "ecn", "ecne", "element", "elements",
        "eol", "error", "esp", "ether", "event", "exists", "expectation", "expiration", "expires", "export", "exthdr", "fanout",
        "fastopen", "fib", "flags", "flow", "flowlabel", "flowtable", "flowtables", "flush", "frag", "fwd", "gateway", "get",
        "goto", "group", "handle", "hbh", "hdrlength", "heartbeat", "helper", "helpers", "hlen", "hook", "hooks", "hoplimit",
        "hour", "htype", "ibriport", "ibrname", "icmp", "icmpv6", "icmpx", "id", "igmp", "iif", "iifgroup", "iifname",
        "iiftype", "import", "in", "inc", "include", "index", "inet", "init", "insert", "interval", "ip", "ip6",
        "ipsec", "jhash", "json", "jump", "l3proto", "label", "left", "length", "level", "limit", "limits", "list",
        "ll", "log", "lsrr", "map", "maps", "mark", "masquerade", "md5sig", "memory", "meta", "meter", "meters",
        "mh", "minute", "missing", "mod", "monitor", "mptcp", "mrt", "mss", "mtu", "name", "netdev", "nexthdr",
        "nexthop", "nftrace", "nh", "nop", "notrack", "num", "number", "numgen", "obriport", "obrname", "offload", "offset",
        "oif", "oifgroup", "oifname", "oiftype", "operation", "option", "options", "original", "osf", "out", "over", "packets",
        "pcp", "performance", "persistent", "pkttype", "plen", "policy", "port", "position", "ppid", "prefix", "priority", "protocol",
        "ptr", "ptype", "queue", "quota", "quotas", "ra", "random", "rate", "redefine", "redirect", "reject", "rename",
        "replace", "reply", "reqid", "reserved", "reserved2", "reset", "return", "right", "rr", "rt", "rt0", "rt2",
        "rtclassid", "rule", "rules", "ruleset", "sack", "sack0", "sack1", "sack2", "sack3", "saddr", "sctp", "secmark",
        "secmarks", "second", "seed", "seq", "seqno", "set", "sets", "shutdown", "sid", "size", "skgid", "skuid",
        "snaplen", "snat", "socket", "spi", "spnum", "sport", "srh", "ssn", "ssrr", "state", "status", "stream",
        "string", "subtype", "symhash", "synproxy", "synproxys", "table", "tables", "tag", "tcp", "th", "time", "timeout",
        "timestamp", "to", "tproxy", "trace", "transparent", "tsecr", "tsn", "tsval", "ttl", "type", "typeof", "udp",
        "udplite", "undefine", "until", "update", "urgptr", "used", "value", "version", "vlan", "vm", "vmap", "vtag",
        "week", "wildcard", "window", "with", "wscale", "xml", "xt", "zone");

    /// <summary>Null when the name is fine, else what is wrong with it.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "is empty";
        }

        if (name.Length > MaximumLength)
        {
            return $"is {name.Length} characters long; nft names have at most {MaximumLength}";
        }

        if (!Identifier().IsMatch(name))
        {
            return "is not an nft identifier (a letter or '_', then letters, digits and '_')";
        }

        return Keywords.Contains(name) ? $"is an nft keyword, which nft does not accept as a table name" : null;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
