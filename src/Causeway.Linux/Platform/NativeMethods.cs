using System.Runtime.InteropServices;

namespace Causeway.Linux.Platform;

/// <summary>The few libc calls .NET does not wrap.</summary>
internal static partial class NativeMethods
{
    public const int AtFdCwd = -100;
    public const uint StatxBasicStats = 0x7ff;
    public const int AtSymlinkNoFollow = 0x100;
    public const int AtEmptyPath = 0x1000;

    // open(2) flags: the same numbers in asm-generic (arm64) and x86_64.
    public const int OpenReadOnly = 0;
    public const int OpenNoControllingTerminal = 0x100;
    public const int OpenNonBlocking = 0x800;
    public const int OpenCloseOnExec = 0x80000;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);

    public const int OpenReadWrite = 2;
    public const int OpenCreate = 0x40;
    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;
    public const int WriteOk = 2;

    /// <summary>open(2) with O_CREAT and its mode (the variadic third argument is passed like a fixed one on Linux).</summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OpenCreating(string path, int flags, uint mode);

    /// <summary>chown(2); -1 leaves that id as it is.</summary>
    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chown(string path, int owner, int group);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Access(string path, int mode);

    /// <summary>open(2) without O_CREAT, so the variadic mode is never read.</summary>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    /// <summary>realpath(3) with a NULL buffer: the result is malloc'd, to be given to <see cref="Free"/>.</summary>
    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint RealPath(string path, nint resolved);

    /// <summary>madvise(2)'s MADV_DONTNEED: unmap these pages now (a file's come back from it at the next access). The same number on every architecture.</summary>
    public const int MadviseDontNeed = 4;

    /// <summary>madvise(2)'s MADV_RANDOM: no readahead for faults in this range.</summary>
    public const int MadviseRandom = 1;

    /// <summary>madvise(2)'s MADV_PAGEOUT (Linux 5.4): reclaim these pages now, if no other process maps them.</summary>
    public const int MadvisePageOut = 21;

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    public static partial int Madvise(nint address, nuint length, int advice);

    [LibraryImport("libc", EntryPoint = "free")]
    public static partial void Free(nint pointer);

    [LibraryImport("libc", EntryPoint = "strerror")]
    public static partial nint StrError(int errno);

    /// <summary>The system's sentence for an errno ("Read-only file system"), never a resource key.</summary>
    public static string Describe(int errno) =>
        Marshal.PtrToStringUTF8(StrError(errno)) is { Length: > 0 } text ? text : $"errno {errno}";
}
