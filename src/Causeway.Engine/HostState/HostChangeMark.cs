namespace Causeway.Engine.HostState;

/// <summary>Where the host's change events stood at a moment (<see cref="HostChangeWatch.Mark"/>).</summary>
/// <param name="Generation">Counts every line, start and exit of the monitors.</param>
/// <param name="Listening">Every monitor was running, and long enough to have subscribed to the kernel's events.</param>
public sealed record HostChangeMark(long Generation, bool Listening);
