using System.Collections.Immutable;

namespace Causeway.Engine.Daemon;

/// <summary>
/// The access servers (Duo) in `causeway status`: whether each one is up, and who is connected now. The status socket
/// is readable by every local user, so this holds no more than `who and how much`: no client's real address (that,
/// and the rest, is for root through `causeway client list`).
/// </summary>
/// <param name="ServerHost">What client profiles connect to: public_address, or the public uplink address.</param>
/// <param name="Sessions">The connected clients as last read (every <see cref="AccessServers.SessionPollInterval"/>).</param>
/// <param name="SessionsReadAt">When the servers were last asked; null before the first time.</param>
/// <param name="Problems">Servers that could not be asked, conflicts with the overlay or the tunnel, PKI problems.</param>
/// <param name="CrlNextUpdate">When the published CRL expires (renewed about monthly while the daemon runs).</param>
public sealed record AccessStatusReport(
    string ServerHost,
    ImmutableArray<AccessServerStatusReport> Servers,
    ImmutableArray<AccessSessionStatusReport> Sessions,
    DateTimeOffset? SessionsReadAt,
    ImmutableArray<string> Problems,
    DateTimeOffset? CrlNextUpdate);
