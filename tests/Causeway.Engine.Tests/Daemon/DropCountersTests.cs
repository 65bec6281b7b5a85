using Causeway.Core.Nft;
using Causeway.Engine.Daemon;
using Xunit;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>The kill switch's drop counters add up across table replacements, which start the rules' counters again.</summary>
public sealed class DropCountersTests
{
    private static NftTableListing Table(long leaked, long ipv6, long host) => new("inet", "causeway", 1, null, [],
    [
        new NftRule("forward", 10, "drop-client-ipv6", new NftCounter(ipv6, ipv6 * 80)),
        new NftRule("forward", 11, "accept-client-egress", null),
        new NftRule("forward", 12, "drop-client-other", new NftCounter(leaked, leaked * 100)),
        new NftRule("host-input", 20, "drop-egress-to-host", new NftCounter(host, host * 60)),
    ], []);

    [Fact]
    public void Each_rule_counts_what_it_grew_and_a_replaced_table_starting_from_zero_loses_nothing()
    {
        var drops = new DropCounters();

        drops.Observe(Table(leaked: 5, ipv6: 1, host: 0));
        drops.Observe(null);
        drops.Observe(Table(leaked: 8, ipv6: 1, host: 2));
        drops.Observe(Table(leaked: 3, ipv6: 0, host: 1)); // replaced: from zero again

        Assert.Equal(8 + 3 + 1, drops.Packets(Core.Planning.Planner.DropRuleComments));
        Assert.Equal(3, drops.Packets(Core.Planning.Planner.GuardRuleComments));
        Assert.Equal(
        [
            new DropCounterReport("drop-client-ipv6", "forward", "forward", 1, 80),
            new DropCounterReport("drop-client-other", "forward", "forward", 11, 1100),
            new DropCounterReport("drop-egress-to-host", "host-input", "host", 3, 180),
        ],
            drops.Report());
    }
}
