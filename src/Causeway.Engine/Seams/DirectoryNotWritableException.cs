namespace Causeway.Engine.Seams;

/// <summary>
/// A write into <see cref="Directory"/> failed because the directory cannot be written at all — a read-only file
/// system (EROFS) or a directory this process may not write (EACCES) — not because of anything another process
/// holds: retrying cannot help, and the message says so at once.
/// </summary>
public sealed class DirectoryNotWritableException(string directory, string reason, Exception? inner = null)
    : IOException($"{directory} {reason}: nothing can be written there (make it writable, or point the config at a writable directory)", inner)
{
    public const string ReadOnlyFileSystem = "is on a read-only file system";

    public const string PermissionDenied = "is not writable by this process (permission denied)";

    public string Directory { get; } = directory;

    public string Reason { get; } = reason;
}
