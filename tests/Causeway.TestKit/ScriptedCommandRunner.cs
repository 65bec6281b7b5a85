using Causeway.Engine.Seams;
using Xunit;

namespace Causeway.TestKit;

/// <summary>
/// A strict <see cref="ICommandRunner"/>: it answers only the commands it was given (program, every argument and
/// standard input exactly) and fails the test on any other, so a test also proves that nothing else was run.
/// Answers for one command are given in order; the last one repeats (a loop that reads the same state again gets the
/// same answer). Records what it ran. Thread-safe.
/// </summary>
public sealed class ScriptedCommandRunner : ICommandRunner
{
    private readonly Lock _gate = new();
    private readonly List<(CommandSpec Command, Queue<Func<Task<CommandResult>>> Answers)> _scripts = [];
    private readonly List<CommandSpec> _commands = [];
    private readonly List<string> _unexpected = [];

    /// <summary>Every command run, in order (the ones it was not given too).</summary>
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

    /// <summary>Every command run, as "program arg arg".</summary>
    public IReadOnlyList<string> Ran => [.. Commands.Select(c => c.ToString())];

    /// <summary>The commands that were not given, as their failure messages.</summary>
    public IReadOnlyList<string> Unexpected
    {
        get
        {
            lock (_gate)
            {
                return [.. _unexpected];
            }
        }
    }

    public static CommandResult Ok(string standardOutput = "") => new(0, standardOutput, string.Empty);

    /// <summary>Answers "program arg arg" (split on spaces; no standard input) with this output and exit code.</summary>
    public ScriptedCommandRunner Answer(string commandLine, string standardOutput = "", int exitCode = 0, string standardError = "") =>
        Answer(Parse(commandLine), new CommandResult(exitCode, standardOutput, standardError));

    /// <summary>Answers exactly this command (arguments with spaces, standard input) with this result.</summary>
    public ScriptedCommandRunner Answer(CommandSpec command, CommandResult result) => Add(command, () => Task.FromResult(result));

    /// <summary>Running "program arg arg" throws <paramref name="failure"/> (the program cannot be started, a timeout).</summary>
    public ScriptedCommandRunner Fail(string commandLine, Exception failure) => Fail(Parse(commandLine), failure);

    public ScriptedCommandRunner Fail(CommandSpec command, Exception failure) => Add(command, () => Task.FromException<CommandResult>(failure));

    public Task<CommandResult> RunAsync(CommandSpec command, CancellationToken cancellationToken = default)
    {
        Func<Task<CommandResult>>? answer;
        lock (_gate)
        {
            _commands.Add(command);
            answer = Take(command);
            if (answer is null)
            {
                var message = $"the test ran `{command}`{Input(command)}, which it was not given; given: "
                    + (_scripts.Count == 0 ? "nothing" : string.Join("; ", _scripts.Select(s => $"`{s.Command}`{Input(s.Command)}")));
                _unexpected.Add(message);
                Assert.Fail(message);
            }
        }

        return answer();
    }

    private ScriptedCommandRunner Add(CommandSpec command, Func<Task<CommandResult>> answer)
    {
        lock (_gate)
        {
            var index = _scripts.FindIndex(s => Same(s.Command, command));
            if (index < 0)
            {
                _scripts.Add((command, new Queue<Func<Task<CommandResult>>>()));
                index = _scripts.Count - 1;
            }

            _scripts[index].Answers.Enqueue(answer);
        }

        return this;
    }

    private Func<Task<CommandResult>>? Take(CommandSpec command)
    {
        var index = _scripts.FindIndex(s => Same(s.Command, command));
        if (index < 0)
        {
            return null;
        }

        var answers = _scripts[index].Answers;
        return answers.Count > 1 ? answers.Dequeue() : answers.Peek();
    }

    /// <summary>The timeout is the runner's business, not the command's identity.</summary>
    private static bool Same(CommandSpec a, CommandSpec b) =>
        a.Program == b.Program
        && a.Arguments.AsSpan().SequenceEqual(b.Arguments.AsSpan())
        && a.StandardInput == b.StandardInput;

    private static CommandSpec Parse(string commandLine)
    {
        var words = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new CommandSpec(words[0], [.. words.Skip(1)]);
    }

    private static string Input(CommandSpec command) =>
        command.StandardInput is null ? string.Empty : $" with standard input \"{command.StandardInput.ReplaceLineEndings("\\n")}\"";
}
