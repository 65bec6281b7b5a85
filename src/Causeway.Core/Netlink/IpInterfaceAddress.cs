using System.Net;

namespace Causeway.Core.Netlink;

/// <summary>One address on an interface.</summary>
/// <param name="Scope">"global", "link", "host".</param>
public sealed record IpInterfaceAddress(IPAddress Address, int PrefixLength, string? Scope)
{
    public IPNetwork Network => NetworkMath.Create(Address, PrefixLength);

    public override string ToString() => $"{Address}/{PrefixLength}";
}
