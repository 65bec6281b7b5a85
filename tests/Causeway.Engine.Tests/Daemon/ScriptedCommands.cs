using Causeway.Engine.Seams;

namespace Causeway.Engine.Tests.Daemon;

/// <summary>Answers each command line (program and arguments joined by spaces) as scripted; anything else fails loudly.</summary>
public sealed class ScriptedCommands : ICommandRunner
{
    private readonly Dictionary<string, CommandResult> _answers = new(StringComparer.Ordinal);

    public List<string> Ran { get; } = [];

    public ScriptedCommands Answer(string commandLine, string standardOutput, int exitCode = 0, string standardError = "")
    {
        _answers[commandLine] = new CommandResult(exitCode, standardOutput, standardError);
        return this;
    }

    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken cancellationToken = default)
    {
        var line = command.ToString();
        Ran.Add(line);
        return Task.FromResult(_answers.TryGetValue(line, out var result)
            ? result
            : throw new InvalidOperationException($"no scripted answer for `{line}`"));
    }
}
