using System.Collections.Immutable;
using Causeway.Engine.Access;

namespace Causeway.Engine.Daemon;

/// <summary>What <see cref="AccessPreflight"/> found: the host profiles connect to and the PKI, or every error.</summary>
/// <param name="ServerHost">public_address, or the public uplink address; null when there is none.</param>
/// <param name="Pki">What <see cref="AccessPki.EnsureReady"/> found and did; null when it was not reached or failed.</param>
/// <param name="Errors">One line each, `file[:line:column]: error: message (fix)`.</param>
public sealed record AccessPreflightResult(string? ServerHost, AccessPkiStatus? Pki, ImmutableArray<string> Errors)
{
    public bool Succeeded => Errors.IsEmpty && ServerHost is not null;
}
