namespace Causeway.Engine.Seams;

/// <summary>Starts long-running child processes (OpenVPN, lab services).</summary>
public interface IProcessLauncher
{
    /// <summary>Starts the process. Throws with a clear message if it cannot start.</summary>
    IRunningProcess Start(ProcessSpec spec);
}
