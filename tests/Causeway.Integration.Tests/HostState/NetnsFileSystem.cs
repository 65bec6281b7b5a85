using Causeway.Engine.Seams;
using Causeway.Linux.Platform;

namespace Causeway.Integration.Tests.HostState;

/// <summary>
/// The real filesystem, except /proc/sys and /sys: those show the network namespace of the process that reads
/// them, so they are read and written from inside the test namespace (`ip netns exec NS cat|tee`). The test
/// process itself never touches the host's /proc/sys.
/// </summary>
internal sealed class NetnsFileSystem(ICommandRunner hostRunner, string ns) : IFileSystem
{
    private readonly LinuxFileSystem _real = new();

    public FileFacts Stat(string path)
    {
        if (!IsNamespaced(path))
        {
            return _real.Stat(path);
        }

        var result = Run(CommandSpec.Of("test", "-e", path));
        return result.Succeeded ? new FileFacts(true, false, UnixFileMode.UserRead | UnixFileMode.UserWrite, 0, 0) : FileFacts.Missing;
    }

    public string ReadAllText(string path)
    {
        if (!IsNamespaced(path))
        {
            return _real.ReadAllText(path);
        }

        var result = Run(CommandSpec.Of("cat", path));
        return result.Succeeded
            ? result.StandardOutput
            : throw new FileNotFoundException($"{path} in {ns}: {result.StandardError.Trim()}", path);
    }

    public byte[] ReadAllBytes(string path) =>
        IsNamespaced(path) ? System.Text.Encoding.UTF8.GetBytes(ReadAllText(path)) : _real.ReadAllBytes(path);

    public void WriteAllTextAtomic(string path, string contents, UnixFileMode mode)
    {
        Refuse(path);
        _real.WriteAllTextAtomic(path, contents, mode);
    }

    public void WriteInPlace(string path, string contents)
    {
        if (!IsNamespaced(path))
        {
            _real.WriteInPlace(path, contents);
            return;
        }

        var spec = CommandSpec.Of("tee", path).WithInput(contents);
        var result = Run(spec);
        if (!result.Succeeded)
        {
            throw new IOException($"writing {path} in {ns}: {result.StandardError.Trim()}");
        }
    }

    public void EnsureDirectory(string path, UnixFileMode mode)
    {
        Refuse(path);
        _real.EnsureDirectory(path, mode);
    }

    public void DeleteFile(string path)
    {
        Refuse(path);
        _real.DeleteFile(path);
    }

    public void DeleteDirectory(string path)
    {
        Refuse(path);
        _real.DeleteDirectory(path);
    }

    public IReadOnlyList<string> ListDirectory(string path)
    {
        if (!IsNamespaced(path))
        {
            return _real.ListDirectory(path);
        }

        var result = Run(CommandSpec.Of("ls", "-1", path));
        return result.Succeeded ? result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];
    }

    private static bool IsNamespaced(string path) =>
        path.StartsWith("/proc/sys/", StringComparison.Ordinal) || path.StartsWith("/sys/", StringComparison.Ordinal);

    private static void Refuse(string path)
    {
        if (IsNamespaced(path))
        {
            throw new InvalidOperationException($"the test filesystem does not create or delete {path}");
        }
    }

    private CommandResult Run(CommandSpec command) =>
        hostRunner.RunAsync(CommandSpec.Of("ip", ["netns", "exec", ns, command.Program, .. command.Arguments]) with { StandardInput = command.StandardInput })
            .GetAwaiter()
            .GetResult();
}
