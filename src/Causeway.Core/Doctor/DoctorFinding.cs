namespace Causeway.Core.Doctor;

/// <summary>One finding of `causeway doctor`.</summary>
/// <param name="Id">Stable, for scripts: one of <see cref="DoctorFindingIds"/>.</param>
/// <param name="Checked">What was looked at, e.g. "/dev/net/tun is the tun character device (10,200)".</param>
/// <param name="Seen">What was found, in words a person acts on.</param>
/// <param name="Fix">The exact command or config change; null when there is nothing to do.</param>
public sealed record DoctorFinding(string Id, DoctorSeverity Severity, string Checked, string Seen, string? Fix = null)
{
    public static DoctorFinding Ok(string id, string check, string seen) => new(id, DoctorSeverity.Ok, check, seen);

    public static DoctorFinding Warning(string id, string check, string seen, string fix) => new(id, DoctorSeverity.Warning, check, seen, fix);

    public static DoctorFinding Problem(string id, string check, string seen, string fix) => new(id, DoctorSeverity.Problem, check, seen, fix);

    /// <param name="fix">What would let it be checked (e.g. "sudo causeway doctor"), if anything.</param>
    public static DoctorFinding Unchecked(string id, string check, string why, string? fix = null) => new(id, DoctorSeverity.Unchecked, check, why, fix);
}
