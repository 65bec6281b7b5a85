namespace Causeway.Core.Doctor;

/// <summary>`KEY=value` and `KEY="value"` lines, as in /etc/ufw/ufw.conf and /etc/default/ufw.</summary>
public static class ShellAssignments
{
    /// <summary>The last value given to <paramref name="key"/> (unquoted), or null.</summary>
    public static string? Value(string text, string key)
    {
        string? value = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || !line.StartsWith(key + "=", StringComparison.Ordinal))
            {
                continue;
            }

            value = line[(key.Length + 1)..].Trim().Trim('"', '\'');
        }

        return value;
    }
}
