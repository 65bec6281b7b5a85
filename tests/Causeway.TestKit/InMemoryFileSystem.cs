using System.Text;
using Causeway.Engine.Seams;

namespace Causeway.TestKit;

/// <summary>
/// An in-memory <see cref="IFileSystem"/> with modes and owners, for tests of anything that goes through the seam.
/// Set up with <see cref="AddFile(string, string, UnixFileMode, int)"/>, <see cref="AddDirectory"/> and
/// <see cref="DenyRead"/>; inspect with <see cref="ContentOf"/>, <see cref="Stat"/> and <see cref="Writes"/>.
/// It fails the way the real one does: reading a missing file throws <see cref="FileNotFoundException"/>, reading a
/// directory or a denied file <see cref="UnauthorizedAccessException"/>, writing into a missing directory
/// <see cref="DirectoryNotFoundException"/>. Failures can be injected per path (<see cref="DenyRead"/>,
/// <see cref="DenyWrite"/>, <see cref="FailReads"/>, <see cref="FailWrites"/>, <see cref="MakeReadOnly"/>). Symlinks
/// (<see cref="AddSymlink"/>) are followed by <see cref="Stat"/>, reads and <see cref="RealPath"/>, not by
/// <see cref="StatNoFollow"/>. Thread-safe.
/// </summary>
public sealed class InMemoryFileSystem : IFileSystem
{
    public const UnixFileMode DefaultFileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public const UnixFileMode DefaultDirectoryMode = DefaultFileMode
        | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FileFacts> _facts = new(StringComparer.Ordinal) { ["/"] = Directory(DefaultDirectoryMode, 0) };
    private readonly Dictionary<string, byte[]> _contents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _readOnly = new(StringComparer.Ordinal);
    private readonly HashSet<string> _heldByOthers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exception> _readFailures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exception> _writeFailures = new(StringComparer.Ordinal);
    private readonly List<FileSystemWrite> _writes = [];
    private readonly Dictionary<string, int> _groups = new(StringComparer.Ordinal);

    /// <summary>The uid that owns files and directories created through the seam (root, like the daemon).</summary>
    public int CurrentUid { get; set; }

    /// <summary>Every write through the seam, in order (setup with AddFile is not included).</summary>
    public IReadOnlyList<FileSystemWrite> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>Adds (or replaces) a file, creating missing parent directories (0755, root).</summary>
    public InMemoryFileSystem AddFile(string path, string contents, UnixFileMode mode = DefaultFileMode, int ownerUid = 0) =>
        AddFile(path, Encoding.UTF8.GetBytes(contents), mode, ownerUid);

    public InMemoryFileSystem AddFile(string path, byte[] contents, UnixFileMode mode = DefaultFileMode, int ownerUid = 0)
    {
        path = Normalize(path);
        lock (_gate)
        {
            CreateParents(path, DefaultDirectoryMode, 0);
            SetFile(path, contents, mode, ownerUid);
        }

        return this;
    }

    /// <summary>Adds a directory and any missing parents.</summary>
    public InMemoryFileSystem AddDirectory(string path, UnixFileMode mode = DefaultDirectoryMode, int ownerUid = 0)
    {
        path = Normalize(path);
        lock (_gate)
        {
            CreateParents(path, DefaultDirectoryMode, 0);
            _facts[path] = Directory(mode, ownerUid);
        }

        return this;
    }

    /// <summary>
    /// Adds a FIFO, a device or a socket: <see cref="Stat"/> says so, and reading it fails the test (a FIFO would block
    /// and /dev/zero never end), so only a reader that checks before it reads passes.
    /// </summary>
    public InMemoryFileSystem AddSpecial(string path, FileKind kind, UnixFileMode mode = DefaultFileMode, int ownerUid = 0) =>
        AddSpecial(path, kind, null, null, mode, ownerUid);

    /// <summary>A device with its major and minor numbers (e.g. /dev/net/tun, character device 10,200).</summary>
    public InMemoryFileSystem AddSpecial(string path, FileKind kind, int? major, int? minor, UnixFileMode mode = DefaultFileMode, int ownerUid = 0)
    {
        path = Normalize(path);
        lock (_gate)
        {
            CreateParents(path, DefaultDirectoryMode, 0);
            _facts[path] = new FileFacts(Exists: true, IsDirectory: false, mode, ownerUid, 0) { Kind = kind, DeviceMajor = major, DeviceMinor = minor };
            _contents.Remove(path);
        }

        return this;
    }

    /// <summary>
    /// Adds a symlink at <paramref name="path"/> to <paramref name="target"/> (absolute, or relative to the link's
    /// directory; it need not exist). Only the last component of a path is ever a link here. Writing or deleting the
    /// path replaces or removes the link itself, as rename(2) and unlink(2) do.
    /// </summary>
    public InMemoryFileSystem AddSymlink(string path, string target)
    {
        path = Normalize(path);
        lock (_gate)
        {
            CreateParents(path, DefaultDirectoryMode, 0);
            _contents.Remove(path);
            _facts[path] = new FileFacts(Exists: true, IsDirectory: false, (UnixFileMode)0x1FF, 0, target.Length) { Kind = FileKind.Symlink };
            _links[path] = target;
        }

        return this;
    }

    /// <summary>Reading this path throws <see cref="UnauthorizedAccessException"/> (EACCES), whatever its mode says.</summary>
    public InMemoryFileSystem DenyRead(string path)
    {
        lock (_gate)
        {
            _unreadable.Add(Normalize(path));
        }

        return this;
    }

    /// <summary>Writing or deleting this path throws <see cref="UnauthorizedAccessException"/> (EACCES), as for a user who is not root.</summary>
    public InMemoryFileSystem DenyWrite(string path) =>
        FailWrites(path, new UnauthorizedAccessException($"Access to the path '{Normalize(path)}' is denied."));

    /// <summary>Reading this path throws <paramref name="failure"/> (an I/O error, a file that vanishes).</summary>
    public InMemoryFileSystem FailReads(string path, Exception failure)
    {
        lock (_gate)
        {
            _readFailures[Normalize(path)] = failure;
        }

        return this;
    }

    /// <summary>Writing, creating or deleting this path throws <paramref name="failure"/> (a full disk, EACCES).</summary>
    public InMemoryFileSystem FailWrites(string path, Exception failure)
    {
        lock (_gate)
        {
            _writeFailures[Normalize(path)] = failure;
        }

        return this;
    }

    /// <summary>
    /// Puts a directory on a read-only mount: every write, creation, deletion or lock at or under it throws
    /// <see cref="DirectoryNotWritableException"/> (EROFS), as the real one does.
    /// </summary>
    public InMemoryFileSystem MakeReadOnly(string directory)
    {
        lock (_gate)
        {
            _readOnly.Add(Normalize(directory));
        }

        return this;
    }

    /// <summary>
    /// Another process holds the lock on <paramref name="path"/> (and so its file exists) until <see cref="ReleaseLock"/>:
    /// <see cref="LockExclusive"/> throws <see cref="LockHeldException"/>, as the real one does once its wait is over.
    /// </summary>
    public InMemoryFileSystem HoldLock(string path)
    {
        path = Normalize(path);
        lock (_gate)
        {
            if (!_facts.ContainsKey(path))
            {
                CreateParents(path, DefaultDirectoryMode, 0);
                SetFile(path, [], UnixFileMode.UserRead | UnixFileMode.UserWrite, 0);
            }

            _heldByOthers.Add(path);
        }

        return this;
    }

    /// <summary>The other process let go of the lock (or died).</summary>
    public InMemoryFileSystem ReleaseLock(string path)
    {
        lock (_gate)
        {
            _heldByOthers.Remove(Normalize(path));
        }

        return this;
    }

    /// <summary>Removes a file or a directory and everything under it.</summary>
    public InMemoryFileSystem Remove(string path)
    {
        path = Normalize(path);
        lock (_gate)
        {
            foreach (var existing in _facts.Keys.Where(p => p == path || p.StartsWith(path + "/", StringComparison.Ordinal)).ToList())
            {
                _facts.Remove(existing);
                _contents.Remove(existing);
                _links.Remove(existing);
            }
        }

        return this;
    }

    /// <summary>The text of a file, or null if there is no such file.</summary>
    public string? ContentOf(string path)
    {
        lock (_gate)
        {
            return _contents.TryGetValue(Normalize(path), out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
        }
    }

    public FileFacts Stat(string path)
    {
        lock (_gate)
        {
            return _facts.TryGetValue(Resolve(Normalize(path)), out var facts) && facts.Kind != FileKind.Symlink ? facts : FileFacts.Missing;
        }
    }

    public FileFacts StatNoFollow(string path)
    {
        lock (_gate)
        {
            return _facts.TryGetValue(Normalize(path), out var facts) ? facts : FileFacts.Missing;
        }
    }

    public string RealPath(string path)
    {
        lock (_gate)
        {
            var resolved = Resolve(Normalize(path));
            return _facts.ContainsKey(resolved) ? resolved : path;
        }
    }

    public string ReadAllText(string path) => Encoding.UTF8.GetString(ReadAllBytes(path));

    public byte[] ReadAllBytes(string path)
    {
        path = Normalize(path);
        lock (_gate)
        {
            path = Resolve(path);
            if (_readFailures.TryGetValue(path, out var failure))
            {
                throw failure;
            }

            if (!_facts.TryGetValue(path, out var facts))
            {
                throw new FileNotFoundException($"Could not find file '{path}'.", path);
            }

            if (facts.IsDirectory || _unreadable.Contains(path))
            {
                throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
            }

            if (!facts.IsRegularFile)
            {
                throw new InvalidOperationException($"the test read {path}, {FileFacts.Describe(facts.Kind)}: a real read would block or never end");
            }

            return [.. _contents[path]];
        }
    }

    public void WriteAllTextAtomic(string path, string contents, UnixFileMode mode)
    {
        path = Normalize(path);
        lock (_gate)
        {
            RequireWritable(path);
            RequireParentDirectory(path);
            RequireNotDirectory(path);
            SetFile(path, Encoding.UTF8.GetBytes(contents), mode, CurrentUid);
            _writes.Add(new FileSystemWrite(path, contents, mode, Atomic: true));
        }
    }

    public void WriteInPlace(string path, string contents)
    {
        path = Normalize(path);
        lock (_gate)
        {
            RequireWritable(path);
            RequireParentDirectory(path);
            RequireNotDirectory(path);
            var existing = _facts.GetValueOrDefault(path);
            SetFile(path, Encoding.UTF8.GetBytes(contents), existing?.Mode ?? DefaultFileMode, existing?.OwnerUid ?? CurrentUid);
            _writes.Add(new FileSystemWrite(path, contents, null, Atomic: false));
        }
    }

    public void EnsureDirectory(string path, UnixFileMode mode)
    {
        path = Normalize(path);
        lock (_gate)
        {
            if (_facts.TryGetValue(path, out var existing) && !existing.IsDirectory)
            {
                throw new IOException($"The file '{path}' already exists.");
            }

            if (existing is null || existing.Mode != mode)
            {
                RequireWritable(path);
            }

            CreateParents(path, mode, CurrentUid);
            _facts[path] = Directory(mode, existing?.OwnerUid ?? CurrentUid);
        }
    }

    public void DeleteFile(string path)
    {
        path = Normalize(path);
        lock (_gate)
        {
            RequireWritable(path);
            if (_facts.TryGetValue(path, out var facts))
            {
                if (facts.IsDirectory)
                {
                    throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
                }

                _facts.Remove(path);
                _contents.Remove(path);
                _links.Remove(path);
            }
        }
    }

    public void DeleteDirectory(string path)
    {
        path = Normalize(path);
        lock (_gate)
        {
            RequireWritable(path);
            if (_facts.TryGetValue(path, out var facts))
            {
                if (!facts.IsDirectory || ListDirectory(path).Count > 0)
                {
                    throw new IOException($"Directory not empty or not a directory: '{path}'");
                }

                _facts.Remove(path);
            }
        }
    }

    public IReadOnlyList<string> ListDirectory(string path)
    {
        path = Normalize(path);
        var prefix = path == "/" ? "/" : path + "/";
        lock (_gate)
        {
            return [.. _facts.Keys
                .Where(p => p != path && p.StartsWith(prefix, StringComparison.Ordinal) && !p[prefix.Length..].Contains('/', StringComparison.Ordinal))
                .Select(p => p[prefix.Length..])
                .Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// One process: the lock itself is a no-op unless <see cref="HoldLock"/> said another process holds it; a read-only
    /// directory fails it at once, as open(2) does.
    /// </summary>
    public IDisposable LockExclusive(string path, TimeSpan wait)
    {
        path = Normalize(path);
        lock (_gate)
        {
            RequireWritable(path);
            if (_heldByOthers.Contains(path))
            {
                throw new LockHeldException($"taking the lock {path}: another causeway process has held it for {wait.TotalSeconds:0} s; try again when it is done");
            }
        }

        return NoLock.Instance;
    }

    /// <summary>Sets the mode exactly, as chmod(2) does; a missing path is <see cref="FileNotFoundException"/>.</summary>
    public void SetMode(string path, UnixFileMode mode)
    {
        path = Normalize(path);
        lock (_gate)
        {
            RequireWritable(path);
            if (!_facts.TryGetValue(path, out var facts))
            {
                throw new FileNotFoundException($"Could not find file '{path}'.", path);
            }

            _facts[path] = facts with { Mode = mode };
        }
    }

    /// <summary>The group a file was given through <see cref="SetGroup"/>; null if never.</summary>
    public int? GroupOf(string path)
    {
        lock (_gate)
        {
            return _groups.TryGetValue(Normalize(path), out var group) ? group : null;
        }
    }

    /// <summary>Refuse group changes as chown(2) does for an owner outside the group without CAP_CHOWN (EPERM).</summary>
    public bool RefusesGroupChanges { get; set; }

    /// <summary>Records the group, as chown(2) with uid -1 would set it; a missing path is <see cref="FileNotFoundException"/>.</summary>
    public void SetGroup(string path, int groupId)
    {
        path = Normalize(path);
        lock (_gate)
        {
            RequireWritable(path);
            if (RefusesGroupChanges)
            {
                throw new IOException($"giving {path} to group {groupId}: Operation not permitted");
            }

            if (!_facts.ContainsKey(path))
            {
                throw new FileNotFoundException($"Could not find file '{path}'.", path);
            }

            _groups[path] = groupId;
        }
    }

    private void RequireWritable(string path)
    {
        if (_writeFailures.TryGetValue(path, out var failure))
        {
            throw failure;
        }

        for (var at = path; at is not null; at = Parent(at))
        {
            if (_readOnly.Contains(at))
            {
                var directory = at == path && _facts.TryGetValue(at, out var facts) && facts.IsDirectory ? at : Parent(path) ?? "/";
                throw new DirectoryNotWritableException(directory, DirectoryNotWritableException.ReadOnlyFileSystem);
            }
        }
    }

    private void SetFile(string path, byte[] contents, UnixFileMode mode, int ownerUid)
    {
        _links.Remove(path);
        _facts[path] = new FileFacts(Exists: true, IsDirectory: false, mode, ownerUid, contents.Length);
        _contents[path] = [.. contents];
    }

    private void CreateParents(string path, UnixFileMode mode, int ownerUid)
    {
        for (var parent = Parent(path); parent is not null; parent = Parent(parent))
        {
            if (_facts.TryGetValue(parent, out var facts))
            {
                if (!facts.IsDirectory)
                {
                    throw new IOException($"'{parent}' is a file, not a directory.");
                }

                break;
            }

            _facts[parent] = Directory(mode, ownerUid);
        }
    }

    private void RequireParentDirectory(string path)
    {
        var parent = Parent(path);
        if (parent is not null && !(_facts.TryGetValue(parent, out var facts) && facts.IsDirectory))
        {
            throw new DirectoryNotFoundException($"Could not find a part of the path '{path}'.");
        }
    }

    private void RequireNotDirectory(string path)
    {
        if (_facts.TryGetValue(path, out var facts) && facts.IsDirectory)
        {
            throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
        }
    }

    /// <summary>Where a path leads once the links at its end are followed (40 at most, as Linux allows).</summary>
    private string Resolve(string path)
    {
        for (var hops = 0; hops < 40 && _links.TryGetValue(path, out var target); hops++)
        {
            path = Normalize(target.StartsWith('/') ? target : (Parent(path) ?? "/") + "/" + target);
        }

        return path;
    }

    private static FileFacts Directory(UnixFileMode mode, int ownerUid) => new(Exists: true, IsDirectory: true, mode, ownerUid, 4096);

    private static string? Parent(string path)
    {
        if (path == "/")
        {
            return null;
        }

        var cut = path.LastIndexOf('/');
        return cut switch
        {
            < 0 => null,
            0 => "/",
            _ => path[..cut],
        };
    }

    /// <summary>"/a//b/" and "/a/b" are the same file.</summary>
    private static string Normalize(string path)
    {
        var rooted = path.StartsWith('/');
        var joined = string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        return rooted ? "/" + joined : joined;
    }
}
