using System.Text.RegularExpressions;

namespace Causeway.Lab;

/// <summary>
/// Which lab world: its name (uno), the prefix of its namespaces (cw-) and the root of its files
/// (/run/causeway-lab). Tests run their own worlds side by side with a unique prefix.
/// </summary>
public sealed partial record LabWorld(string Name, string Prefix, string Root)
{
    public static readonly LabWorld Default = new(LabPaths.DefaultWorld, LabPaths.DefaultPrefix, LabPaths.DefaultRoot);

    /// <summary>e.g. /run/causeway-lab/cw-uno: every file of the world lives here.</summary>
    public string Directory => Path.Combine(Root, Prefix + Name);

    public string StateFilePath => Path.Combine(Directory, LabPaths.StateFileName);

    /// <summary>The namespace of a node, e.g. cw-sbc.</summary>
    public string Namespace(string node) => Prefix + node;

    /// <summary>All problems with the names, or none. Names end up in paths and namespace names: keep them tame.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!WorldNamePattern().IsMatch(Name))
        {
            errors.Add($"world name '{Name}': use lowercase letters and digits (e.g. uno)");
        }

        if (!PrefixPattern().IsMatch(Prefix))
        {
            errors.Add($"prefix '{Prefix}': use 1 to 16 lowercase letters, digits or '-' (e.g. cw-)");
        }

        if (!Path.IsPathFullyQualified(Root) || Root.Contains(' ', StringComparison.Ordinal))
        {
            errors.Add($"root '{Root}': must be an absolute path without spaces (OpenVPN splits script lines on spaces)");
        }

        return errors;
    }

    [GeneratedRegex("^[a-z][a-z0-9]{0,15}$")]
    private static partial Regex WorldNamePattern();

    [GeneratedRegex("^[a-z0-9-]{1,16}$")]
    private static partial Regex PrefixPattern();
}
