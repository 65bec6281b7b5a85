namespace Causeway.Integration.Tests.Package;

/// <summary>One line of `dpkg-deb -c`: e.g. "-rwxr-xr-x root/root ... ./usr/bin/causeway".</summary>
/// <param name="Mode">As ls prints it, e.g. "-rwxr-xr-x" or "drwxr-xr-x".</param>
/// <param name="Owner">user/group, e.g. "root/root".</param>
/// <param name="Path">Absolute, without the archive's "./" (a directory keeps its trailing '/': "/usr/bin/").</param>
public sealed record DebEntry(string Mode, string Owner, string Path)
{
    /// <summary>Parses a `dpkg-deb -c` line: mode, owner, size, date, time, path (Causeway's paths have no spaces).</summary>
    public static DebEntry Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6 || !fields[5].StartsWith("./", StringComparison.Ordinal))
        {
            throw new FormatException($"not a dpkg-deb -c line (mode owner size date time ./path): \"{line}\"");
        }

        return new DebEntry(fields[0], fields[1], fields[5][1..]);
    }

    public override string ToString() => $"{Mode} {Owner} {Path}";
}
