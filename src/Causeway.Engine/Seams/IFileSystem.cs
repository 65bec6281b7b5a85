namespace Causeway.Engine.Seams;

/// <summary>
/// Files, including /proc/sys (sysctls) and /proc/&lt;pid&gt;. Writes are atomic (temp file + rename) and set the
/// mode before any content is visible, so a key is never readable by others even for a moment. A write into a
/// directory that cannot be written at all (read-only file system, permission) throws
/// <see cref="DirectoryNotWritableException"/>.
/// </summary>
public interface IFileSystem
{
    FileFacts Stat(string path);

    /// <summary>
    /// What the path itself is, a symlink not followed (lstat(2)): <see cref="FileKind.Symlink"/> for a link, even
    /// one that points nowhere. For a path that must not be a link, such as a file `causeway restore` replaces.
    /// Test doubles without symlinks keep the default.
    /// </summary>
    FileFacts StatNoFollow(string path) => Stat(path);

    string ReadAllText(string path);

    byte[] ReadAllBytes(string path);

    /// <summary>
    /// Reads a file Causeway was given rather than one it wrote (the config, the provider profile, the files they
    /// name): only a regular file (a symlink is followed, and what it points to is checked), of at most
    /// <paramref name="maxBytes"/>. It never blocks (a FIFO is refused, not opened for a writer to come) and never
    /// reads more than <paramref name="maxBytes"/> + 1 bytes (a device like /dev/zero is refused; a file that grows
    /// while read stops there).
    /// </summary>
    /// <exception cref="InputFileRefusedException">Not a regular file, or too large.</exception>
    /// <exception cref="FileNotFoundException">Missing (or <see cref="DirectoryNotFoundException"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">Not readable by this process.</exception>
    byte[] ReadInputFile(string path, long maxBytes)
    {
        // For test doubles, which hold their files in memory (a FIFO there is only a FileFacts.Kind): check, then read.
        var facts = Stat(path);
        if (!facts.Exists)
        {
            throw new FileNotFoundException($"Could not find file '{path}'.", path);
        }

        if (InputFileRefusedException.ProblemOf(facts, maxBytes) is { } problem)
        {
            throw new InputFileRefusedException(path, problem, linkTarget: null);
        }

        var bytes = ReadAllBytes(path);
        return bytes.Length <= maxBytes
            ? bytes
            : throw new InputFileRefusedException(path, InputFileRefusedException.TooLarge(maxBytes), linkTarget: null);
    }

    /// <summary>Writes through a temp file in the same directory and renames it over <paramref name="path"/>.</summary>
    void WriteAllTextAtomic(string path, string contents, UnixFileMode mode);

    /// <summary>Writes in place, without temp file (for /proc/sys, where rename is impossible).</summary>
    void WriteInPlace(string path, string contents);

    /// <summary>Creates the directory (and parents) if missing and sets its mode (the last component only).</summary>
    void EnsureDirectory(string path, UnixFileMode mode);

    void DeleteFile(string path);

    /// <summary>
    /// Sets the mode of an existing file made by someone else (a unix socket Kestrel has just bound), exactly: not
    /// filtered by the umask. Files Causeway writes itself get theirs in <see cref="WriteAllTextAtomic"/>.
    /// </summary>
    /// <remarks>Test doubles that keep no modes need not implement it (only the daemon's socket files use it).</remarks>
    void SetMode(string path, UnixFileMode mode) =>
        throw new NotSupportedException($"setting the mode of {path}: this file system keeps no modes");

    /// <summary>
    /// Gives an existing file made by someone else (a unix socket Kestrel has just bound) to group
    /// <paramref name="groupId"/>, its owner unchanged (chown(2) with uid -1).
    /// </summary>
    /// <remarks>Test doubles that keep no groups need not implement it (only the daemon's status socket uses it).</remarks>
    void SetGroup(string path, int groupId) =>
        throw new NotSupportedException($"setting the group of {path}: this file system keeps no groups");

    /// <summary>Deletes an empty directory (never recursively: Causeway removes only what it made).</summary>
    void DeleteDirectory(string path);

    /// <summary>
    /// Where an existing path really is, every symlink on the way resolved (realpath(3)); the path itself when it
    /// does not exist. Test doubles without symlinks keep the default.
    /// </summary>
    string RealPath(string path) => path;

    /// <summary>Names of entries (not full paths) in a directory; empty if it does not exist.</summary>
    IReadOnlyList<string> ListDirectory(string path);

    /// <summary>
    /// An exclusive lock between processes on <paramref name="path"/> (created 0600 if missing; its directory must
    /// exist), held until disposed and dropped by the kernel if the process dies. Waits up to
    /// <paramref name="wait"/> while another process holds it, then throws <see cref="LockHeldException"/>; a
    /// directory that cannot be written (read-only file system, permission) is
    /// <see cref="DirectoryNotWritableException"/> at once, never a wait. Not reentrant: take it once, at the
    /// outermost operation. Test doubles that are one process may keep this no-op.
    /// </summary>
    IDisposable LockExclusive(string path, TimeSpan wait) => NoLock.Instance;
}
