namespace Causeway.Lab.Machine;

/// <summary>The fields of /proc/&lt;pid&gt;/stat the lab uses.</summary>
/// <param name="State">R, S, D, Z, T...</param>
/// <param name="StartTicks">Field 22: start time in clock ticks after boot; with the pid, it names one process.</param>
public sealed record ProcessStat(int Pid, string Name, char State, int ParentPid, long StartTicks)
{
    /// <summary>Field 6: the session id (the pid of its leader).</summary>
    public int Session { get; init; }

    /// <summary>Parses "pid (comm) S ppid ...": comm may hold spaces and parentheses, so split at the last ')'.</summary>
    public static ProcessStat Parse(string text)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            throw new FormatException($"not a /proc/<pid>/stat line: {text}");
        }

        var pid = int.Parse(text[..open].Trim());
        var name = text[(open + 1)..close];
        var fields = text[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state); field n is fields[n - 3].
        return new ProcessStat(pid, name, fields[0][0], int.Parse(fields[1]), long.Parse(fields[22 - 3])) { Session = int.Parse(fields[6 - 3]) };
    }
}
