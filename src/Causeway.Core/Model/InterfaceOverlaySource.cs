using System.Collections.Immutable;
using System.Net;

namespace Causeway.Core.Model;

/// <summary>Any other overlay, given by interface name and subnets.</summary>
public sealed record InterfaceOverlaySource(
    string InterfaceName,
    ImmutableArray<IPNetwork> Subnets) : OverlaySource;
