namespace Causeway.Engine.Seams;

/// <summary>What kind of object a path names (after following symlinks), as <see cref="IFileSystem.Stat"/> sees it.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,

    /// <summary>Only where the link itself is looked at (lstat); <see cref="IFileSystem.Stat"/> follows links.</summary>
    Symlink,
    Other,
}
