using Causeway.Core.Nft;
using Causeway.Core.Planning;
using Causeway.Core.Tests.Planning;
using Xunit;

namespace Causeway.Core.Tests.Nft;

public sealed class NftJsonParserTests
{
    private static readonly string[] ReferenceComments =
    [
        "drop-client-ipv6", "clamp-mss-client-to-egress", "clamp-mss-egress-to-client", "accept-client-to-egress",
        "accept-client-to-client", "accept-client-to-lan", "accept-egress-replies", "drop-egress-unsolicited",
        "drop-client-other", "dnat-dns-udp", "dnat-dns-tcp", "masquerade-client-to-egress", "masquerade-client-to-lan",
        "accept-egress-to-host-replies", "drop-egress-to-host", "accept-inside", "accept-to-lan", "drop-client-source-outside",
        "drop-client-source-outside-ipv6", "drop-client-flow-outside", "drop-client-flow-outside-ipv6",
    ];

    [Fact]
    public void Parses_our_table_chains_and_named_rules()
    {
        var table = NftJsonParser.ParseTable(FixtureFiles.Nft("table-causeway.json"), "inet", "causeway");

        Assert.NotNull(table);
        Assert.Equal(["forward", "dns", "nat", "host-input", "uplink-guard"], table.Chains.Select(c => c.Name));
        var forward = table.Chains[0];
        Assert.Equal(("filter", "forward", 0, "accept"), (forward.Type, forward.Hook, forward.Priority, forward.Policy));
        Assert.Equal(("nat", "prerouting", -100), (table.Chains[1].Type, table.Chains[1].Hook, table.Chains[1].Priority));
        Assert.Equal(("nat", "postrouting", 100), (table.Chains[2].Type, table.Chains[2].Hook, table.Chains[2].Priority));
        Assert.Equal(("filter", "input", 0), (table.Chains[3].Type, table.Chains[3].Hook, table.Chains[3].Priority));
        Assert.Equal(("filter", "postrouting", 110), (table.Chains[4].Type, table.Chains[4].Hook, table.Chains[4].Priority));
        Assert.Equal(ReferenceComments, table.Rules.Select(r => r.Comment));
        Assert.All(table.Rules, r => Assert.True(r.Handle > 0));
        Assert.Equal(9, table.RulesOf("forward").Count());

        // Only rules with a counter statement have one.
        Assert.NotNull(table.FindRule("drop-client-other")!.Counter);
        Assert.Null(table.FindRule("accept-client-to-egress")!.Counter);
    }

    [Fact]
    public void Nftables_1_0_6_leaves_the_table_comment_out_of_its_json()
    {
        var table = NftJsonParser.ParseTable(FixtureFiles.Nft("table-causeway.json"), "inet", "causeway");

        Assert.Equal("1.0.6", NftJsonParser.Parse(FixtureFiles.Nft("table-causeway.json")).Version);
        Assert.Null(table!.Comment);
    }

    [Fact]
    public void Reads_the_table_comment_from_the_text_listing()
    {
        var comment = NftTextParser.ParseTableComment(FixtureFiles.Nft("table-causeway.txt"));
        var desired = Planner.Plan(UnoExample.Settings(), UnoExample.OverlayFacts, UnoExample.Connected);

        Assert.Equal(desired.Nft.Comment, comment);
        Assert.StartsWith("causeway instance=causeway fingerprint=", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_without_comment_has_none_even_when_its_rules_do()
    {
        const string text = "table inet t {\n\tchain c {\n\t\tcomment \"chain comment\"\n\t}\n}\n";

        Assert.Null(NftTextParser.ParseTableComment(text));
    }

    [Fact]
    public void Finds_tables_in_the_whole_ruleset_with_their_counters_and_sets()
    {
        var ruleset = NftJsonParser.Parse(FixtureFiles.Nft("ruleset.json"));

        Assert.Equal(["inet causeway", "ip foreign", "inet filter"], ruleset.Tables.Select(t => $"{t.Family} {t.Name}"));
        Assert.NotNull(ruleset.FindTable("inet", "causeway"));
        Assert.Null(ruleset.FindTable("ip", "causeway"));
        var filter = ruleset.FindTable("inet", "filter")!;
        Assert.Equal(["blocked"], filter.Sets);
        var loopback = filter.FindRule("loopback packets")!;
        Assert.True(loopback.Counter!.Packets >= 4);
        Assert.True(loopback.Counter.Bytes > 0);
        Assert.Equal("their masquerade", Assert.Single(ruleset.FindTable("ip", "foreign")!.Rules).Comment);
    }

    [Fact]
    public void Shows_a_deleted_rule_and_a_flushed_table()
    {
        var deleted = NftJsonParser.ParseTable(FixtureFiles.Nft("table-causeway-rule-deleted.json"), "inet", "causeway")!;
        var flushed = NftJsonParser.ParseTable(FixtureFiles.Nft("table-causeway-flushed.json"), "inet", "causeway")!;

        Assert.Equal(ReferenceComments.Length - 1, deleted.Rules.Length);
        Assert.Null(deleted.FindRule("drop-client-other"));
        Assert.Empty(flushed.Rules);
        Assert.Equal(5, flushed.Chains.Length);
    }

    [Fact]
    public void A_missing_table_is_recognised_from_nft_stderr()
    {
        Assert.True(NftJsonParser.IsMissingTable(1, FixtureFiles.Nft("table-absent.stderr")));
        Assert.False(NftJsonParser.IsMissingTable(1, "Error: Could not process rule: Operation not permitted"));
    }

    [Fact]
    public void Garbage_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => NftJsonParser.Parse("{\"nft\": 1}"));
        Assert.Throws<FormatException>(() => NftJsonParser.Parse("not json"));
    }
}
