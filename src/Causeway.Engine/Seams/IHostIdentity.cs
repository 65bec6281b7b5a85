namespace Causeway.Engine.Seams;

/// <summary>Who and where this process is running.</summary>
public interface IHostIdentity
{
    /// <summary>Effective uid is 0.</summary>
    bool IsRoot { get; }

    int ProcessId { get; }
}
