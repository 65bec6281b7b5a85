namespace Causeway.Engine.Boot;

/// <summary>
/// A saved kill switch the boot step will not apply: not where or how Causeway writes it (a symlink, not a regular
/// file, someone else's, readable by others, too large), or not what `causeway up` writes. Nothing was changed.
/// </summary>
/// <param name="path">The file (or its directory) refused.</param>
/// <param name="problem">What is wrong with it.</param>
public sealed class BootKillSwitchRefusedException(string path, string problem)
    : IOException($"{path}: {problem}")
{
    /// <summary>What to do about it: the next converged `up` writes the file again; `down` removes it.</summary>
    public const string Fix =
        "nothing was changed on this host; `causeway up` saves the kill switch again once it has converged, and `causeway down` removes the saved one";

    public string Path { get; } = path;

    public string Problem { get; } = problem;
}
