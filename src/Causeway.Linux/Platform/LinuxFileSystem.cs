using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Causeway.Engine.Seams;

namespace Causeway.Linux.Platform;

/// <summary>The real filesystem, with modes set before content becomes visible.</summary>
public sealed class LinuxFileSystem : IFileSystem
{
    private const int Enoent = 2;
    private const int Enotdir = 20;
    private const int StatxSize = 256;

    public unsafe FileFacts Stat(string path)
    {
        // statx, not stat: its layout is the same on every architecture. .NET has no API for the owner uid.
        var buffer = stackalloc byte[StatxSize];
        if (NativeMethods.Statx(NativeMethods.AtFdCwd, path, 0, NativeMethods.StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is Enoent or Enotdir)
            {
                return FileFacts.Missing;
            }

            throw new IOException($"reading the status of {path}: errno {errno}");
        }

        var span = new ReadOnlySpan<byte>(buffer, StatxSize);
        var uid = BinaryPrimitives.ReadUInt32LittleEndian(span[20..]);
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
        var size = BinaryPrimitives.ReadInt64LittleEndian(span[40..]);
        const int typeMask = 0xF000;
        const int directoryType = 0x4000;
        return new FileFacts(
            Exists: true,
            IsDirectory: (mode & typeMask) == directoryType,
            Mode: (UnixFileMode)(mode & 0xFFF),
            OwnerUid: (int)uid,
            Length: size);
    }

    public string ReadAllText(string path) => File.ReadAllText(path);

    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

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
}
