using Causeway.Engine.Seams;
using Causeway.Linux.Platform;

namespace Causeway.Engine.Tests.ZeroTier;

/// <summary>The real filesystem, except that reading one path throws (tests run as root, so permissions never deny).</summary>
internal sealed class FailingFileSystem(string failingPath, Exception failure) : IFileSystem
{
    private readonly LinuxFileSystem _real = new();

    public FileFacts Stat(string path) => _real.Stat(path);

    public string ReadAllText(string path) => path == failingPath ? throw failure : _real.ReadAllText(path);

    public byte[] ReadAllBytes(string path) => path == failingPath ? throw failure : _real.ReadAllBytes(path);

    public void WriteAllTextAtomic(string path, string contents, UnixFileMode mode) => _real.WriteAllTextAtomic(path, contents, mode);

    public void WriteInPlace(string path, string contents) => _real.WriteInPlace(path, contents);

    public void EnsureDirectory(string path, UnixFileMode mode) => _real.EnsureDirectory(path, mode);

    public void DeleteFile(string path) => _real.DeleteFile(path);

    public void DeleteDirectory(string path) => _real.DeleteDirectory(path);

    public IReadOnlyList<string> ListDirectory(string path) => _real.ListDirectory(path);
}
