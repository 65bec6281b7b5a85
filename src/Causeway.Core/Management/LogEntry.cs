namespace Causeway.Core.Management;

/// <summary>A log line, live (`>LOG:`) or from `log all` history: `time,flags,text`.</summary>
/// <param name="Flags">Zero or more of I (info), F (fatal), N (non-fatal error), W (warning), D (debug).</param>
public sealed record LogEntry(DateTimeOffset Time, string Flags, string Text)
{
    public bool IsFatal => Flags.Contains('F', StringComparison.Ordinal);

    public bool IsError => Flags.Contains('N', StringComparison.Ordinal) || IsFatal;

    public bool IsWarning => Flags.Contains('W', StringComparison.Ordinal);

    /// <summary>Parses `1795594704,I,Initialization Sequence Completed`; the text may contain commas.</summary>
    public static LogEntry? TryParse(string line)
    {
        var first = line.IndexOf(',', StringComparison.Ordinal);
        if (first < 0 || !UnixTime.TryParse(line.AsSpan(0, first), out var time))
        {
            return null;
        }

        var second = line.IndexOf(',', first + 1);
        return second < 0
            ? new LogEntry(time, string.Empty, line[(first + 1)..])
            : new LogEntry(time, line[(first + 1)..second], line[(second + 1)..]);
    }
}
