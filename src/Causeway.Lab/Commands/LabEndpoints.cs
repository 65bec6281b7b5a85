using System.Net;

namespace Causeway.Lab.Commands;

/// <summary>Parses the address and address:port options of the hidden lab commands ("203.0.113.80:7", "[2001:db8::1]:7").</summary>
public static class LabEndpoints
{
    public static IPEndPoint Parse(string text, string option) =>
        IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0
            ? endpoint
            : throw new ArgumentException($"{option} '{text}': expected address:port, e.g. 203.0.113.80:7 or [2001:db8:80::80]:7");

    /// <summary>An IPv4 address (the injection's source and target).</summary>
    public static IPAddress ParseAddress(string text, string option) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? address
            : throw new ArgumentException($"{option} '{text}': expected an IPv4 address, e.g. 10.8.0.2");
}
