using System.Collections.Immutable;
using System.Net;

namespace Causeway.Core.Planning;

/// <summary>
/// Everything the desired state depends on, in the planner's own terms (client interfaces and an egress),
/// so that Duo and Dinosaur add inputs rather than rewrite the planner.
/// </summary>
/// <param name="AllowedLans">Host networks the clients may reach directly (not through the egress).</param>
/// <param name="MasqueradeLans">Source-NAT client traffic into the allowed LANs.</param>
/// <param name="Dns">The resolver DNS to this host's client-side addresses is redirected to; null = no redirect.</param>
public sealed record PlanningInputs(
    OwnedNames Owned,
    ImmutableArray<ClientInterface> Clients,
    Egress Egress,
    ImmutableArray<IPNetwork> AllowedLans,
    bool MasqueradeLans,
    IPAddress? Dns)
{
    /// <summary>The access servers (Duo); null without [access]: then the plan is Uno's, byte for byte.</summary>
    public AccessInputs? Access { get; init; }
}
