namespace Causeway.Engine.Seams;

/// <summary>
/// Files, including /proc/sys (sysctls) and /proc/&lt;pid&gt;. Writes are atomic (temp file + rename) and set the
/// mode before any content is visible, so a key is never readable by others even for a moment.
/// </summary>
public interface IFileSystem
{
    FileFacts Stat(string path);

    string ReadAllText(string path);

    byte[] ReadAllBytes(string path);

    /// <summary>Writes through a temp file in the same directory and renames it over <paramref name="path"/>.</summary>
    void WriteAllTextAtomic(string path, string contents, UnixFileMode mode);

    /// <summary>Writes in place, without temp file (for /proc/sys, where rename is impossible).</summary>
    void WriteInPlace(string path, string contents);

    /// <summary>Creates the directory (and parents) if missing and sets its mode (the last component only).</summary>
    void EnsureDirectory(string path, UnixFileMode mode);

    void DeleteFile(string path);

    /// <summary>Deletes an empty directory (never recursively: Causeway removes only what it made).</summary>
    void DeleteDirectory(string path);

    /// <summary>Names of entries (not full paths) in a directory; empty if it does not exist.</summary>
    IReadOnlyList<string> ListDirectory(string path);

    /// <summary>
    /// An exclusive lock between processes on <paramref name="path"/> (created 0600 if missing; its directory must
    /// exist), held until disposed and dropped by the kernel if the process dies. Waits up to
    /// <paramref name="wait"/>, then throws <see cref="IOException"/>. Not reentrant: take it once, at the outermost
    /// operation. Test doubles that are one process may keep this no-op.
    /// </summary>
    IDisposable LockExclusive(string path, TimeSpan wait) => NoLock.Instance;
}
