using System.Collections.Immutable;

namespace Causeway.Core.Management;

/// <summary>A `ROUTING_TABLE` row of a server's `status 2`/`status 3`.</summary>
/// <param name="VirtualAddress">As printed: an address, or a subnet for an iroute (`192.168.5.0/24`).</param>
public sealed record ServerStatusRoute(
    string VirtualAddress,
    string CommonName,
    string RealAddress,
    DateTimeOffset? LastReference,
    ImmutableDictionary<string, string> Fields);
