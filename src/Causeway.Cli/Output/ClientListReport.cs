using System.Collections.Immutable;

namespace Causeway.Cli.Output;

/// <summary>`causeway client list --json`.</summary>
/// <param name="DaemonRunning">Whether the running daemon answered; when false, <see cref="ClientListEntry.Connected"/> is null.</param>
/// <param name="Problems">Servers that could not be asked, or why the daemon did not answer.</param>
public sealed record ClientListReport(bool DaemonRunning, ImmutableArray<string> Problems, ImmutableArray<ClientListEntry> Clients);
