using System.Collections.Immutable;
using System.Net;

namespace Causeway.Core.Management;

/// <summary>A `CLIENT_LIST` row of a server's `status 2`/`status 3`.</summary>
/// <param name="RealAddress">"ip:port" the client connects from.</param>
/// <param name="Username">"UNDEF" when the client has no username.</param>
/// <param name="ClientId">The CID of `client-kill` and `>CLIENT:` notices.</param>
/// <param name="Fields">Every column by its HEADER name, including those without a property here.</param>
public sealed record ServerStatusClient(
    string CommonName,
    string RealAddress,
    IPAddress? VirtualAddress,
    IPAddress? VirtualAddressV6,
    long BytesReceived,
    long BytesSent,
    DateTimeOffset? ConnectedSince,
    string Username,
    long? ClientId,
    long? PeerId,
    string DataChannelCipher,
    ImmutableDictionary<string, string> Fields);
