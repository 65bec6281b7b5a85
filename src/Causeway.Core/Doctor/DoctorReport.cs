using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Causeway.Core.Doctor;

/// <summary>
/// What `causeway doctor` prints (`--json`: this, as docs/doctor.md shows). <see cref="Version"/> changes only when a
/// field changes meaning or goes away; new fields and new finding ids may come at any time.
/// </summary>
/// <param name="Config">The config used; null when there was none to use.</param>
/// <param name="Root">Whether doctor ran as root (what needs root is otherwise unchecked).</param>
/// <param name="Findings">One per id of <see cref="DoctorFindingIds.All"/>, in that order.</param>
public sealed record DoctorReport(
    int Version,
    string? Config,
    bool Root,
    DoctorSummary Summary,
    ImmutableArray<DoctorFinding> Findings)
{
    public const int CurrentVersion = 1;

    /// <summary>At least one finding is a problem: Causeway will not work (or not as it should) until it is fixed.</summary>
    [JsonIgnore]
    public bool HasProblems => Summary.Problems > 0;

    public static DoctorReport From(string? config, bool root, ImmutableArray<DoctorFinding> findings) =>
        new(CurrentVersion, config, root, DoctorSummary.Of(findings), findings);
}
