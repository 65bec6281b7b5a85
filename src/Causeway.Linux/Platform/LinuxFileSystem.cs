using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Causeway.Engine.Seams;
using Microsoft.Win32.SafeHandles;

namespace Causeway.Linux.Platform;

/// <summary>The real filesystem, with modes set before content becomes visible.</summary>
public sealed class LinuxFileSystem : IFileSystem
{
    private const int Enoent = 2;
    private const int Enotdir = 20;
    private const int StatxSize = 256;

    private const int Eacces = 13;
    private const int Eperm = 1;
    private const int Eloop = 40;
    private const int Erofs = 30;
    private const int Ewouldblock = 11;

    public FileFacts Stat(string path) => StatAt(NativeMethods.AtFdCwd, path, 0) ?? FileFacts.Missing;

    public FileFacts StatNoFollow(string path) => StatAt(NativeMethods.AtFdCwd, path, NativeMethods.AtSymlinkNoFollow) ?? FileFacts.Missing;

    public string ReadAllText(string path) => File.ReadAllText(path);

    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

    public byte[] ReadInputFile(string path, long maxBytes)
    {
        // Checked before opening, so that a FIFO is never opened and a device never read; checked again on the open
        // descriptor, so that swapping the path in between gains nothing.
        var linkTarget = LinkTargetOf(path);
        var facts = Stat(path);
        if (!facts.Exists)
        {
            throw linkTarget is null
                ? new FileNotFoundException($"Could not find file '{path}'.", path)
                : new FileNotFoundException($"'{path}' is a symlink to {linkTarget}, which does not exist.", path);
        }

        if (InputFileRefusedException.ProblemOf(facts, maxBytes) is { } problem)
        {
            throw new InputFileRefusedException(path, problem, linkTarget);
        }

        // O_NONBLOCK: should the path have become a FIFO, open returns at once instead of waiting for a writer.
        var fd = NativeMethods.Open(path, NativeMethods.OpenReadOnly | NativeMethods.OpenNonBlocking
            | NativeMethods.OpenNoControllingTerminal | NativeMethods.OpenCloseOnExec);
        if (fd < 0)
        {
            throw OpenFailure(path, Marshal.GetLastPInvokeError());
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        var opened = StatAt(fd, string.Empty, NativeMethods.AtEmptyPath)
            ?? throw new IOException($"reading the status of {path} once opened failed");
        if (InputFileRefusedException.ProblemOf(opened, maxBytes) is { } openedProblem)
        {
            throw new InputFileRefusedException(path, openedProblem, linkTarget);
        }

        // Never more than maxBytes + 1 bytes, whatever the file does meanwhile: one byte more says "too large".
        var buffer = new byte[Math.Min(opened.Length, maxBytes) + 1];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (buffer.Length > maxBytes)
                {
                    throw new InputFileRefusedException(path, InputFileRefusedException.TooLarge(maxBytes), linkTarget);
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
            }

            var read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
            if (read == 0)
            {
                return buffer[..total];
            }

            total += read;
        }
    }

    public void WriteAllTextAtomic(string path, string contents, UnixFileMode mode)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = mode,
        };
        Writing(directory, () =>
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(contents);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            // UnixCreateMode is filtered by the umask; set it exactly.
            File.SetUnixFileMode(temp, mode);
            File.Move(temp, path, overwrite: true);
        });
    }

    public void WriteInPlace(string path, string contents) => Writing(DirectoryOf(path), () => File.WriteAllText(path, contents));

    public void EnsureDirectory(string path, UnixFileMode mode) => Writing(Directory.Exists(path) ? path : DirectoryOf(path), () =>
    {
        Directory.CreateDirectory(path, mode);

        // Only when it differs: an existing directory on a read-only mount, already right, is fine as it is.
        if (File.GetUnixFileMode(path) != mode)
        {
            File.SetUnixFileMode(path, mode);
        }
    });

    public void DeleteFile(string path) => Writing(DirectoryOf(path), () => File.Delete(path));

    public void SetMode(string path, UnixFileMode mode) => Writing(DirectoryOf(path), () => File.SetUnixFileMode(path, mode));

    public void SetGroup(string path, int groupId)
    {
        if (NativeMethods.Chown(path, -1, groupId) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"giving {path} to group {groupId}: {NativeMethods.Describe(errno)}");
        }
    }

    public void DeleteDirectory(string path) => Writing(DirectoryOf(path), () => Directory.Delete(path, recursive: false));

    public IDisposable LockExclusive(string path, TimeSpan wait)
    {
        // open + flock(LOCK_EX | LOCK_NB) by hand, so that the two failures are told apart: a directory that cannot
        // be written fails the open at once (EROFS, EACCES), and only a lock another process holds is waited for.
        var fd = NativeMethods.OpenCreating(path, NativeMethods.OpenReadWrite | NativeMethods.OpenCreate | NativeMethods.OpenCloseOnExec,
            Convert.ToUInt32("600", 8));
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                Erofs => new DirectoryNotWritableException(DirectoryOf(path), DirectoryNotWritableException.ReadOnlyFileSystem),
                Eacces or Eperm => new DirectoryNotWritableException(DirectoryOf(path), DirectoryNotWritableException.PermissionDenied),
                Enoent or Enotdir => new DirectoryNotFoundException($"taking the lock {path}: {DirectoryOf(path)} does not exist"),
                _ => new IOException($"taking the lock {path}: {NativeMethods.Describe(errno)}"),
            };
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var deadline = Environment.TickCount64 + (long)wait.TotalMilliseconds;
        while (true)
        {
            if (NativeMethods.Flock(fd, NativeMethods.LockExclusive | NativeMethods.LockNonBlocking) == 0)
            {
                return handle;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != Ewouldblock)
            {
                handle.Dispose();
                throw new IOException($"taking the lock {path}: {NativeMethods.Describe(errno)}");
            }

            if (Environment.TickCount64 >= deadline)
            {
                handle.Dispose();
                throw new LockHeldException($"taking the lock {path}: another causeway process has held it for {wait.TotalSeconds:0} s; try again when it is done");
            }

            // Locks are held for milliseconds (a certificate, a CRL, a registry write).
            Thread.Sleep(20);
        }
    }

    private static string DirectoryOf(string path) => Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";

    /// <summary>
    /// A write, with a failure that comes from the directory itself (read-only mount, no permission) said as such,
    /// once access(2) confirms it, rather than as the system's message about one file.
    /// </summary>
    private static void Writing(string directory, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not DirectoryNotFoundException and not FileNotFoundException)
        {
            if (NativeMethods.Access(directory, NativeMethods.WriteOk) == 0)
            {
                throw;
            }

            switch (Marshal.GetLastPInvokeError())
            {
                case Erofs:
                    throw new DirectoryNotWritableException(directory, DirectoryNotWritableException.ReadOnlyFileSystem, e);
                case Eacces or Eperm:
                    throw new DirectoryNotWritableException(directory, DirectoryNotWritableException.PermissionDenied, e);
                default:
                    throw;
            }
        }
    }

    public string RealPath(string path)
    {
        var resolved = NativeMethods.RealPath(path, 0);
        if (resolved == 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is Enoent or Enotdir
                ? path
                : throw new IOException($"resolving {path}: {NativeMethods.Describe(errno)}");
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved) ?? path;
        }
        finally
        {
            NativeMethods.Free(resolved);
        }
    }

    public IReadOnlyList<string> ListDirectory(string path) =>
        Directory.Exists(path)
            ? [.. Directory.EnumerateFileSystemEntries(path).Select(p => Path.GetFileName(p))]
            : [];


    /// <summary>
    /// statx, not stat: its layout is the same on every architecture. .NET has no API for the owner uid. Offsets:
    /// stx_uid 20, stx_mode 28, stx_size 40, stx_rdev_major 128, stx_rdev_minor 132 (include/uapi/linux/stat.h).
    /// </summary>
    /// <returns>null when the path does not exist.</returns>
    private static unsafe FileFacts? StatAt(int directoryFd, string path, int flags)
    {
        var buffer = stackalloc byte[StatxSize];
        if (NativeMethods.Statx(directoryFd, path, flags, NativeMethods.StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is Enoent or Enotdir)
            {
                return null;
            }

            throw new IOException($"reading the status of {path}: {NativeMethods.Describe(errno)}");
        }

        var span = new ReadOnlySpan<byte>(buffer, StatxSize);
        var uid = BinaryPrimitives.ReadUInt32LittleEndian(span[20..]);
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
        var size = BinaryPrimitives.ReadInt64LittleEndian(span[40..]);
        var deviceMajor = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[128..]);
        var deviceMinor = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[132..]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            0xA000 => FileKind.Symlink,
            _ => FileKind.Other,
        };
        return new FileFacts(
            Exists: true,
            IsDirectory: kind == FileKind.Directory,
            Mode: (UnixFileMode)(mode & 0xFFF),
            OwnerUid: (int)uid,
            Length: size)
        {
            Kind = kind,
            DeviceMajor = kind is FileKind.CharacterDevice or FileKind.BlockDevice ? deviceMajor : null,
            DeviceMinor = kind is FileKind.CharacterDevice or FileKind.BlockDevice ? deviceMinor : null,
        };
    }

    /// <summary>Where a symlink finally points (for messages); null when the path is not a symlink.</summary>
    private static string? LinkTargetOf(string path)
    {
        var facts = StatAt(NativeMethods.AtFdCwd, path, NativeMethods.AtSymlinkNoFollow);
        if (facts is not { Kind: FileKind.Symlink })
        {
            return null;
        }

        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName;
        }
        catch (IOException)
        {
            // A loop or a target that vanished: say what the link itself holds.
            return new FileInfo(path).LinkTarget;
        }
    }

    private static Exception OpenFailure(string path, int errno) => errno switch
    {
        Enoent or Enotdir => new FileNotFoundException($"Could not find file '{path}'.", path),
        Eacces or Eperm => new UnauthorizedAccessException($"Access to the path '{path}' is denied."),
        Eloop => new IOException($"{path}: too many levels of symlinks"),
        _ => new IOException($"opening {path}: {NativeMethods.Describe(errno)}"),
    };
}
