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

    public FileFacts Stat(string path) => StatAt(NativeMethods.AtFdCwd, path, 0) ?? FileFacts.Missing;

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
    }

    public void WriteInPlace(string path, string contents) => File.WriteAllText(path, contents);

    public void EnsureDirectory(string path, UnixFileMode mode)
    {
        Directory.CreateDirectory(path, mode);
        File.SetUnixFileMode(path, mode);
    }

    public void DeleteFile(string path) => File.Delete(path);

    public void DeleteDirectory(string path) => Directory.Delete(path, recursive: false);

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

    public IDisposable LockExclusive(string path, TimeSpan wait)
    {
        // FileShare.None is flock(LOCK_EX | LOCK_NB) on Linux: it fails at once while another descriptor holds it, so
        // waiting is a retry. Locks are held for milliseconds (a certificate, a CRL, a registry write).
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        var deadline = Environment.TickCount64 + (long)wait.TotalMilliseconds;
        while (true)
        {
            try
            {
                return new FileStream(path, options);
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                Thread.Sleep(20);
            }
            catch (IOException e)
            {
                throw new IOException($"taking the lock {path}: another causeway process has held it for {wait.TotalSeconds:0} s ({e.Message}); try again when it is done", e);
            }
        }
    }

    /// <summary>statx, not stat: its layout is the same on every architecture. .NET has no API for the owner uid.</summary>
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
            Length: size) { Kind = kind };
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
