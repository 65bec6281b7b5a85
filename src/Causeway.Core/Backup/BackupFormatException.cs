namespace Causeway.Core.Backup;

/// <summary>A bundle that is not a backup this causeway restores: every problem found, each with what to do.</summary>
public sealed class BackupFormatException(IReadOnlyList<BackupProblem> problems)
    : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<BackupProblem> Problems { get; } = problems;
}
