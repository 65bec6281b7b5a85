using System.CommandLine;

namespace Causeway.Cli;

/// <summary>The `causeway` command tree.</summary>
public static class CausewayCommandLine
{
    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("Causeway: a fail-closed junction between an overlay network and a VPN provider.");
        return root.Parse(args).InvokeAsync();
    }
}
