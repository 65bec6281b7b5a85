using System.Net;
using Causeway.Core.Netlink;
using Causeway.Core.Tests.Planning;
using Xunit;

namespace Causeway.Core.Tests.Netlink;

public sealed class IpNeighbourParserTests
{
    [Fact]
    public void A_resolved_neighbour_has_its_mac_and_an_unresolved_one_none()
    {
        var neighbours = IpNeighbourParser.Parse(FixtureFiles.Ip("neigh-dev.json"));

        Assert.Equal([IPAddress.Parse("10.222.0.5"), IPAddress.Parse("10.222.0.9")], neighbours.Select(n => n.Destination));
        Assert.Equal("2e:5e:ef:20:b7:c4", neighbours[0].LinkLayerAddress);
        Assert.Equal(["REACHABLE"], neighbours[0].States);
        Assert.Null(neighbours[1].LinkLayerAddress);
        Assert.Equal(["INCOMPLETE"], neighbours[1].States);
    }

    [Fact]
    public void One_address_asked_for_is_one_entry_and_an_unknown_one_is_none()
    {
        Assert.Equal("2e:5e:ef:20:b7:c4", Assert.Single(IpNeighbourParser.Parse(FixtureFiles.Ip("neigh-reachable.json"))).LinkLayerAddress);
        Assert.Empty(IpNeighbourParser.Parse(FixtureFiles.Ip("neigh-none.json")));
    }

    [Fact]
    public void An_entry_without_a_destination_is_refused_with_the_command_named()
    {
        var e = Assert.Throws<FormatException>(() => IpNeighbourParser.Parse("""[{"lladdr":"2e:5e:ef:20:b7:c4"}]"""));

        Assert.Contains("ip -json neigh show", e.Message, StringComparison.Ordinal);
    }
}
