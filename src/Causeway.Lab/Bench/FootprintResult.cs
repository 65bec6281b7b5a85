namespace Causeway.Lab.Bench;

/// <summary>`causeway up` supervising a world, idle, over a measured window.</summary>
/// <param name="Scenario">e.g. "uno" or "duo, 20 clients".</param>
/// <param name="Clients">Access clients connected during the window (Duo).</param>
/// <param name="RssMegabytes">Resident memory: median, and the most seen, of one sample per second.</param>
/// <param name="CpuPercent">CPU of one core over the window: the daemon and the commands it ran (ip, nft: the
/// children it waited for).</param>
/// <param name="StatusMilliseconds">`causeway status` from start to exit: median and slowest of the runs.</param>
public sealed record FootprintResult(
    string Scenario,
    int Clients,
    double Seconds,
    double RssMegabytes,
    double MaxRssMegabytes,
    double PeakRssMegabytes,
    double CpuPercent,
    double StatusMilliseconds,
    double MaxStatusMilliseconds,
    string? Error);
