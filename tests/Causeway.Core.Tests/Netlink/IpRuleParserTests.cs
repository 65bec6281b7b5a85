using System.Net;
using System.Net.Sockets;
using Causeway.Core.Netlink;
using Causeway.Core.Tests.Planning;
using Xunit;

namespace Causeway.Core.Tests.Netlink;

public sealed class IpRuleParserTests
{
    [Fact]
    public void Parses_our_rules_and_foreign_ones_with_table_names()
    {
        var rules = IpRuleParser.Parse(FixtureFiles.Ip("rule-v4.json"), AddressFamily.InterNetwork);

        Assert.Equal([0, 100, 7270, 7270, 7270, 7270, 7270, 7270, 7270, 7271, 7271, 7271, 32766, 32767], rules.Select(r => r.Priority));
        Assert.All(rules, r => Assert.Equal(AddressFamily.InterNetwork, r.Family));

        var exception = rules[2];
        Assert.Equal("zt2nvuuqiv", exception.InputInterface);
        Assert.Equal(IPNetwork.Parse("10.222.0.0/24"), exception.Destination);
        Assert.Null(exception.Source);
        Assert.Equal("main", exception.Table);
        Assert.Equal(RouteTables.Main, exception.TableId);
        Assert.Empty(exception.OtherSelectors);

        var fromTunnel = rules[4];
        Assert.Equal(IPNetwork.Parse("10.8.0.6/32"), fromTunnel.Source);
        Assert.Null(fromTunnel.InputInterface);
        Assert.Equal(RouteTables.Main, fromTunnel.TableId);

        var foreign = rules[8];
        Assert.Equal("0x1", foreign.FwMark);
        Assert.Equal(300, foreign.TableId);
        Assert.Null(foreign.InputInterface);

        var catchAll = rules[9];
        Assert.Equal("zt2nvuuqiv", catchAll.InputInterface);
        Assert.Null(catchAll.Destination);
        Assert.Equal(7270, catchAll.TableId);

        Assert.Equal(IPNetwork.Parse("10.99.0.0/16"), rules[1].Source);
        Assert.Equal(RouteTables.Local, rules[0].TableId);
        Assert.Equal(RouteTables.Default, rules[13].TableId);
        Assert.Equal(IPNetwork.Parse("10.222.0.1/32"), rules[11].Source);
        Assert.Equal(7270, rules[11].TableId);
    }

    [Fact]
    public void Numeric_output_resolves_to_the_same_tables()
    {
        var named = IpRuleParser.Parse(FixtureFiles.Ip("rule-v4.json"), AddressFamily.InterNetwork);
        var numeric = IpRuleParser.Parse(FixtureFiles.Ip("rule-v4-numeric.json"), AddressFamily.InterNetwork);

        Assert.Equal(named.Select(r => r.TableId), numeric.Select(r => r.TableId));
        Assert.Equal("254", numeric[2].Table);
    }

    [Fact]
    public void Parses_ipv6_rules()
    {
        var rules = IpRuleParser.Parse(FixtureFiles.Ip("rule-v6.json"), AddressFamily.InterNetworkV6);

        Assert.All(rules, r => Assert.Equal(AddressFamily.InterNetworkV6, r.Family));
        Assert.Contains(rules, r => r.Priority == 7270 && r.Destination == IPNetwork.Parse("fdcc:ca5e::/64") && r.TableId == RouteTables.Main);
        Assert.Contains(rules, r => r.Priority == 7271 && r.InputInterface == "zt2nvuuqiv" && r.TableId == 7270);
        Assert.Contains(rules, r => r.Priority == 100 && r.Source == IPNetwork.Parse("2001:db8:99::/48"));
    }

    [Fact]
    public void Keeps_selectors_it_does_not_model_so_a_rule_is_never_mistaken_for_ours()
    {
        const string json = """[{"priority":7271,"src":"all","iif":"zt0","ipproto":"tcp","dport":443,"table":"7270"}]""";

        var rule = Assert.Single(IpRuleParser.Parse(json, AddressFamily.InterNetwork));

        Assert.Equal(["ipproto=tcp", "dport=443"], rule.OtherSelectors);
    }

    [Fact]
    public void Rules_without_a_table_keep_their_action()
    {
        const string json = """[{"priority":5,"src":"all","action":"unreachable"}]""";

        var rule = Assert.Single(IpRuleParser.Parse(json, AddressFamily.InterNetwork));

        Assert.Null(rule.TableId);
        Assert.Equal("unreachable", rule.Action);
    }

    [Fact]
    public void Garbage_is_a_format_error_that_names_the_command()
    {
        var error = Assert.Throws<FormatException>(() => IpRuleParser.Parse("[", AddressFamily.InterNetworkV6));

        Assert.Contains("ip -6 -json rule list", error.Message, StringComparison.Ordinal);
    }
}
