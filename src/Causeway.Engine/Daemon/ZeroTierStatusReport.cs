namespace Causeway.Engine.Daemon;

/// <summary>The ZeroTier network, and whether its members are told to send internet traffic here.</summary>
/// <param name="DefaultRouteViaThisGateway">A managed route 0.0.0.0/0 via one of this host's overlay addresses exists.</param>
/// <param name="Advice">What to set on the controller and on clients, in words.</param>
public sealed record ZeroTierStatusReport(
    string NetworkId,
    string? Name,
    string Status,
    string? NodeAddress,
    bool DefaultRouteViaThisGateway,
    string Advice);
