using Causeway.Core.Netlink;
using Causeway.Core.Tests.Planning;
using Xunit;

namespace Causeway.Core.Tests.Netlink;

public sealed class IpLinkParserTests
{
    [Fact]
    public void Parses_every_link_with_flags_and_type()
    {
        var links = IpLinkParser.Parse(FixtureFiles.Ip("link.json"));

        Assert.Equal(["lo", "ztpeer", "zt2nvuuqiv", "tuncw0", "s-peer", "s-up"], links.Select(l => l.Name));
        var tun = links.Single(l => l.Name == "tuncw0");
        Assert.True(tun.IsUp);
        Assert.Contains("NO-CARRIER", tun.Flags);
        Assert.Equal("none", tun.LinkType);
        Assert.Equal("DOWN", tun.OperationalState);
        Assert.Equal(1500, tun.Mtu);
        Assert.Equal("loopback", links[0].LinkType);
        Assert.Equal(1, links[0].Index);
    }
}
