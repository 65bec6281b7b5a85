namespace Causeway.Engine.Seams;

/// <summary>The lock of a file system that only one process uses (test doubles): nothing to hold.</summary>
public sealed class NoLock : IDisposable
{
    public static readonly NoLock Instance = new();

    private NoLock()
    {
    }

    public void Dispose()
    {
    }
}
