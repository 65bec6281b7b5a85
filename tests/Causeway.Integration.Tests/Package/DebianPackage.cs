using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Package;

/// <summary>
/// A causeway .deb that `./build.sh package` (or `build.sh test`) built: $CAUSEWAY_DEB_AMD64 / $CAUSEWAY_DEB_ARM64,
/// else the one in artifacts/packages. With neither the test is skipped (like <see cref="CausewayBinary"/>: build.sh
/// test always sets both variables, so under it a missing package fails instead). Read with dpkg-deb, which needs
/// no root.
/// </summary>
public sealed class DebianPackage
{
    private static readonly ProcessCommandRunner Runner = new();

    private DebianPackage(string path, string architecture)
    {
        Path = path;
        Architecture = architecture;
    }

    public string Path { get; }

    /// <summary>The Debian architecture it was built for: amd64 or arm64.</summary>
    public string Architecture { get; }

    public static DebianPackage Amd64 => Find("CAUSEWAY_DEB_AMD64", "amd64");

    public static DebianPackage Arm64 => Find("CAUSEWAY_DEB_ARM64", "arm64");

    public static DebianPackage For(string architecture) => architecture switch
    {
        "amd64" => Amd64,
        "arm64" => Arm64,
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "amd64 or arm64"),
    };

    /// <summary>One control field, e.g. Version or Depends.</summary>
    public async Task<string> FieldAsync(string name) =>
        (await DpkgDebAsync("-f", Path, name)).StandardOutput.Trim();

    /// <summary>Every entry of the data archive (`dpkg-deb -c`).</summary>
    public async Task<IReadOnlyList<DebEntry>> EntriesAsync() =>
        [.. (await DpkgDebAsync("-c", Path)).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(DebEntry.Parse)];

    /// <summary>The names in the control archive (control, md5sums, the maintainer scripts) and their modes.</summary>
    public async Task<IReadOnlyDictionary<string, UnixFileMode>> ControlFilesAsync(string directory)
    {
        await DpkgDebAsync("--control", Path, directory);
        return Directory.EnumerateFiles(directory).ToDictionary(f => System.IO.Path.GetFileName(f), f => File.GetUnixFileMode(f), StringComparer.Ordinal);
    }

    /// <summary>Unpacks the files (not the control part) under <paramref name="directory"/>.</summary>
    public async Task ExtractAsync(string directory) => await DpkgDebAsync("-x", Path, directory);

    /// <summary>
    /// The same payload and scripts under another version, built the way build.sh builds (root:root, dpkg-deb),
    /// in <paramref name="directory"/>: an "older build" to upgrade from.
    /// </summary>
    public async Task<string> RepackAsync(string version, string directory)
    {
        Directory.CreateDirectory(directory);
        var tree = System.IO.Path.Combine(directory, "tree");
        await DpkgDebAsync("--raw-extract", Path, tree);
        var control = System.IO.Path.Combine(tree, "DEBIAN", "control");
        var lines = File.ReadAllLines(control);
        Assert.Contains(lines, l => l.StartsWith("Version: ", StringComparison.Ordinal));
        File.WriteAllLines(control, lines.Select(l => l.StartsWith("Version: ", StringComparison.Ordinal) ? $"Version: {version}" : l));
        var repacked = System.IO.Path.Combine(directory, $"causeway_{version}_{Architecture}.deb");
        await DpkgDebAsync("--root-owner-group", "--build", tree, repacked);
        return repacked;
    }

    private static async Task<CommandResult> DpkgDebAsync(params string[] arguments)
    {
        var spec = new CommandSpec("dpkg-deb", [.. arguments], Timeout: TimeSpan.FromMinutes(2));
        return (await Runner.RunAsync(spec, TestContext.Current.CancellationToken)).EnsureSuccess("reading the causeway package", spec);
    }

    private static DebianPackage Find(string variable, string architecture)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            Assert.True(File.Exists(fromEnvironment), $"${variable} names {fromEnvironment}, which does not exist");
            return new DebianPackage(fromEnvironment, architecture);
        }

        var directory = RepositoryFiles.Root is { } root ? System.IO.Path.Combine(root, "artifacts", "packages") : null;
        var found = directory is not null && Directory.Exists(directory)
            ? Directory.GetFiles(directory, $"causeway_*_{architecture}.deb")
            : [];
        if (found.Length != 1)
        {
            Assert.Skip($"needs the {architecture} package: run `./build.sh package` (or set {variable})");
        }

        return new DebianPackage(found[0], architecture);
    }
}
