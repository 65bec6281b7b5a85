namespace Causeway.Engine.Seams;

/// <summary>What <see cref="IFileSystem.Stat"/> says of a path.</summary>
/// <param name="OwnerUid">-1 when unknown.</param>
public sealed record FileFacts(bool Exists, bool IsDirectory, UnixFileMode Mode, int OwnerUid, long Length)
{
    public static readonly FileFacts Missing = new(false, false, UnixFileMode.None, -1, 0);

    /// <summary>Readable, writable or executable by group or others.</summary>
    public bool IsAccessibleByOthers =>
        (Mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
               | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0;
}
