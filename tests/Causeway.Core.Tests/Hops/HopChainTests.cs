using System.Collections.Immutable;
using Causeway.Core.Hops;
using Xunit;

namespace Causeway.Core.Tests.Hops;

public sealed class HopChainTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 3, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_hop_down_is_named_with_since_when_and_what_to_look_at()
    {
        var chain = new HopChain([Overlay(Down(Noon.AddSeconds(10))), Internet(Down(Noon.AddSeconds(12)))]);

        Assert.Equal(
            "VM → SBC over ZeroTier: down since 12:03:10 (is the SBC's causeway up, and does `zerotier-cli peers` on the VM list it?)",
            chain.Summary(TimeZoneInfo.Utc));
        Assert.Equal("VM → SBC over ZeroTier", chain.FirstFailed?.Name);
    }

    [Fact]
    public void A_later_hop_down_says_the_one_before_it_answers()
    {
        var chain = new HopChain([Overlay(Up()), Internet(Down(Noon.AddSeconds(12)))]);

        Assert.Equal(
            "SBC reachable; internet through it: down since 12:03:12 (`causeway status` on the SBC: its provider tunnel)",
            chain.Summary(TimeZoneInfo.Utc));
    }

    [Fact]
    public void All_up_says_so_and_names_a_relayed_overlay_path()
    {
        Assert.Equal("all hops up", new HopChain([Overlay(Up()), Internet(Up())]).Summary(TimeZoneInfo.Utc));
        Assert.Equal(
            "all hops up; relayed, not direct (slow): VM → SBC over ZeroTier (`zerotier-cli peers` says RELAY: is UDP 9993 blocked, or are both ends behind symmetric NAT?)",
            new HopChain([Overlay(Up()) with { Path = PeerPath.Relayed }, Internet(Up())]).Summary(TimeZoneInfo.Utc));
        Assert.Equal("no hop down (some not answered yet)", new HopChain([Overlay(Up()), Internet(HopHealth.Start(Noon))]).Summary(TimeZoneInfo.Utc));
        Assert.Null(new HopChain(ImmutableArray<Hop>.Empty).FirstFailed);
    }

    [Fact]
    public void Since_is_shown_in_the_zone_asked_for()
    {
        var plusTwo = TimeZoneInfo.CreateCustomTimeZone("plus-two", TimeSpan.FromHours(2), "plus-two", "plus-two");

        Assert.StartsWith("VM → SBC over ZeroTier: down since 14:03:10", new HopChain([Overlay(Down(Noon.AddSeconds(10)))]).Summary(plusTwo), StringComparison.Ordinal);
    }

    private static Hop Overlay(HopHealth health) =>
        new("gateway", "VM → SBC over ZeroTier", "SBC", health, "is the SBC's causeway up, and does `zerotier-cli peers` on the VM list it?", PeerPath.Direct);

    private static Hop Internet(HopHealth health) =>
        new("internet", "internet through it", "internet", health, "`causeway status` on the SBC: its provider tunnel");

    private static HopHealth Up() => new(HopState.Up, Noon, 0, null, TimeSpan.FromMilliseconds(30));

    private static HopHealth Down(DateTimeOffset since) => new(HopState.Down, since, 3, since, null);
}
