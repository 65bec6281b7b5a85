namespace Causeway.Cli.Views;

/// <summary>How the views write ages and byte counts for people.</summary>
public static class DisplayFormat
{
    public static string Age(TimeSpan age) => age.TotalSeconds switch
    {
        < 0 => "0s",
        < 90 => $"{age.TotalSeconds:0}s",
        < 5400 => $"{age.TotalMinutes:0}m",
        < 172800 => $"{age.TotalHours:0.#}h",
        _ => $"{age.TotalDays:0.#}d",
    };

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / 1048576.0:0.#} MiB",
        _ => $"{bytes / 1073741824.0:0.##} GiB",
    };
}
