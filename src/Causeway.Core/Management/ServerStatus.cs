using System.Collections.Immutable;

namespace Causeway.Core.Management;

/// <summary>A server's `status 2` (commas) or `status 3` (tabs) answer, read by its HEADER lines.</summary>
/// <param name="Title">The TITLE text, e.g. "OpenVPN 2.6.14 x86_64-pc-linux-gnu [SSL (OpenSSL)] ...".</param>
/// <param name="GlobalStats">`GLOBAL_STATS,name,value` lines, e.g. "dco_enabled" → "0".</param>
public sealed record ServerStatus(
    string? Title,
    DateTimeOffset? Time,
    ImmutableArray<ServerStatusClient> Clients,
    ImmutableArray<ServerStatusRoute> Routes,
    ImmutableDictionary<string, string> GlobalStats);
