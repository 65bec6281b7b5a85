using Causeway.Engine.Seams;
using Causeway.Integration.Tests.Acceptance;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Package;

/// <summary>
/// What the two .deb files hold, read with dpkg-deb (no install): every file with its owner and mode, the control
/// fields, the maintainer scripts, and a binary for the right machine that runs — the arm64 one under qemu-user.
/// </summary>
public sealed class PackageContentsTests
{
    private static readonly ProcessCommandRunner Runner = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public async Task The_package_holds_exactly_the_products_files_owned_by_root_with_their_modes(string architecture)
    {
        var package = DebianPackage.For(architecture);

        var entries = await package.EntriesAsync();

        var expected = PackagedFile.All.Select(f => new DebEntry(f.Mode, "root/root", f.Path).ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(string.Join('\n', expected), string.Join('\n', entries.Select(e => e.ToString()).Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public async Task The_control_fields_name_its_architecture_version_and_every_dependency(string architecture)
    {
        var package = DebianPackage.For(architecture);

        Assert.Equal("causeway", await package.FieldAsync("Package"));
        Assert.Equal(architecture, await package.FieldAsync("Architecture"));
        var depends = (await package.FieldAsync("Depends")).Split(',', StringSplitOptions.TrimEntries);
        Assert.Equal(PackagedFile.Dependencies, depends);
        var version = await package.FieldAsync("Version");
        Assert.Matches(@"^\d+\.\d+\.\d+\+git\d+\.[0-9a-f]{7}$", version);
        Assert.EndsWith($"_{version}_{architecture}.deb", package.Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amd64")]
    [InlineData("arm64")]
    public async Task The_maintainer_scripts_are_there_and_executable(string architecture)
    {
        using var directory = new TempDirectory();

        var control = await DebianPackage.For(architecture).ControlFilesAsync(directory.File("control"));

        const UnixFileMode Script = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        const UnixFileMode Data = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        Assert.Equal(["control", "md5sums", "postinst", "postrm", "prerm"], control.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Data, control["control"]);
        Assert.Equal(Data, control["md5sums"]);
        Assert.All(new[] { "postinst", "postrm", "prerm" }, s => Assert.Equal(Script, control[s]));
    }

    [Theory]
    [InlineData("amd64", ElfMachine.X86_64)]
    [InlineData("arm64", ElfMachine.Aarch64)]
    public async Task The_binary_is_built_for_the_packages_machine(string architecture, int machine)
    {
        using var directory = new TempDirectory();
        await DebianPackage.For(architecture).ExtractAsync(directory.Path);

        Assert.Equal(machine, ElfMachine.Of(directory.File("usr/bin/causeway")));
    }

    [Fact]
    public async Task The_arm64_binary_prints_the_same_version_under_qemu_as_the_amd64_one_natively()
    {
        using var directory = new TempDirectory();
        await DebianPackage.Arm64.ExtractAsync(directory.File("arm64"));
        await DebianPackage.Amd64.ExtractAsync(directory.File("amd64"));

        var arm64 = await RunAsync(QemuArguments(directory.File("arm64/usr/bin/causeway"), "--version"));
        var amd64 = await RunAsync([directory.File("amd64/usr/bin/causeway"), "--version"]);

        Assert.True(arm64.Succeeded, $"qemu-aarch64-static: exit {arm64.ExitCode}: {arm64.StandardError}");
        Assert.True(amd64.Succeeded, $"exit {amd64.ExitCode}: {amd64.StandardError}");
        Assert.Matches(@"^\d+\.\d+\.\d+\+[0-9a-f]{40}\n$", arm64.StandardOutput);
        Assert.Equal(amd64.StandardOutput, arm64.StandardOutput);
    }

    /// <summary>
    /// `plan` runs the whole pure core and reads the host (ip, nft: amd64 programs, which the arm64 binary runs as
    /// children; qemu-user hands their exec to the kernel) in a namespace with an overlay interface.
    /// </summary>
    [RootFact]
    public async Task The_arm64_binary_plans_a_gateway_under_qemu()
    {
        using var directory = new TempDirectory();
        await DebianPackage.Arm64.ExtractAsync(directory.Path);
        await using var world = await BadInputWorld.CreateAsync();

        var plan = await RunAsync(["ip", "netns", "exec", world.Namespace, .. QemuArguments(directory.File("usr/bin/causeway"), "plan", "-c", world.ConfigPath)]);

        var output = $"exit {plan.ExitCode}\n--- stdout ---\n{plan.StandardOutput}--- stderr ---\n{plan.StandardError}";
        Assert.True(plan.ExitCode == 0, output);
        Assert.Contains("+ nft table inet causeway", plan.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"ip rule IPv4 prio 7271 from all iif {BadInputWorld.Overlay} lookup 7270", plan.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("~ sysctl net.ipv4.ip_forward: 0 -> 1", plan.StandardOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(world.RunDirectory), $"plan made {world.RunDirectory}");
    }

    /// <summary>qemu named explicitly (no binfmt registration needed); -L /: the arm64 libraries from multiarch.</summary>
    private static string[] QemuArguments(string binary, params string[] arguments) =>
        ["qemu-aarch64-static", "-L", "/", binary, .. arguments];

    private static Task<CommandResult> RunAsync(string[] command) =>
        Runner.RunAsync(new CommandSpec(command[0], [.. command[1..]], Timeout: TimeSpan.FromMinutes(1)), Ct);
}
