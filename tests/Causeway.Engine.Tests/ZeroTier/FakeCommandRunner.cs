using Causeway.Engine.Seams;

namespace Causeway.Engine.Tests.ZeroTier;

/// <summary>Answers every command with one result and remembers what was run.</summary>
internal sealed class FakeCommandRunner(CommandResult result) : ICommandRunner
{
    public List<CommandSpec> Commands { get; } = [];

    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken cancellationToken = default)
    {
        Commands.Add(command);
        return Task.FromResult(result);
    }
}
