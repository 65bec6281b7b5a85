using Causeway.Engine.Seams;
using Causeway.Lab.Worlds;

namespace Causeway.Lab.Duo;

/// <summary>
/// `causeway client add NAME --out FILE`, `client list --json` and `client revoke NAME` (each with `-c` the VM's
/// config), run from the gateway binary inside the VM's namespace, as the VM's owner would.
/// </summary>
internal sealed class CausewayClientCommands(RunningWorld w)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the gateway binary has the `client` command at all: its help names `causeway client list` (the root's
    /// help, which a binary without it prints for unknown words followed by --help, does not).
    /// </summary>
    public static async Task<bool> ExistsAsync(RunningWorld w, CancellationToken ct)
    {
        var help = await w.GatewayCommandAsync(["client", "list", "--help"], ct, Timeout);
        return help.Succeeded && help.StandardOutput.Contains("causeway client list", StringComparison.Ordinal);
    }

    /// <summary>Adds a client and writes its profile to <paramref name="profilePath"/>; throws (with the reason) if it cannot.</summary>
    public async Task AddAsync(string name, string profilePath, CancellationToken ct) =>
        Ensure(await RunAsync(["client", "add", name, "--out", profilePath], ct), $"client add {name} --out {profilePath}");

    public async Task<IReadOnlyList<VmClient>> ListAsync(CancellationToken ct)
    {
        var result = Ensure(await RunAsync(["client", "list", "--json"], ct), "client list --json");
        try
        {
            return ClientListJson.Parse(result.StandardOutput);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"`causeway client list --json` on the VM printed no client list ({e.Message}): {result.StandardOutput.Trim()}", e);
        }
    }

    /// <summary>Revokes a client (the daemon ends its live sessions); returns what the command said.</summary>
    public async Task<string> RevokeAsync(string name, CancellationToken ct)
    {
        var result = Ensure(await RunAsync(["client", "revoke", name], ct), $"client revoke {name}");
        return (result.StandardOutput + result.StandardError).Trim();
    }

    private Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct) =>
        w.GatewayCommandAsync([.. arguments, "-c", w.GatewayConfigPath], ct, Timeout);

    private static CommandResult Ensure(CommandResult result, string command) =>
        result.Succeeded
            ? result
            : throw new InvalidOperationException($"`causeway {command}` on the VM exited with {result.ExitCode}: {(result.StandardError + result.StandardOutput).Trim()}");
}
