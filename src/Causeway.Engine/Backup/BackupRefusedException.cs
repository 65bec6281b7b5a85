namespace Causeway.Engine.Backup;

/// <summary>
/// `backup` or `restore` will not go on: every reason, each one line that names the file (or the field of the
/// bundle) and what to do. Nothing was written.
/// </summary>
public sealed class BackupRefusedException(IReadOnlyList<string> lines) : Exception(string.Join('\n', lines))
{
    public IReadOnlyList<string> Lines { get; } = lines;
}
