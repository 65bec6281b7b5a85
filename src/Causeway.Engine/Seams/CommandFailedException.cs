namespace Causeway.Engine.Seams;

/// <summary>A command that exited non-zero, with what was being done and a hint at what to do next.</summary>
public sealed class CommandFailedException(string doing, CommandSpec command, CommandResult result)
    : Exception(Describe(doing, command, result))
{
    public string Doing { get; } = doing;

    public CommandSpec Command { get; } = command;

    public CommandResult Result { get; } = result;

    private static string Describe(string doing, CommandSpec command, CommandResult result)
    {
        var detail = result.StandardError.Trim();
        if (detail.Length == 0)
        {
            detail = result.StandardOutput.Trim();
        }

        var hint = detail.Contains("Operation not permitted", StringComparison.Ordinal)
            || detail.Contains("Permission denied", StringComparison.Ordinal)
            ? " (run as root?)"
            : string.Empty;
        return $"{doing}: `{command.Program}` exited with {result.ExitCode}: {detail}{hint}";
    }
}
