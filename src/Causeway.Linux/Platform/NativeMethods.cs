using System.Runtime.InteropServices;

namespace Causeway.Linux.Platform;

/// <summary>The few libc calls .NET does not wrap.</summary>
internal static partial class NativeMethods
{
    public const int AtFdCwd = -100;
    public const uint StatxBasicStats = 0x7ff;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);
}
