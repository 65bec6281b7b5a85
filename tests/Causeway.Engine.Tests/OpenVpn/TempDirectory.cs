namespace Causeway.Engine.Tests.OpenVpn;

/// <summary>A short-named temp directory (unix socket paths must fit in 108 bytes), deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cw-e{Guid.NewGuid():N}"[..12]);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
