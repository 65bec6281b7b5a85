using Causeway.Engine.Seams;

namespace Causeway.TestKit;

/// <summary>Passes every command to a real runner (e.g. one inside a test namespace) and records it as the code under test gave it.</summary>
public sealed class RecordingCommandRunner(ICommandRunner inner) : ICommandRunner
{
    private readonly Lock _gate = new();
    private readonly List<CommandSpec> _commands = [];

    public IReadOnlyList<CommandSpec> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _commands.Add(command);
        }

        return inner.RunAsync(command, cancellationToken);
    }
}
