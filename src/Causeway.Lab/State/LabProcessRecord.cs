namespace Causeway.Lab.State;

/// <summary>A detached process the lab started: enough to find it again and to kill exactly it.</summary>
/// <param name="Name">What it is, e.g. "echo", "provider-openvpn", "gateway".</param>
/// <param name="StartTicks">From /proc/&lt;pid&gt;/stat; a pid with another start time is someone else's.</param>
/// <param name="LogFile">Its stdout and stderr.</param>
public sealed record LabProcessRecord(
    string Name,
    string Namespace,
    int Pid,
    long StartTicks,
    string Program,
    IReadOnlyList<string> Arguments,
    string LogFile);
