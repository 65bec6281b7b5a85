namespace Causeway.Core.Doctor.Checks;

/// <summary>
/// `program.ip`, `program.nft`, `program.openvpn`, `program.conntrack`, `program.setpriv`: each is installed in a
/// fixed system directory, root's alone (Causeway runs it as root, never through $PATH), new enough, and ip prints JSON.
/// </summary>
public static class ProgramCheck
{
    public static DoctorFinding Evaluate(ProgramRequirement requirement, ProgramFacts? facts)
    {
        var id = DoctorPrograms.FindingId(requirement.Name);
        var minimum = requirement.Minimum is { } least ? $" {Format(least)} or newer" : string.Empty;
        var json = requirement == DoctorPrograms.Ip ? ", printing JSON" : string.Empty;
        var check = $"`{requirement.Name}`{minimum}{json}, in /usr/sbin, /usr/bin, /sbin or /bin and root's alone: {requirement.Why}";
        if (facts is null)
        {
            return DoctorFinding.Unchecked(id, check, $"{requirement.Name} was not looked for");
        }

        if (facts.Path is not { } path)
        {
            var missing = facts.ResolveProblem?.Contains("is not installed", StringComparison.Ordinal) ?? true;
            return DoctorFinding.Problem(id, check,
                facts.ResolveProblem ?? $"`{requirement.Name}` was not found",
                missing ? $"apt-get install {requirement.Package}" : $"make it root's alone: chown root:root {FileOf(facts)} && chmod go-w {FileOf(facts)} (or reinstall {requirement.Package})");
        }

        if (facts.JsonProblem is { } jsonProblem)
        {
            return DoctorFinding.Problem(id, check,
                $"{path}: {jsonProblem}",
                $"install an iproute2 that prints JSON for `ip -json rule list` (Debian 11 or newer): apt-get install {requirement.Package}");
        }

        var said = FirstLine(facts.VersionOutput);
        if (requirement.VersionPattern is null)
        {
            return DoctorFinding.Ok(id, check, path);
        }

        if (requirement.VersionIn(facts.VersionOutput ?? string.Empty) is not { } version)
        {
            return requirement.Minimum is null
                ? DoctorFinding.Ok(id, check, $"{path} (its version, \"{said}\", is not one doctor reads)")
                : DoctorFinding.Warning(id, check,
                    $"{path}: could not read its version from `{requirement.Name} {string.Join(' ', requirement.VersionArguments)}` (\"{said}\")",
                    $"check that it is {requirement.Package}{minimum}: {requirement.Name} {string.Join(' ', requirement.VersionArguments)}");
        }

        if (requirement.Minimum is { } needed && version < needed)
        {
            return DoctorFinding.Problem(id, check,
                $"{path} is version {Format(version)}, older than {Format(needed)}",
                $"upgrade {requirement.Package} to {Format(needed)} or newer (Debian 12 has it: apt-get install {requirement.Package}; on older releases, from backports)");
        }

        return DoctorFinding.Ok(id, check, $"{path}, version {Format(version)}");
    }

    private static string Format(Version version) => version.Build > 0 ? version.ToString(3) : version.ToString(2);

    private static string FirstLine(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;

    /// <summary>The file named in a "refusing to run PATH: …" message, else the program's usual place.</summary>
    private static string FileOf(ProgramFacts facts)
    {
        const string refusing = "refusing to run ";
        var problem = facts.ResolveProblem ?? string.Empty;
        var start = problem.IndexOf(refusing, StringComparison.Ordinal);
        if (start >= 0)
        {
            var rest = problem[(start + refusing.Length)..];
            var end = rest.IndexOf(':', StringComparison.Ordinal);
            return end > 0 ? rest[..end] : rest;
        }

        return $"/usr/sbin/{facts.Name}";
    }
}
