namespace Causeway.Engine.Seams;

/// <summary>How a command ended.</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// Throws a <see cref="CommandFailedException"/> that says what was being done, e.g.
    /// `applying nft ruleset: nft exited with 1: Error: ... (run as root?)`.
    /// </summary>
    public CommandResult EnsureSuccess(string doing, CommandSpec command)
    {
        if (!Succeeded)
        {
            throw new CommandFailedException(doing, command, this);
        }

        return this;
    }
}
