namespace Causeway.Lab.Bench;

/// <summary>
/// How fast the gateway notices a dead provider and how fast the laptop's internet comes back, per round.
/// </summary>
/// <param name="DetectionSeconds">Provider server SIGKILLed until the gateway's tunnel left Connected (the daemon's
/// own timestamp of the change, so the benchmark's polling does not add to it).</param>
/// <param name="RecoverySeconds">Provider server restarted until the laptop reaches the internet through it again.</param>
/// <param name="OpenVpnRestartSeconds">Causeway's OpenVPN SIGKILLed until the laptop reaches the internet again.</param>
/// <param name="RestartBackoffSeconds">The supervisor's wait before starting OpenVPN again in the same round (part
/// of <see cref="OpenVpnRestartSeconds"/>): it doubles when OpenVPN dies again within
/// OpenVpnSupervisor.StableConnection of connecting, as it does here in every round after the first.</param>
/// <param name="Errors">Rounds that timed out, with what was waited for.</param>
public sealed record FailoverTimes(
    IReadOnlyList<double> DetectionSeconds,
    IReadOnlyList<double> RecoverySeconds,
    IReadOnlyList<double> OpenVpnRestartSeconds,
    IReadOnlyList<double?> RestartBackoffSeconds,
    IReadOnlyList<string> Errors);
