using Causeway.Engine.Seams;

namespace Causeway.Integration.Tests.HostState;

/// <summary>Files in a dictionary; writes to paths in <see cref="Forbidden"/> fail as they do for a non-root user.</summary>
internal sealed class MemoryFileSystem : IFileSystem
{
    public Dictionary<string, string> Files { get; } = [];

    public Dictionary<string, UnixFileMode> Modes { get; } = [];

    public HashSet<string> Forbidden { get; } = [];

    public FileFacts Stat(string path) =>
        Files.TryGetValue(path, out var text) ? new FileFacts(true, false, Modes.GetValueOrDefault(path), 0, text.Length) : FileFacts.Missing;

    public string ReadAllText(string path) =>
        Files.TryGetValue(path, out var text) ? text : throw new FileNotFoundException($"Could not find file '{path}'.", path);

    public byte[] ReadAllBytes(string path) => System.Text.Encoding.UTF8.GetBytes(ReadAllText(path));

    public void WriteAllTextAtomic(string path, string contents, UnixFileMode mode)
    {
        Check(path);
        Files[path] = contents;
        Modes[path] = mode;
    }

    public void WriteInPlace(string path, string contents)
    {
        Check(path);
        Files[path] = contents;
    }

    public void EnsureDirectory(string path, UnixFileMode mode) => Modes[path] = mode;

    public void DeleteFile(string path) => Files.Remove(path);

    public void DeleteDirectory(string path)
    {
    }

    public IReadOnlyList<string> ListDirectory(string path) => [];

    private void Check(string path)
    {
        if (Forbidden.Contains(path))
        {
            throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
        }
    }
}
