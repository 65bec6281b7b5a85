using System.Collections.Immutable;

namespace Causeway.Core.Doctor;

/// <summary>How many findings of each severity.</summary>
public sealed record DoctorSummary(int Ok, int Warnings, int Problems, int Unchecked)
{
    public static DoctorSummary Of(ImmutableArray<DoctorFinding> findings) => new(
        findings.Count(f => f.Severity == DoctorSeverity.Ok),
        findings.Count(f => f.Severity == DoctorSeverity.Warning),
        findings.Count(f => f.Severity == DoctorSeverity.Problem),
        findings.Count(f => f.Severity == DoctorSeverity.Unchecked));
}
