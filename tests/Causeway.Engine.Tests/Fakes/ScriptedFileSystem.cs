using System.Collections.Concurrent;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Tests.Fakes;

/// <summary>A few files in a dictionary (pid files, /proc entries), and a record of what was written and deleted.</summary>
public sealed class ScriptedFileSystem : IFileSystem
{
    public ConcurrentDictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Deleted { get; } = new();

    public ConcurrentQueue<(string Path, string Contents, UnixFileMode Mode)> Written { get; } = new();

    public FileFacts Stat(string path) =>
        Files.TryGetValue(path, out var contents)
            ? new FileFacts(true, false, UnixFileMode.UserRead | UnixFileMode.UserWrite, 0, contents.Length)
            : FileFacts.Missing;

    public string ReadAllText(string path) =>
        Files.TryGetValue(path, out var contents) ? contents : throw new FileNotFoundException($"no such file: {path}", path);

    public byte[] ReadAllBytes(string path) => System.Text.Encoding.UTF8.GetBytes(ReadAllText(path));

    public void WriteAllTextAtomic(string path, string contents, UnixFileMode mode)
    {
        Files[path] = contents;
        Written.Enqueue((path, contents, mode));
    }

    public void WriteInPlace(string path, string contents) => WriteAllTextAtomic(path, contents, UnixFileMode.None);

    public void EnsureDirectory(string path, UnixFileMode mode)
    {
    }

    public void DeleteFile(string path)
    {
        Files.TryRemove(path, out _);
        Deleted.Enqueue(path);
    }

    public void DeleteDirectory(string path) => Deleted.Enqueue(path);

    public IReadOnlyList<string> ListDirectory(string path)
    {
        var prefix = path.TrimEnd('/') + "/";
        return [.. Files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..].Split('/')[0]).Distinct()];
    }
}
