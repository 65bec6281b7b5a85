using System.Net;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Xunit;

namespace Causeway.Core.Tests.Planning;

/// <summary>The checks of an overlay gateway that only ZeroTier's answer makes possible.</summary>
public sealed class EgressConflictsTests
{
    private static EgressSettings Gateway(string address) =>
        UnoExample.Settings().Egress with { ProfilePath = null, OverlayGateway = IPAddress.Parse(address) };

    [Fact]
    public void A_gateway_on_the_overlay_that_is_not_this_host_is_fine()
    {
        Assert.Empty(EgressConflicts.Find(Gateway("10.222.0.5"), UnoExample.OverlayFacts));
    }

    [Fact]
    public void A_provider_tunnel_has_nothing_to_check()
    {
        Assert.Empty(EgressConflicts.Find(UnoExample.Settings().Egress, UnoExample.OverlayFacts));
    }

    [Fact]
    public void This_hosts_own_overlay_address_is_refused_with_what_to_give_instead()
    {
        var problem = Assert.Single(EgressConflicts.Find(Gateway("10.222.0.1"), UnoExample.OverlayFacts));

        Assert.Contains("10.222.0.1 is this host's own overlay address", problem, StringComparison.Ordinal);
        Assert.Contains("the host that runs the provider tunnel", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_outside_the_subnets_zerotier_gave_is_refused_naming_them()
    {
        var problem = Assert.Single(EgressConflicts.Find(Gateway("10.147.17.5"), UnoExample.OverlayFacts));

        Assert.Contains("10.147.17.5 is outside the overlay's subnets (10.222.0.0/24, fdcc:ca5e::/64) on zt2nvuuqiv", problem, StringComparison.Ordinal);
        Assert.Contains("zerotier-cli listnetworks", problem, StringComparison.Ordinal);
    }
}
