using System.Collections.Immutable;
using System.Net;

namespace Causeway.Core.Hops;

/// <summary>
/// The hops of clients' traffic for each kind of egress, in the order it crosses them, with the names status says and
/// what to look at when each is down. One model for every world: a provider egress (Uno, Duo, Dinosaur's SBC) is
/// <c>tunnel</c> then <c>internet</c>; an overlay gateway egress (Dinosaur's VM) is <c>gateway</c> then
/// <c>internet</c>. The ids are what programs read (docs/status.md promises them); the names are for people, and
/// read in the chain's summary as "provider reachable; internet through the provider: down since 12:03:12 (…)".
/// </summary>
public static class EgressHops
{
    /// <summary>This host to the provider, over the OpenVPN tunnel the supervisor keeps.</summary>
    public const string TunnelId = "tunnel";

    /// <summary>This host to the overlay gateway that is its egress (the SBC, seen from the VM).</summary>
    public const string GatewayId = "gateway";

    /// <summary>End to end: the internet, along the clients' own path through the hop before it.</summary>
    public const string InternetId = "internet";

    public static Hop Tunnel(string device, HopHealth health) => new(
        TunnelId,
        $"this host → provider over OpenVPN ({device})",
        "provider",
        health,
        "OpenVPN's last lines in `journalctl -u causeway` (authentication, TLS, or no answer from the provider's remote), "
            + "the last error in `causeway status`, and whether this host's own uplink is up");

    /// <param name="zeroTier">The overlay is a ZeroTier network (else another kind of interface, e.g. WireGuard).</param>
    /// <param name="overlayInterface">The overlay's device; null until the overlay is resolved.</param>
    public static Hop Gateway(IPAddress gateway, bool zeroTier, string? overlayInterface, HopHealth health, PeerPath path)
    {
        var over = zeroTier ? "ZeroTier" : "the overlay";
        var device = overlayInterface is null ? string.Empty : $" ({overlayInterface})";
        var lookNext = zeroTier
            ? $"is `causeway up` running on the gateway {gateway}, does `zerotier-cli peers` here list its node (DIRECT or RELAY), "
                + "and is the network OK in `zerotier-cli listnetworks` on both hosts?"
            : $"is `causeway up` running on the gateway {gateway}, and does the overlay{device} carry traffic between the two hosts?";
        return new(GatewayId, $"this host → gateway {gateway} over {over}{device}", $"gateway {gateway}", health, lookNext, path);
    }

    /// <summary>The internet through <paramref name="before"/> (a tunnel or gateway hop), probed at <paramref name="target"/>.</summary>
    public static Hop Internet(Hop before, IPAddress target, HopHealth health)
    {
        var probe = $"or is {target} itself unreachable? ([egress] internet_probe names another target, \"none\" turns this off)";
        return before.Id == GatewayId
            ? new(
                InternetId,
                "internet through the gateway",
                "internet",
                health,
                $"`causeway status` on the {before.Reached}: its own hops (its provider tunnel); {probe}")
            : new(
                InternetId,
                "internet through the provider",
                "internet",
                health,
                $"the provider answers but carries nothing out: OpenVPN's lines in `journalctl -u causeway` (what the provider pushed, its limits); {probe}");
    }

    /// <summary>The hops in order: the first, then the internet through it unless the internet probe is off.</summary>
    public static HopChain Chain(Hop first, Hop? internet) =>
        new(internet is null ? ImmutableArray.Create(first) : ImmutableArray.Create(first, internet));
}
