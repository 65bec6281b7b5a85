using System.Collections.Immutable;
using Causeway.Core.Pki;

namespace Causeway.Engine.Access;

/// <summary>What <see cref="AccessPki.EnsureReady"/> found and did, for the log and `causeway status`.</summary>
/// <param name="Created">A new PKI was made (no client profile from before can connect).</param>
/// <param name="ServerCommonName">The server certificate's CN, pinned in client profiles.</param>
/// <param name="Changes">What was written, e.g. "renewed the CRL (valid until ...)"; empty when nothing was.</param>
/// <param name="Warnings">E.g. a CA that expires within 30 days.</param>
public sealed record AccessPkiStatus(
    bool Created,
    string ServerCommonName,
    DateTimeOffset CaNotAfter,
    DateTimeOffset ServerNotAfter,
    DateTimeOffset CrlNextUpdate,
    ImmutableArray<string> Changes,
    ImmutableArray<PkiProblem> Warnings);
