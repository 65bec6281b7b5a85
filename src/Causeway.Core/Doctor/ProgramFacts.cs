namespace Causeway.Core.Doctor;

/// <summary>One program Causeway runs (ip, nft, openvpn, conntrack, setpriv), as found in the fixed system directories.</summary>
/// <param name="Package">The Debian package that has it, for the fix.</param>
/// <param name="Path">Where it is; null when it was not found or not accepted.</param>
/// <param name="ResolveProblem">Why it is not usable: missing, or changeable by someone other than root.</param>
/// <param name="VersionOutput">What `--version` (`-V` for ip) printed; null when not run.</param>
/// <param name="JsonProblem">Only for ip: why `ip -json rule list` did not give JSON; null when it did (or was not run).</param>
public sealed record ProgramFacts(string Name, string Package, string? Path, string? ResolveProblem, string? VersionOutput, string? JsonProblem = null)
{
    public static ProgramFacts Missing(string name, string package, string problem) => new(name, package, null, problem, null);
}
