namespace Causeway.Lab.Bench;

/// <summary>
/// How fast the gateway notices a dead provider and how fast the laptop's internet comes back, per round.
/// </summary>
/// <param name="DetectionSeconds">Provider server SIGKILLed until `causeway status` says the tunnel is down.</param>
/// <param name="RecoverySeconds">Provider server restarted until the laptop reaches the internet through it again.</param>
/// <param name="OpenVpnRestartSeconds">Causeway's OpenVPN SIGKILLed until the laptop reaches the internet again.</param>
/// <param name="Errors">Rounds that timed out, with what was waited for.</param>
public sealed record FailoverTimes(
    IReadOnlyList<double> DetectionSeconds,
    IReadOnlyList<double> RecoverySeconds,
    IReadOnlyList<double> OpenVpnRestartSeconds,
    IReadOnlyList<string> Errors);
