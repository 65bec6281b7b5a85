namespace Causeway.Engine.Seams;

/// <summary>What <see cref="IFileSystem.Stat"/> says of a path.</summary>
/// <param name="OwnerUid">-1 when unknown.</param>
public sealed record FileFacts(bool Exists, bool IsDirectory, UnixFileMode Mode, int OwnerUid, long Length)
{
    public static readonly FileFacts Missing = new(false, false, UnixFileMode.None, -1, 0);

    private readonly FileKind? _kind;

    /// <summary>
    /// The kind of object. Unless set, a regular file or a directory (as <see cref="IsDirectory"/> says): test doubles
    /// that only know files and directories need not set it; the real file system sets it for FIFOs, devices, sockets.
    /// </summary>
    public FileKind Kind
    {
        get => _kind ?? (!Exists ? FileKind.Missing : IsDirectory ? FileKind.Directory : FileKind.Regular);
        init => _kind = value;
    }

    /// <summary>The device's major number, for a character or block device (null otherwise, or when unknown).</summary>
    public int? DeviceMajor { get; init; }

    /// <summary>The device's minor number, for a character or block device (null otherwise, or when unknown).</summary>
    public int? DeviceMinor { get; init; }

    public bool IsRegularFile => Kind == FileKind.Regular;

    /// <summary>Readable, writable or executable by group or others.</summary>
    public bool IsAccessibleByOthers =>
        (Mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
               | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0;

    /// <summary>"a FIFO (named pipe)", "a character device" …: for messages that say why a path is refused.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Symlink => "a symlink",
        _ => "not a regular file",
    };
}
