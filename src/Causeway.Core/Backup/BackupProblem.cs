namespace Causeway.Core.Backup;

/// <summary>One reason a backup cannot be restored (or written): where in it, what is wrong, and what to do.</summary>
/// <param name="Where">The field or file it concerns, e.g. `files[3] (access "ca.key")`, or `version`.</param>
/// <param name="Message">What is wrong, then after a colon what to do.</param>
public sealed record BackupProblem(string Where, string Message)
{
    public override string ToString() => $"{Where}: {Message}";
}
