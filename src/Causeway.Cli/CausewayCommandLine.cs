using System.CommandLine;
using Causeway.Cli.Commands;

namespace Causeway.Cli;

/// <summary>The `causeway` command tree. Each command lives in Commands/ and builds its own <see cref="Command"/>.</summary>
public static class CausewayCommandLine
{
    /// <summary>
    /// How long a command may take to finish after SIGTERM or Ctrl-C before System.CommandLine returns 143 (130) for
    /// it, ending the process. Its default, 2 s, cut `up` short in the middle of its orderly stop: an access server
    /// with explicit-exit-notify takes a few seconds to tell its clients and exit. The daemon's host bounds its own
    /// stop (20 s, GatewayHost), so this only has to be longer than that.
    /// </summary>
    public static readonly TimeSpan ProcessTerminationTimeout = TimeSpan.FromSeconds(25);

    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("Causeway: a fail-closed junction between an overlay network and a VPN provider.")
        {
            PlanCommand.Create(),
            UpCommand.Create(),
            StatusCommand.Create(),
            DownCommand.Create(),
            ClientCommand.Create(),
            BackupCommand.Create(),
            RestoreCommand.Create(),
            DoctorCommand.Create(),
            BootCommand.Create(),
        };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = ProcessTerminationTimeout });
    }
}
