using Causeway.Engine.Composition;
using Causeway.Engine.Seams;

namespace Causeway.Cli.Commands;

/// <summary>
/// A file written for the person who ran sudo (a client's profile, a backup) is given to them: written as root, it
/// would be unreadable to whoever has to copy it off this host without sudo again.
/// </summary>
public static class CallerHandOver
{
    /// <summary>
    /// chown to the sudo caller when root runs for one; if that fails the file stays root's (it is written), and the
    /// user is told how to read it.
    /// </summary>
    /// <param name="command">e.g. "client add", for the warning.</param>
    /// <returns>What to add after the mode where the file is named, e.g. ", owned by uid 1000, who ran sudo"; empty when no one ran sudo.</returns>
    public static async Task<string> HandOverAsync(CompositionRoot root, string path, string command, CancellationToken ct)
    {
        if (!root.Machine.Identity.IsRoot || SudoCaller.FromEnvironment() is not { } caller)
        {
            return string.Empty;
        }

        var chown = CommandSpec.Of("chown", "--no-dereference", caller.ToString(), path);
        var result = await root.Machine.Commands.RunAsync(chown, ct);
        if (result.Succeeded)
        {
            return $", owned by uid {caller.Uid}, who ran sudo";
        }

        Console.Error.WriteLine($"causeway {command}: warning: handing {path} to uid {caller.Uid} (who ran sudo): {result.StandardError.Trim()}; it stays root's: sudo cat it, or chown it yourself");
        return ", owned by root";
    }
}
