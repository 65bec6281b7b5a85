namespace Causeway.Engine.Seams;

/// <summary>
/// This process's own memory, as far as the daemon gives some of it back once it has settled
/// (<c>Daemon.IdleCompaction</c> decides when). Both are hints to the runtime and the kernel: nothing the process
/// holds changes, and a failure is no one's concern.
/// </summary>
public interface IProcessMemory
{
    /// <summary>A full, blocking, compacting collection that returns the GC's free regions to the kernel.</summary>
    void CompactHeap();

    /// <summary>
    /// Unmaps the resident pages of the program's code and read-only data (its own file's and its libraries') that
    /// were never written: those only startup used are mapped from the file again if they are ever needed.
    /// </summary>
    void ReleaseProgramPages();
}
