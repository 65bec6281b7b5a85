namespace Causeway.Engine.Seams;

/// <summary>Gives nothing back (tests of other parts): the process's memory stays as the runtime keeps it.</summary>
public sealed class NoProcessMemory : IProcessMemory
{
    public static readonly NoProcessMemory Instance = new();

    private NoProcessMemory()
    {
    }

    public void CompactHeap()
    {
    }

    public void ReleaseProgramPages()
    {
    }
}
