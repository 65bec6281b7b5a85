namespace Causeway.Lab.Status;

/// <summary>A recorded lab process and whether it is still running.</summary>
public sealed record ProcessStatus(string Name, string Namespace, int Pid, bool Alive, string LogFile);
