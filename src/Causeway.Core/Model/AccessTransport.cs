namespace Causeway.Core.Model;

/// <summary>How phones reach one access server: OpenVPN over UDP (fast), or over TCP (gets through networks that block UDP).</summary>
public enum AccessTransport
{
    Udp,
    Tcp,
}
