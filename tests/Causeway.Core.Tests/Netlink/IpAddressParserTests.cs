using System.Net;
using Causeway.Core.Netlink;
using Causeway.Core.Tests.Planning;
using Xunit;

namespace Causeway.Core.Tests.Netlink;

public sealed class IpAddressParserTests
{
    [Fact]
    public void Parses_ipv4_and_ipv6_addresses_per_interface()
    {
        var interfaces = IpAddressParser.Parse(FixtureFiles.Ip("addr.json"));

        var overlay = interfaces.Single(i => i.Name == "zt2nvuuqiv");
        Assert.Contains(overlay.Addresses, a => a.Address.Equals(IPAddress.Parse("10.222.0.1")) && a.PrefixLength == 24 && a.Scope == "global");
        Assert.Contains(overlay.Addresses, a => a.Address.Equals(IPAddress.Parse("fdcc:ca5e::1")) && a.Network == IPNetwork.Parse("fdcc:ca5e::/64"));
        Assert.Contains(overlay.Addresses, a => a.Scope == "link");

        var tun = interfaces.Single(i => i.Name == "tuncw0");
        var address = Assert.Single(tun.Addresses);
        Assert.Equal("10.8.0.6/24", address.ToString());
        Assert.Equal(IPNetwork.Parse("10.8.0.0/24"), address.Network);
    }

    [Fact]
    public void Skips_the_empty_objects_of_a_family_filtered_listing()
    {
        const string json = """[{},{"ifindex":3,"ifname":"zt0","flags":["UP"],"addr_info":[{"family":"inet","local":"10.0.0.1","prefixlen":8}]}]""";

        var only = Assert.Single(IpAddressParser.Parse(json));

        Assert.Equal("zt0", only.Name);
    }
}
