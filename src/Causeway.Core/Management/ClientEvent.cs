using System.Collections.Immutable;

namespace Causeway.Core.Management;

/// <summary>
/// A server's `>CLIENT:KIND,CID[,...]` notice with the `>CLIENT:ENV,name=value` lines that follow it up to
/// `>CLIENT:ENV,END` (an ADDRESS notice has none).
/// </summary>
/// <param name="KeyId">KID of CONNECT, REAUTH and CR_RESPONSE.</param>
/// <param name="Address">ADDRESS: the virtual address or subnet (`10.8.0.2` or `10.8.0.0/255.255.255.0`).</param>
/// <param name="IsPrimary">ADDRESS: the client's primary address (1) or an iroute (0).</param>
/// <param name="Response">CR_RESPONSE: the base64 response.</param>
public sealed record ClientEvent(
    ClientEventKind Kind,
    string KindName,
    long ClientId,
    long? KeyId,
    string? Address,
    bool? IsPrimary,
    string? Response,
    ImmutableDictionary<string, string> Environment) : ManagementEvent
{
    public string? CommonName => Environment.GetValueOrDefault("common_name");
}
