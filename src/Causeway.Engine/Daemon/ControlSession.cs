using System.Net;
using Causeway.Core.Access;
using Causeway.Core.Model;

namespace Causeway.Engine.Daemon;

/// <summary>One live session of an access client, as the control API sends it (<see cref="AccessSession"/> in JSON).</summary>
/// <param name="Transport">"udp" or "tcp".</param>
/// <param name="CommonName">The client's certificate CN: its name.</param>
/// <param name="ClientId">The server's CID (for `client-kill`).</param>
/// <param name="RealAddress">"ip:port" the client connects from.</param>
/// <param name="VirtualAddress">Its address in the pool.</param>
public sealed record ControlSession(
    string Transport,
    string CommonName,
    long? ClientId,
    string RealAddress,
    string? VirtualAddress,
    DateTimeOffset? ConnectedSince,
    long BytesReceived,
    long BytesSent)
{
    public static ControlSession From(AccessSession session) => new(
        session.Transport == AccessTransport.Udp ? "udp" : "tcp",
        session.CommonName,
        session.ClientId,
        session.RealAddress,
        session.VirtualAddress?.ToString(),
        session.ConnectedSince,
        session.BytesReceived,
        session.BytesSent);

    public AccessSession ToSession() => new(
        Transport == "tcp" ? AccessTransport.Tcp : AccessTransport.Udp,
        CommonName,
        ClientId,
        RealAddress,
        VirtualAddress is { } text && IPAddress.TryParse(text, out var address) ? address : null,
        ConnectedSince,
        BytesReceived,
        BytesSent);
}
