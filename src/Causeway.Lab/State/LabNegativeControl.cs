namespace Causeway.Lab.State;

/// <summary>
/// One negative-control window: the lab removed Causeway's layers on purpose, and the leak counters counted this
/// much while they were gone. The world's leak counters are never reset; `no-leaks-for-the-life-of-the-world`
/// subtracts these windows (all of them, over every `lab check` run) and fails on anything left.
/// </summary>
/// <param name="Check">The check that ran the control (leak-detector-sees-leaks; Uno's reboot-no-leak, before its boot step).</param>
/// <param name="From">When the first layer was removed.</param>
/// <param name="To">When the window was closed.</param>
/// <param name="Counts">What each leak counter counted inside the window, by comment (deltas).</param>
public sealed record LabNegativeControl(string Check, DateTimeOffset From, DateTimeOffset To, IReadOnlyDictionary<string, long> Counts);
