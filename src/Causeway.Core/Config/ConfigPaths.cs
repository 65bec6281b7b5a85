namespace Causeway.Core.Config;

/// <summary>
/// Path arithmetic for paths written in the config file: relative ones are relative to the file's directory, so the
/// daemon finds the same files whatever directory it was started from. Pure string work: nothing is looked up.
/// </summary>
internal static class ConfigPaths
{
    /// <summary>
    /// <paramref name="value"/> resolved against the directory of <paramref name="configPath"/>, with "." and ".."
    /// segments and repeated slashes removed. Absolute when the config path is absolute.
    /// </summary>
    public static string Resolve(string configPath, string value)
    {
        if (value.StartsWith('/'))
        {
            return Normalize(value);
        }

        var directory = Path.GetDirectoryName(configPath) ?? string.Empty;
        return Normalize(directory.Length == 0 ? value : $"{directory}/{value}");
    }

    public static string Normalize(string path)
    {
        var rooted = path.StartsWith('/');
        var segments = new List<string>();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[^1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            if (segment == ".." && rooted)
            {
                continue; // "/.." is "/"
            }

            segments.Add(segment);
        }

        var joined = string.Join('/', segments);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }
}
