using System.Collections.Immutable;
using Causeway.Core.Model;

namespace Causeway.Core.Planning;

/// <summary>
/// The checks of an overlay gateway that need the overlay as it is now (ZeroTier's subnets and this host's own
/// address are known only from zerotier-one): run by `plan` and `up` before anything changes, like a bad config.
/// </summary>
public static class EgressConflicts
{
    /// <summary>Each problem as a sentence that says what to change; empty when there is none.</summary>
    public static ImmutableArray<string> Find(EgressSettings egress, OverlayFacts overlay)
    {
        if (egress.OverlayGateway is not { } gateway)
        {
            return [];
        }

        var problems = ImmutableArray.CreateBuilder<string>();
        if (overlay.LocalAddresses.Contains(gateway))
        {
            problems.Add($"egress.overlay_gateway {gateway} is this host's own overlay address: give the address of the home gateway (the host that runs the provider tunnel)");
        }
        else if (!overlay.Subnets.Any(s => s.Contains(gateway)))
        {
            var subnets = overlay.Subnets.IsDefaultOrEmpty ? "none yet" : string.Join(", ", overlay.Subnets);
            problems.Add($"egress.overlay_gateway {gateway} is outside the overlay's subnets ({subnets}) on {overlay.InterfaceName}: give the gateway's address on the overlay (`zerotier-cli listnetworks` on the gateway shows it)");
        }

        return problems.ToImmutable();
    }
}
