using Causeway.Engine.Seams;
using Causeway.Integration.Tests.Acceptance;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Package;

/// <summary>
/// The amd64 package on this host, through its whole life: install an older build, write a config and an access
/// PKI, upgrade to this build and reinstall it (the config and the PKI byte for byte the same each time), check every
/// installed file, the group and the directories, run the binary and check the unit with systemd-analyze; then
/// `dpkg -r` keeps the config and the PKI, and `dpkg --purge` leaves nothing of the package's behind (but the
/// `causeway` group, as Debian does with system groups: docs/service.md). dpkg runs inside a namespace of the test's
/// own, so that the prerm's `causeway down` touches no network state of the host's. The package is purged however
/// the test ends, and one left installed by an aborted run is purged first. In the lab gateway's collection, so never
/// at the same time as its tests: while installed, the package's /etc/causeway/causeway.toml and `causeway` group are
/// what a `causeway status` without -c reads (<see cref="StatusAsUserTests"/> would skip itself, or race).
/// </summary>
[Collection(LabGatewayCollection.Name)]
public sealed class PackageLifecycleTests
{
    private const string Config = "/etc/causeway/causeway.toml";
    private const string ConfigDirectory = "/etc/causeway";
    private const string StateDirectory = "/var/lib/causeway";
    private const string RunDirectory = "/run/causeway";
    private const string OlderVersion = "0.9.0+older";

    private static readonly ProcessCommandRunner Runner = new();

    [RootFact]
    public async Task Install_upgrade_reinstall_remove_and_purge_keep_what_they_must_and_leave_nothing_else()
    {
        var package = DebianPackage.Amd64;
        var version = await package.FieldAsync("Version");
        using var directory = new TempDirectory();
        var older = await package.RepackAsync(OlderVersion, directory.File("older"));
        await using var scope = NetnsScope.Create();
        var dpkg = new Dpkg(await scope.AddNamespaceAsync("pkg"));
        await PurgeLeftoversAsync(dpkg);
        try
        {
            // An older build first, then the config and the state an access gateway has after a while.
            await dpkg.RunAsync("--install", older);
            Assert.Equal(OlderVersion, await Dpkg.VersionAsync("causeway"));
            await WriteConfigAndStateAsync();
            var kept = await HostFiles.SnapshotAsync(ConfigDirectory, StateDirectory);

            // The upgrade, then the same version again: the config and the PKI are the same, byte for byte.
            await dpkg.RunAsync("--install", package.Path);
            Assert.Equal(version, await Dpkg.VersionAsync("causeway"));
            Assert.Equal(kept, await HostFiles.SnapshotAsync(ConfigDirectory, StateDirectory));
            await AssertInstalledAsync();

            await dpkg.RunAsync("--install", package.Path);
            Assert.Equal("ii ", await Dpkg.StatusAsync("causeway"));
            Assert.Equal(kept, await HostFiles.SnapshotAsync(ConfigDirectory, StateDirectory));
            await AssertInstalledAsync();

            // The binary the package installed is this build (its version names the same commit).
            var printed = await RunAsync("/usr/bin/causeway", "--version");
            Assert.True(printed.Succeeded, printed.StandardError);
            var (upstream, commit) = SplitVersion(version);
            Assert.StartsWith($"{upstream}+{commit}", printed.StandardOutput, StringComparison.Ordinal);

            // The installed binary's preflight runs and says what it found, as JSON. The config the test wrote names an
            // overlay this namespace does not have: a bad input to doctor (exit 2), said in its `config` finding.
            var doctor = await RunAsync("/usr/bin/causeway", "doctor", "--json");
            Assert.True(doctor.ExitCode is 0 or 1 or 2, $"causeway doctor: exit {doctor.ExitCode}\n{doctor.StandardOutput}{doctor.StandardError}");
            using (var findings = System.Text.Json.JsonDocument.Parse(doctor.StandardOutput))
            {
                Assert.Contains("tun-device", findings.RootElement.ToString(), StringComparison.Ordinal);
            }

            // The installed units, with the binary and the man page they name in place: not a word from verify (it
            // exits 0 even on unknown keys, so the output is what says it is right).
            foreach (var unit in new[] { "causeway.service", "causeway-boot.service" })
            {
                var verify = await RunAsync("systemd-analyze", "verify", $"/lib/systemd/system/{unit}");
                Assert.True(verify.Succeeded && verify.StandardOutput.Length == 0 && verify.StandardError.Length == 0,
                    $"systemd-analyze verify {unit}: exit {verify.ExitCode}\n{verify.StandardOutput}{verify.StandardError}");
            }

            // The early-boot kill switch is enabled from the install on (it waits for a converged `up`).
            Assert.True(File.Exists("/etc/systemd/system/sysinit.target.wants/causeway-boot.service"), "causeway-boot.service is not enabled after the install");

            // Remove: the binary and the unit go; the config and the state stay (the PKI, so that a reinstall keeps
            // every phone's profile). The prerm took Causeway off the host with `causeway down` first.
            var removed = await dpkg.RunAsync("--remove", "causeway");
            Assert.Contains("nothing of causeway's was left on this host", removed.StandardOutput + removed.StandardError, StringComparison.Ordinal);
            Assert.Equal("rc ", await Dpkg.StatusAsync("causeway"));
            Assert.False(File.Exists("/usr/bin/causeway"), "/usr/bin/causeway is still there after dpkg -r");
            Assert.False(File.Exists("/lib/systemd/system/causeway.service"), "the unit is still there after dpkg -r");
            Assert.Equal(kept, await HostFiles.SnapshotAsync(ConfigDirectory, StateDirectory));

            // Purge: nothing of the package's is left.
            await dpkg.RunAsync("--purge", "causeway");
            Assert.Null(await Dpkg.StatusAsync("causeway"));
            var left = PackagedFile.Own.Select(f => f.HostPath).Concat([ConfigDirectory, StateDirectory, RunDirectory, "/etc/systemd/system/sysinit.target.wants/causeway-boot.service", "/etc/systemd/system/causeway-boot.service"])
                .Where(p => File.Exists(p) || Directory.Exists(p)).ToList();
            Assert.True(left.Count == 0, $"left after dpkg --purge: {string.Join(", ", left)}");
            Assert.True((await RunAsync("getent", "group", "causeway")).Succeeded, "the causeway group was removed; docs/service.md says it stays");
        }
        finally
        {
            await dpkg.TryRunAsync("--purge", "causeway");
        }
    }

    /// <summary>
    /// Every file of the package (and its own directories: /usr, /lib … are the host's, /lib a symlink on merged-/usr
    /// systems) with its owner and mode; the group; the directories the postinst made.
    /// </summary>
    private static async Task AssertInstalledAsync()
    {
        var expected = PackagedFile.Own.Select(f => $"{f.HostPath} root:root {f.Mode}")
            .Append($"{ConfigDirectory} root:causeway drwxr-x---")
            .Append($"{StateDirectory} root:root drwx------");
        var actual = new List<string>();
        foreach (var file in PackagedFile.Own)
        {
            actual.Add($"{file.HostPath} {await HostFiles.DescribeAsync(file.HostPath)}");
        }

        actual.Add($"{ConfigDirectory} {await HostFiles.DescribeAsync(ConfigDirectory)}");
        actual.Add($"{StateDirectory} {await HostFiles.DescribeAsync(StateDirectory)}");
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
        Assert.True((await RunAsync("getent", "group", "causeway")).Succeeded, "no causeway group after install");

        // What dpkg says it installed is the same list: nothing it would leave or remove unseen.
        var listed = (await RunAsync("dpkg-query", "--listfiles", "causeway")).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p != "/.").Order(StringComparer.Ordinal);
        Assert.Equal(PackagedFile.All.Where(f => f.Path != "/").Select(f => f.HostPath).Order(StringComparer.Ordinal), listed);
    }

    /// <summary>
    /// A config an admin wrote (0640 root:causeway) with its provider files, and the state of a gateway with
    /// [access]: the directory's mark, the access PKI and the client registry (stand-ins: their bytes are what counts).
    /// </summary>
    private static async Task WriteConfigAndStateAsync()
    {
        WriteFile(Config, """
            [overlay]
            interface = "ov0"
            subnets = ["10.99.0.0/24"]

            [egress]
            profile = "provider.ovpn"
            auth = "provider.auth"

            """, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var chown = await RunAsync("chown", "root:causeway", Config);
        Assert.True(chown.Succeeded, $"chown root:causeway {Config}: {chown.StandardError}");
        WriteFile(Path.Combine(ConfigDirectory, "provider.ovpn"), BadInputWorld.GoodProfile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        WriteFile(Path.Combine(ConfigDirectory, "provider.auth"), "user\nsecret\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        WriteFile(Path.Combine(StateDirectory, ".causeway-owned"), "causeway\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        WriteFile(Path.Combine(StateDirectory, "access.lock"), string.Empty, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var access = Path.Combine(StateDirectory, "access");
        Directory.CreateDirectory(access, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var name in new[] { "ca.crt", "ca.key", "server.crt", "server.key", "tls-crypt.key", "crl.pem", "clients.json", "last-seen.json" })
        {
            var path = Path.Combine(access, name);
            await File.WriteAllBytesAsync(path, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024), CancellationToken.None);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>
    /// A causeway package an aborted run left (installed, or removed with its config) is purged. Config or state
    /// directories without any package are someone's own: the test stops rather than delete them.
    /// </summary>
    private static async Task PurgeLeftoversAsync(Dpkg dpkg)
    {
        if (await Dpkg.StatusAsync("causeway") is not null)
        {
            await dpkg.RunAsync("--purge", "causeway");
        }

        foreach (var path in new[] { ConfigDirectory, StateDirectory })
        {
            Assert.False(Directory.Exists(path), $"{path} exists but no causeway package is installed: not this test's to delete; move it away and run the test again");
        }
    }

    private static void WriteFile(string path, string content, UnixFileMode mode)
    {
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
    }

    /// <summary>"1.0.0+git210.56668cb" → ("1.0.0", "56668cb").</summary>
    private static (string Upstream, string Commit) SplitVersion(string version)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return (version[..plus], version[(version.LastIndexOf('.') + 1)..]);
    }

    private static Task<CommandResult> RunAsync(string program, params string[] arguments) =>
        Runner.RunAsync(new CommandSpec(program, [.. arguments], Timeout: TimeSpan.FromMinutes(1)), CancellationToken.None);
}
