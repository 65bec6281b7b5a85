namespace Causeway.TestKit;

/// <summary>One write through <see cref="InMemoryFileSystem"/>, in order, for tests that assert what was written and how.</summary>
/// <param name="Mode">The mode given to an atomic write; null for an in-place write (which keeps the file's mode).</param>
/// <param name="Atomic">Through <c>WriteAllTextAtomic</c> (temp file + rename) rather than <c>WriteInPlace</c>.</param>
public sealed record FileSystemWrite(string Path, string Contents, UnixFileMode? Mode, bool Atomic);
