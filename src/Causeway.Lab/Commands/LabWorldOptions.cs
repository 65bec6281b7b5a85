using System.CommandLine;
using Causeway.Linux.Platform;

namespace Causeway.Lab.Commands;

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

    /// <summary>The Linux machine (the product's seams, made the same way), the system clock, progress to <paramref name="progress"/>, and this binary's path.</summary>
    public static (LabController Controller, IDisposable Lifetime) Compose(TextWriter progress)
    {
        var machine = LinuxMachine.Create();
        var environment = new LabEnvironment(machine.Commands, machine.Processes, machine.Files, machine.Time, LabBinary, progress);
        return (new LabController(environment), machine);
    }

    /// <summary>This `causeway-lab`: the lab's services and probes run from it inside the world's namespaces.</summary>
    public static string LabBinary =>
        Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell where the causeway-lab binary is");

    /// <summary>
    /// The `causeway` a world runs on its gateway when `up` is not given --gateway-binary: the one next to this
    /// `causeway-lab` (`./build.sh build` puts both in artifacts/), else $CAUSEWAY_BIN.
    /// </summary>
    public static string DefaultGatewayBinary()
    {
        var beside = Path.Combine(Path.GetDirectoryName(LabBinary)!, "causeway");
        if (File.Exists(beside))
        {
            return beside;
        }

        return Environment.GetEnvironmentVariable("CAUSEWAY_BIN") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : throw new InvalidOperationException($"there is no causeway binary next to causeway-lab ({beside}): build both with `./build.sh build`, or name one with --gateway-binary or CAUSEWAY_BIN");
    }

    /// <summary>Lab worlds need root (namespaces, nftables, OpenVPN); say so before trying.</summary>
    public static bool EnsureRoot(string command)
    {
        if (new LinuxHostIdentity().IsRoot)
        {
            return true;
        }

        Console.Error.WriteLine($"causeway-lab {command}: needs root (network namespaces, nftables, OpenVPN): run it with sudo");
        return false;
    }
}
