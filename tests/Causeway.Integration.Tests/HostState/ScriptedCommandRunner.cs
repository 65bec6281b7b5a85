using Causeway.Engine.Seams;

namespace Causeway.Integration.Tests.HostState;

/// <summary>A command runner that answers from a script and records what it was asked to run.</summary>
internal sealed class ScriptedCommandRunner(Func<CommandSpec, CommandResult> answer) : ICommandRunner
{
    public List<CommandSpec> Commands { get; } = [];

    public static CommandResult Ok(string output = "") => new(0, output, string.Empty);

    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken cancellationToken = default)
    {
        Commands.Add(command);
        return Task.FromResult(answer(command));
    }
}
