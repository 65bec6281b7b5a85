using Causeway.Engine.Seams;
using Causeway.Linux.Platform;

namespace Causeway.TestKit;

/// <summary>
/// Runs `causeway-lab ...` (the AOT binary) for one test world: a unique namespace prefix and its own root
/// directory, so that test worlds never touch the default `cw-` world or each other.
/// </summary>
public sealed class LabCli
{
    private readonly ProcessCommandRunner _runner = new();

    /// <summary>Where the test worlds' root directories go instead of the temp directory (e.g. /run/cwnlab).</summary>
    public const string RootVariable = "CAUSEWAY_TEST_LAB_ROOT";

    /// <param name="world">uno or duo.</param>
    public LabCli(string world = "uno")
    {
        World = world;
        Prefix = TestNamespaces.Lead is { } lead ? $"{lead}l{Random.Shared.Next(0x1000):x3}-" : $"cw-l{Random.Shared.Next(0x10000):x4}-";
        var root = Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } directory ? directory : Path.GetTempPath();
        Root = Path.Combine(root, $"causeway-lab-{Prefix.TrimEnd('-')}");
    }

    public string World { get; }

    public string Prefix { get; }

    public string Root { get; }

    public string WorldDirectory => Path.Combine(Root, Prefix + World);

    /// <summary>
    /// `up` arguments for Uno: the gateway (`up`, `status`, `down`) runs the causeway under test
    /// (<see cref="CausewayBinary"/>, $CAUSEWAY_BIN), e.g. a daemon under development against the lab's checks.
    /// </summary>
    public static string[] UpArguments(params string[] extra) => UpArgumentsFor("uno", extra);

    /// <summary>`up WORLD` arguments, with the gateway as for <see cref="UpArguments"/>.</summary>
    public static string[] UpArgumentsFor(string world, params string[] extra) =>
        ["up", world, "--gateway-binary", CausewayBinary.Path, .. extra];

    public Task<CommandResult> RunAsync(TimeSpan timeout, params string[] arguments) =>
        _runner.RunAsync(new CommandSpec(
            LabBinary.Path,
            [.. arguments, "--prefix", Prefix, "--root", Root],
            Timeout: timeout));

    /// <summary>`causeway-lab down`, then the test's root directory (empty by then: lab down removes the world's own).</summary>
    public async Task<CommandResult> DownAsync()
    {
        var down = await RunAsync(TimeSpan.FromMinutes(1), "down", World);
        if (Directory.Exists(Root) && !Directory.EnumerateFileSystemEntries(Root).Any())
        {
            Directory.Delete(Root);
        }

        return down;
    }

    public async Task<IReadOnlyList<string>> NamespacesAsync()
    {
        var list = await _runner.RunAsync(CommandSpec.Of("ip", "netns", "list"));
        return [.. list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')[0])
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))];
    }

    public static string Describe(CommandResult result) =>
        $"exit {result.ExitCode}\n--- stdout ---\n{result.StandardOutput}\n--- stderr ---\n{result.StandardError}";
}
