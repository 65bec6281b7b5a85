namespace Causeway.Engine.Seams;

/// <summary>
/// A file Causeway was given to read (the config, the provider profile, a file either names) that it refuses to read:
/// not a regular file (a FIFO would block, a device like /dev/zero never ends), or larger than the bound for its
/// kind. Thrown by <see cref="IFileSystem.ReadInputFile"/> before more than the bound was read.
/// </summary>
/// <param name="path">The path as given.</param>
/// <param name="problem">What is wrong, e.g. "is a FIFO (named pipe), not a regular file".</param>
/// <param name="linkTarget">Where <paramref name="path"/> finally points when it is a symlink; null otherwise.</param>
public sealed class InputFileRefusedException(string path, string problem, string? linkTarget)
    : IOException(Describe(path, problem, linkTarget))
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;

    public string? LinkTarget { get; } = linkTarget;

    /// <summary>The problem of a path whose facts say it is not a regular file, or too large; null if it is fine.</summary>
    public static string? ProblemOf(FileFacts facts, long maxBytes) =>
        !facts.IsRegularFile
            ? $"is {FileFacts.Describe(facts.Kind)}, not a regular file"
            : facts.Length > maxBytes ? TooLarge(maxBytes) : null;

    public static string TooLarge(long maxBytes) => $"is larger than {Size(maxBytes)}, more than this kind of file ever needs";

    /// <summary>1048576 → "1 MiB", 65536 → "64 KiB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1 << 20 when bytes % (1 << 20) == 0 => $"{bytes >> 20} MiB",
        >= 1 << 10 when bytes % (1 << 10) == 0 => $"{bytes >> 10} KiB",
        _ => $"{bytes} bytes",
    };

    private static string Describe(string path, string problem, string? linkTarget) =>
        linkTarget is null ? $"{path} {problem}" : $"{path} (a symlink to {linkTarget}) {problem}";
}
