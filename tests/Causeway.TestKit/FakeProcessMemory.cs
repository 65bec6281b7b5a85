using Causeway.Engine.Seams;

namespace Causeway.TestKit;

/// <summary>Counts what the daemon gives back instead of giving it (a test process's heap is not the daemon's).</summary>
public sealed class FakeProcessMemory : IProcessMemory
{
    private int _compactions;
    private int _pageReleases;

    public int Compactions => Volatile.Read(ref _compactions);

    public int PageReleases => Volatile.Read(ref _pageReleases);

    public void CompactHeap() => Interlocked.Increment(ref _compactions);

    public void ReleaseProgramPages() => Interlocked.Increment(ref _pageReleases);
}
