namespace Causeway.Core.Backup;

/// <summary>
/// The one rule for a file name in a bundle: a plain name, which `restore` joins to a directory it chose itself.
/// Absolute paths, '/' and '..' are refused outright (a bundle is input from anywhere: it must not be able to name
/// /etc/shadow or ../../root/.ssh), and so are names starting with '.', which are Causeway's own (its directory
/// marker, its temporary files).
/// </summary>
public static class BackupNames
{
    /// <summary>Why <paramref name="name"/> is not a plain file name; null when it is.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "the name is empty: a bundle names each file";
        }

        if (name.Length > BackupLimits.NameMaxLength)
        {
            return $"the name is {name.Length} characters long (at most {BackupLimits.NameMaxLength}): not a file Causeway wrote";
        }

        if (name.StartsWith('/'))
        {
            return "is an absolute path: a bundle names files, never where to write them; refused";
        }

        if (name == ".." || name.StartsWith("../", StringComparison.Ordinal) || name.Contains("/../", StringComparison.Ordinal) || name.EndsWith("/..", StringComparison.Ordinal))
        {
            return "climbs out of its directory with '..': refused";
        }

        if (name.Contains('/'))
        {
            return "holds a '/': only a plain file name is restored, into a directory `restore` chooses; refused";
        }

        if (name.StartsWith('.'))
        {
            return "starts with '.': such names are Causeway's own (its directory marker, its temporary files); refused";
        }

        if (name.Any(char.IsControl))
        {
            return "holds a control character: refused";
        }

        return null;
    }

    /// <summary>A name from a bundle as a message may show it: quoted, control characters replaced, bounded.</summary>
    public static string Shown(string name)
    {
        var printable = string.Concat(name.Take(80).Select(c => char.IsControl(c) ? '?' : c));
        return $"\"{printable}{(name.Length > 80 ? "…" : string.Empty)}\"";
    }
}
