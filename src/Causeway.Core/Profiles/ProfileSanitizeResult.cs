using System.Collections.Immutable;
using Causeway.Core.Model;

namespace Causeway.Core.Profiles;

/// <summary>The outcome of sanitizing a profile: a profile only when there is no error, and every finding either way.</summary>
public sealed record ProfileSanitizeResult(SanitizedProfile? Profile, ImmutableArray<ProfileDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
