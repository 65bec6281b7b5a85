using Causeway.Engine.Boot;
using Causeway.Engine.Seams;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Packaging;

/// <summary>
/// packaging/causeway-boot.service: systemd finds nothing to say about it, and it names what the binary uses (the
/// saved file its condition waits for, the command that applies it).
/// </summary>
public sealed class BootUnitTests
{
    private static readonly string Unit = Path.Combine(RepositoryRoot(), "packaging", "causeway-boot.service");

    [Fact]
    public async Task Systemd_analyze_verify_prints_nothing()
    {
        // In a root of its own: the unit's binary is /usr/bin/causeway, which the package installs (a stand-in here), and
        // no man page is installed on a build machine. verify exits 0 even on unknown keys: the output is what counts.
        using var root = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(root.Path, "usr", "bin"));
        Directory.CreateDirectory(Path.Combine(root.Path, "lib", "systemd", "system"));
        File.Copy(CausewayBinary.Path, Path.Combine(root.Path, "usr", "bin", "causeway"));
        File.Copy(Unit, Path.Combine(root.Path, "lib", "systemd", "system", "causeway-boot.service"));

        var result = await new ProcessCommandRunner().RunAsync(
            CommandSpec.Of("systemd-analyze", "verify", "--man=no", $"--root={root.Path}", "/lib/systemd/system/causeway-boot.service"),
            TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.StandardError);
        Assert.Equal(string.Empty, (result.StandardOutput + result.StandardError).Trim());
    }

    [Fact]
    public void It_waits_for_the_file_up_saves_and_runs_the_boot_step_on_its_directory()
    {
        var lines = File.ReadAllLines(Unit);

        Assert.Contains($"ConditionPathExists={BootKillSwitchStore.DefaultPath}", lines);
        Assert.Contains("ExecStart=/usr/bin/causeway boot --state-dir /var/lib/causeway", lines);
        Assert.Contains("DefaultDependencies=no", lines);
        Assert.Contains("Before=network-pre.target zerotier-one.service causeway.service", lines);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Causeway.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Causeway.slnx above {AppContext.BaseDirectory}");
    }
}
