using System.Net;
using Causeway.Core.Access;
using Causeway.Core.Model;
using Causeway.Core.Tests.Planning;
using Xunit;

namespace Causeway.Core.Tests.Access;

public sealed class AccessConflictsTests
{
    private static readonly AccessSettings Access = DuoExample.Access();

    [Fact]
    public void None_for_the_reference_host()
    {
        Assert.Empty(AccessConflicts.Find(Access, UnoExample.OverlayFacts, UnoExample.Connected));
    }

    [Fact]
    public void A_zerotier_subnet_over_the_pool_is_found_with_the_fix()
    {
        var overlay = UnoExample.OverlayFacts with { Subnets = [IPNetwork.Parse("10.9.0.0/16"), IPNetwork.Parse("fdcc:ca5e::/64")] };

        var problem = Assert.Single(AccessConflicts.Find(Access, overlay, UnoExample.Connected));

        Assert.Equal("access.pool 10.9.0.0/24 overlaps the overlay's subnet 10.9.0.0/16: choose a pool the overlay does not use", problem);
    }

    [Fact]
    public void The_provider_tunnel_or_its_dns_inside_the_pool_is_found()
    {
        var tunnel = new TunnelFacts(true, IPAddress.Parse("10.9.0.200"), [IPAddress.Parse("10.9.0.1")]);

        var problems = AccessConflicts.Find(Access, UnoExample.OverlayFacts, tunnel);

        Assert.Equal(2, problems.Length);
        Assert.Contains("the provider tunnel's address 10.9.0.200 is inside access.pool 10.9.0.0/24", problems[0], StringComparison.Ordinal);
        Assert.Contains("the provider's DNS server 10.9.0.1 is inside access.pool", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void An_access_device_that_is_the_overlay_interface_is_found()
    {
        var overlay = UnoExample.OverlayFacts with { InterfaceName = "tuncw-tcp" };

        var problem = Assert.Single(AccessConflicts.Find(Access, overlay, TunnelFacts.Down));

        Assert.StartsWith("access.tcp_device \"tuncw-tcp\" is the overlay's interface", problem, StringComparison.Ordinal);
    }
}
