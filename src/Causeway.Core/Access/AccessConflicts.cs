using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Causeway.Core.Model;

namespace Causeway.Core.Access;

/// <summary>
/// The checks of [access] that need the host as it is now (the loader cannot know ZeroTier's subnets or the
/// provider's addresses): run by `up` before the servers start, and again when the overlay or the tunnel changes.
/// </summary>
public static class AccessConflicts
{
    /// <summary>Each problem as a sentence that says what to change; empty when there is none.</summary>
    public static ImmutableArray<string> Find(AccessSettings access, OverlayFacts overlay, TunnelFacts tunnel)
    {
        var problems = ImmutableArray.CreateBuilder<string>();
        foreach (var server in access.Servers.Where(s => s.DeviceName == overlay.InterfaceName))
        {
            problems.Add($"access.{server.TransportName}_device \"{server.DeviceName}\" is the overlay's interface: give the access server a device of its own");
        }

        foreach (var subnet in overlay.Subnets.Where(s => s.BaseAddress.AddressFamily == AddressFamily.InterNetwork))
        {
            if (Overlap(access.Pool, subnet))
            {
                problems.Add($"access.pool {access.Pool} overlaps the overlay's subnet {subnet}: choose a pool the overlay does not use");
            }
        }

        foreach (var address in overlay.LocalAddresses.Where(access.Pool.Contains))
        {
            problems.Add($"this host's overlay address {address} is inside access.pool {access.Pool}: choose a pool the overlay does not use");
        }

        if (tunnel.LocalAddress is { } tunnelAddress && access.Pool.Contains(tunnelAddress))
        {
            problems.Add($"the provider tunnel's address {tunnelAddress} is inside access.pool {access.Pool}: choose a pool the provider does not use");
        }

        foreach (var resolver in tunnel.PushedDns.IsDefault ? [] : tunnel.PushedDns.Where(access.Pool.Contains))
        {
            problems.Add($"the provider's DNS server {resolver} is inside access.pool {access.Pool}: choose a pool the provider does not use");
        }

        return problems.ToImmutable();
    }

    private static bool Overlap(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);
}
