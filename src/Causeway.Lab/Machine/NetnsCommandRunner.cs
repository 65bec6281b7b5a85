using Causeway.Engine.Seams;

namespace Causeway.Lab.Machine;

/// <summary>
/// An <see cref="ICommandRunner"/> whose every command runs inside one network namespace (`ip netns exec`), so
/// that engine code written for the host (e.g. the planner's host snapshot) observes a lab node instead.
/// </summary>
public sealed class NetnsCommandRunner(ICommandRunner runner, string ns) : ICommandRunner
{
    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken cancellationToken = default) =>
        runner.RunAsync(command with { Program = "ip", Arguments = ["netns", "exec", ns, command.Program, .. command.Arguments] }, cancellationToken);
}
