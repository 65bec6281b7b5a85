using System.CommandLine;
using Causeway.Cli.Commands;

namespace Causeway.Cli;

/// <summary>The `causeway` command tree. Each command lives in Commands/ and builds its own <see cref="Command"/>.</summary>
public static class CausewayCommandLine
{
    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("Causeway: a fail-closed junction between an overlay network and a VPN provider.")
        {
            PlanCommand.Create(),
            UpCommand.Create(),
            StatusCommand.Create(),
            DownCommand.Create(),
            ClientCommand.Create(),
            LabCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
