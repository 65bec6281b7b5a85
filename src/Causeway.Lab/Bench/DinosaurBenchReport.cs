namespace Causeway.Lab.Bench;

/// <summary>What `causeway-lab bench dinosaur` measured: phones through the whole chain against the bare provider tunnel. Reports, never gates.</summary>
/// <param name="Cores">The machine's cores: every process of every hop shares them.</param>
/// <param name="Runs">Every run: provider-tunnel (the sbc's own traffic through its provider tunnel: two OpenVPN
/// processes), chain-udp (the open network's phone over UDP 1194: phone → VM → overlay → sbc → provider, four),
/// chain-tcp-cafe (the café's phone over TCP 443, the same four).</param>
/// <param name="Ratios">Each chain path against the provider tunnel; the goal applies to chain-udp.</param>
/// <param name="Errors">Rounds that could not be measured, with why.</param>
public sealed record DinosaurBenchReport(
    string World,
    DateTimeOffset StartedAt,
    int Seconds,
    int WarmupSeconds,
    int Rounds,
    int Cores,
    string OpenVpnVersion,
    LoadAverage LoadBefore,
    LoadAverage LoadAfter,
    IReadOnlyList<ChainRun> Runs,
    IReadOnlyList<ChainSummary> Summary,
    IReadOnlyList<ChainRatio> Ratios,
    double Goal,
    IReadOnlyList<string> Errors);
