using System.Collections.Immutable;

namespace Causeway.Core.Profiles;

/// <summary>
/// The client config cannot be written: the profile and Causeway's settings do not fit together (e.g. the provider
/// asks for a password and egress.auth is not set). The message lists every problem, one per line.
/// </summary>
public sealed class ClientConfigException(ImmutableArray<ProfileDiagnostic> diagnostics)
    : InvalidOperationException(string.Join(Environment.NewLine, diagnostics))
{
    public ImmutableArray<ProfileDiagnostic> Diagnostics { get; } = diagnostics;
}
