using Causeway.Engine.Seams;

namespace Causeway.Integration.Tests.HostState;

/// <summary>Runs every command inside one network namespace (`ip netns exec NS ...`), so the code under test sees only it.</summary>
internal sealed class NetnsCommandRunner(ICommandRunner inner, string ns) : ICommandRunner
{
    public List<CommandSpec> Commands { get; } = [];

    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken cancellationToken = default)
    {
        lock (Commands)
        {
            Commands.Add(command);
        }

        return inner.RunAsync(command with { Arguments = ["netns", "exec", ns, command.Program, .. command.Arguments], Program = "ip" }, cancellationToken);
    }
}
