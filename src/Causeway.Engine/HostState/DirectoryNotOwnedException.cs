namespace Causeway.Engine.HostState;

/// <summary>A state_dir or run_dir that is not Causeway's to change (see <see cref="OwnedDirectories"/>).</summary>
public sealed class DirectoryNotOwnedException(string directory, string problem, string fix)
    : IOException($"{problem} ({fix})")
{
    public string Directory { get; } = directory;

    public string Problem { get; } = problem;

    public string Fix { get; } = fix;
}
