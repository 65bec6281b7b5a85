using System.Net;
using Causeway.Core.Model;

namespace Causeway.Core.Access;

/// <summary>One live connection of a client, as a server's `status 3` lists it.</summary>
/// <param name="ClientId">The CID for `client-kill`.</param>
/// <param name="RealAddress">"ip:port" the client connects from.</param>
/// <param name="VirtualAddress">Its address in the pool.</param>
/// <param name="BytesReceived">Bytes the server received from it on this connection (link bytes).</param>
/// <param name="BytesSent">Bytes the server sent it on this connection.</param>
public sealed record AccessSession(
    AccessTransport Transport,
    string CommonName,
    long? ClientId,
    string RealAddress,
    IPAddress? VirtualAddress,
    DateTimeOffset? ConnectedSince,
    long BytesReceived,
    long BytesSent);
