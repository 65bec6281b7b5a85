using System.CommandLine;
using Causeway.Lab;
using Causeway.Linux.Platform;

namespace Causeway.Cli.Commands;

/// <summary>
/// What every world command takes: the world's name (default uno) and the hidden --prefix and --root that let
/// tests run their own worlds next to the default one. Also the composition of the lab's seams.
/// </summary>
public sealed class LabWorldOptions
{
    public Argument<string> World { get; } = new("world")
    {
        Description = "The lab world: uno (a home gateway) or duo (a cloud VM with access servers, and phones).",
        DefaultValueFactory = _ => LabPaths.DefaultWorld,
    };

    public Option<string> Prefix { get; } = new("--prefix")
    {
        Description = "Prefix of the world's network namespaces.",
        DefaultValueFactory = _ => LabPaths.DefaultPrefix,
        Hidden = true,
    };

    public Option<string> Root { get; } = new("--root")
    {
        Description = "Directory holding the worlds' files.",
        DefaultValueFactory = _ => LabPaths.DefaultRoot,
        Hidden = true,
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(World);
        command.Options.Add(Prefix);
        command.Options.Add(Root);
    }

    public LabWorld Read(ParseResult parse) =>
        new(parse.GetValue(World)!, parse.GetValue(Prefix)!, parse.GetValue(Root)!);

    /// <summary>The Linux seams, the system clock, progress to <paramref name="progress"/>, and this binary's path.</summary>
    public static (LabController Controller, IDisposable Lifetime) Compose(TextWriter progress)
    {
        var launcher = new LinuxProcessLauncher();
        var binary = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell where the causeway binary is");
        var environment = new LabEnvironment(new ProcessCommandRunner(), launcher, new LinuxFileSystem(), TimeProvider.System, binary, progress);
        return (new LabController(environment), launcher);
    }

    /// <summary>Lab worlds need root (namespaces, nftables, OpenVPN); say so before trying.</summary>
    public static bool EnsureRoot(string command)
    {
        if (new LinuxHostIdentity().IsRoot)
        {
            return true;
        }

        Console.Error.WriteLine($"causeway lab {command}: needs root (network namespaces, nftables, OpenVPN): run it with sudo");
        return false;
    }
}
