using System.Text.RegularExpressions;

namespace Causeway.Core.Doctor;

/// <summary>A program Causeway runs, the Debian package that has it, and the oldest version it works with.</summary>
/// <param name="Minimum">Null when any version does.</param>
/// <param name="VersionPattern">Finds the version in what the program prints about itself (groups 1–3: major, minor, patch).</param>
/// <param name="Why">What Causeway runs it for, for the finding.</param>
public sealed record ProgramRequirement(string Name, string Package, Version? Minimum, Regex? VersionPattern, string[] VersionArguments, string Why)
{
    /// <summary>The version in <paramref name="output"/>, or null when it does not say one Causeway can read.</summary>
    public Version? VersionIn(string output)
    {
        var match = VersionPattern?.Match(output);
        if (match is not { Success: true })
        {
            return null;
        }

        var patch = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new Version(
            int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
            patch);
    }
}
