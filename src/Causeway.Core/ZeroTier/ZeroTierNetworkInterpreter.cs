using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Model;

namespace Causeway.Core.ZeroTier;

/// <summary>
/// What a joined network means for Causeway: the overlay facts when it is usable, otherwise a typed problem whose
/// message names what to do. Usable = status OK, allowManaged on, and at least one assigned address (the notes'
/// pitfall: OK alone is not enough, auto-assigned addresses arrive one configuration request later).
/// </summary>
public static class ZeroTierNetworkInterpreter
{
    /// <param name="network">The network as `GET /network/{nwid}` returned it.</param>
    /// <param name="nodeAddress">This node's address (from `GET /status`), named in the messages.</param>
    public static ZeroTierNetworkInterpretation Interpret(ZeroTierNetwork network, string nodeAddress)
    {
        var problem = FindProblem(network, nodeAddress);
        if (problem is not null)
        {
            return ZeroTierNetworkInterpretation.Unusable(problem);
        }

        var addresses = ImmutableArray.CreateBuilder<IPAddress>();
        var subnets = ImmutableArray.CreateBuilder<IPNetwork>();

        // On-link routes first: they are the overlay's own networks as the controller states them.
        foreach (var route in network.Routes.OrEmpty())
        {
            // A default route is never an overlay subnet: treating 0.0.0.0/0 as "overlay stays overlay" would
            // send every forwarded packet to the main table. (On-link default routes are a controller misconfig.)
            if (route.Via is null
                && ZeroTierAddressText.TryParseNetwork(route.Target, out var target)
                && target.PrefixLength > 0
                && !subnets.Contains(target))
            {
                subnets.Add(target);
            }
        }

        foreach (var assigned in network.AssignedAddresses.OrEmpty())
        {
            if (!ZeroTierAddressText.TryParseAddressWithPrefix(assigned, out var address, out var bits))
            {
                continue;
            }

            if (!addresses.Contains(address))
            {
                addresses.Add(address);
            }

            var subnet = ZeroTierAddressText.NetworkOf(address, bits);
            if (bits > 0 && !subnets.Contains(subnet))
            {
                subnets.Add(subnet);
            }
        }

        if (addresses.Count == 0)
        {
            return ZeroTierNetworkInterpretation.Unusable(NoAddresses(network, nodeAddress));
        }

        var interfaceName = string.IsNullOrEmpty(network.PortDeviceName)
            ? ZeroTierInterfaceName.Derive(network.Id)
            : network.PortDeviceName;
        return ZeroTierNetworkInterpretation.Usable(
            new OverlayFacts(interfaceName, subnets.ToImmutable(), addresses.ToImmutable()) { Mtu = network.Mtu > 0 ? network.Mtu : null });
    }

    private static ZeroTierNetworkProblem? FindProblem(ZeroTierNetwork network, string nodeAddress)
    {
        var id = network.Id;
        var node = NodeName(nodeAddress);
        var controller = ZeroTierIdentifiers.IsNetworkId(id) ? ZeroTierIdentifiers.ControllerAddressOf(id) : "?";
        var status = network.Status;
        return network.StatusKind switch
        {
            ZeroTierNetworkStatus.Ok when !network.AllowManaged => new(
                ZeroTierNetworkProblemKind.ManagedAddressesDisabled, id, status,
                $"ZeroTier network {id} has allowManaged off: zerotier-one does not put the assigned addresses on {network.PortDeviceName}",
                $"turn it on: zerotier-cli set {id} allowManaged=1",
                IsTransient: false),
            ZeroTierNetworkStatus.Ok => null,
            ZeroTierNetworkStatus.RequestingConfiguration => new(
                ZeroTierNetworkProblemKind.RequestingConfiguration, id, status,
                $"ZeroTier network {id} is REQUESTING_CONFIGURATION: {node} has joined it but has no configuration from its controller ({controller}) yet",
                $"waiting for the controller; if this lasts, check that the controller {controller} is online and reachable from this host (zerotier-cli peers)",
                IsTransient: true),
            ZeroTierNetworkStatus.AccessDenied => new(
                ZeroTierNetworkProblemKind.AccessDenied, id, status,
                $"ZeroTier network {id} is ACCESS_DENIED: {node} is not authorized on it",
                $"authorize member {NodeOrPlaceholder(nodeAddress)} on the controller: in ZeroTier Central (my.zerotier.com, network {id}, Members) tick Auth for {NodeOrPlaceholder(nodeAddress)}; on a self-hosted controller POST {{\"authorized\":true}} to /controller/network/{id}/member/{NodeOrPlaceholder(nodeAddress)}",
                IsTransient: false),
            ZeroTierNetworkStatus.NotFound => new(
                ZeroTierNetworkProblemKind.NotFound, id, status,
                $"ZeroTier network {id} is NOT_FOUND: its controller ({controller}) has no such network",
                "check the network id (overlay.zerotier_network) against the controller or ZeroTier Central",
                IsTransient: false),
            ZeroTierNetworkStatus.PortError => new(
                ZeroTierNetworkProblemKind.PortError, id, status,
                $"ZeroTier network {id} is PORT_ERROR: zerotier-one could not create its interface{PortDetail(network)}",
                "check that /dev/net/tun exists and that zerotier-one runs with CAP_NET_ADMIN (in a container: --device /dev/net/tun --cap-add NET_ADMIN), then restart zerotier-one",
                IsTransient: false),
            ZeroTierNetworkStatus.ClientTooOld => new(
                ZeroTierNetworkProblemKind.ClientTooOld, id, status,
                $"ZeroTier network {id} is CLIENT_TOO_OLD: its controller needs a newer zerotier-one",
                "upgrade zerotier-one on this host",
                IsTransient: false),
            ZeroTierNetworkStatus.AuthenticationRequired => new(
                ZeroTierNetworkProblemKind.AuthenticationRequired, id, status,
                $"ZeroTier network {id} is AUTHENTICATION_REQUIRED: it uses SSO and {node} is not logged in",
                string.IsNullOrEmpty(network.AuthenticationUrl)
                    ? $"log in with the URL that `zerotier-cli -j listnetworks` shows for {id} (authenticationURL)"
                    : $"log in at {network.AuthenticationUrl}",
                IsTransient: false),
            _ => new(
                ZeroTierNetworkProblemKind.UnknownStatus, id, status,
                $"ZeroTier network {id} has status '{status}', which Causeway does not know",
                $"check `zerotier-cli listnetworks` and the zerotier-one version; Causeway needs status OK",
                IsTransient: false),
        };
    }

    private static ZeroTierNetworkProblem NoAddresses(ZeroTierNetwork network, string nodeAddress) => new(
        ZeroTierNetworkProblemKind.NoAddresses, network.Id, network.Status,
        $"ZeroTier network {network.Id} is OK but has no address assigned to {NodeName(nodeAddress)}",
        $"an address assigned on the controller arrives with the node's next configuration request; if none comes, give member {NodeOrPlaceholder(nodeAddress)} an address (ipAssignments, or an ipAssignmentPool with v4AssignMode zt) inside an on-link route of the network",
        IsTransient: true);

    private static string PortDetail(ZeroTierNetwork network) =>
        network.PortError != 0 ? $" (portError {network.PortError})" : string.Empty;

    private static string NodeName(string nodeAddress) =>
        string.IsNullOrEmpty(nodeAddress) ? "this node" : $"this node ({nodeAddress})";

    private static string NodeOrPlaceholder(string nodeAddress) =>
        string.IsNullOrEmpty(nodeAddress) ? "<this node's address, see zerotier-cli info>" : nodeAddress;
}
