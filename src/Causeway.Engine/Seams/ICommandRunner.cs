namespace Causeway.Engine.Seams;

/// <summary>Runs a program to completion (ip, nft, sysctl-free conntrack...). The only way the engine runs commands.</summary>
public interface ICommandRunner
{
    /// <summary>Runs the command; a non-zero exit is a result, not an exception. Throws only if it cannot start.</summary>
    Task<CommandResult> RunAsync(CommandSpec command, CancellationToken cancellationToken = default);
}
