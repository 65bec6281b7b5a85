using System.Globalization;
using System.Text.RegularExpressions;
using Causeway.Engine.Seams;
using Causeway.Integration.Tests.Acceptance;
using Causeway.Linux.Platform;
using Xunit;

namespace Causeway.Integration.Tests.Package;

/// <summary>
/// The systemd unit the package ships: its exposure as `systemd-analyze security` scores it, every exposure left
/// explained in docs/service.md, and its capability bounding set enough for a gateway with access servers to
/// converge. (This host has no systemd as PID 1: the mount-namespace and system-call protections are checked by
/// systemd-analyze only; the capabilities and NoNewPrivileges are applied for real, with setpriv.)
/// </summary>
public sealed partial class ServiceUnitTests
{
    /// <summary>systemd-analyze's overall exposure (0 to 10; "OK" up to 4.9). Raise it only with a reason in docs/service.md.</summary>
    private const double ExposureLimit = 3.0;

    private static readonly ProcessCommandRunner Runner = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_units_exposure_is_reported_and_every_exposure_left_is_explained_in_the_docs()
    {
        using var directory = new TempDirectory();
        var unit = await PackagedUnitAsync(directory);

        var security = await Runner.RunAsync(new CommandSpec("systemd-analyze", ["security", "--offline=yes", "--no-pager", unit.Path], Timeout: TimeSpan.FromMinutes(1)), Ct);

        var report = security.StandardOutput + security.StandardError;
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        if (RepositoryFiles.TestResults is { } results)
        {
            Directory.CreateDirectory(results);
            await File.WriteAllTextAsync(Path.Combine(results, "causeway.service-security.txt"), report, Ct);
        }

        Assert.True(security.Succeeded, $"systemd-analyze security: exit {security.ExitCode}\n{report}");
        var overall = OverallExposure().Match(report);
        Assert.True(overall.Success, $"no overall exposure level in:\n{report}");
        var level = double.Parse(overall.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(level <= ExposureLimit, $"the unit's exposure is {level}, above {ExposureLimit}:\n{report}");

        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root!, "docs", "service.md"), Ct);
        var exposures = Exposure().Matches(report).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(exposures);
        var unexplained = exposures.Where(e => !docs.Contains($"`{e}`", StringComparison.Ordinal)).ToList();
        Assert.True(unexplained.Count == 0, $"docs/service.md does not explain (as `NAME`) these exposures of the unit: {string.Join(", ", unexplained)}");
    }

    /// <summary>
    /// `causeway up` with [access] as root bounded to the unit's capabilities (and no new privileges): the kill
    /// switch converges, both access servers (UDP 1194, TCP 443: a privileged port) come up, nothing is refused;
    /// `causeway down` under the same bounds takes it all off again.
    /// </summary>
    [RootFact]
    public async Task The_units_capabilities_are_enough_for_a_gateway_with_access_servers_to_converge_and_go()
    {
        // Skipped here, before the world exists, if there is no binary: the world's dispose runs it too.
        var binary = CausewayBinary.Path;
        using var directory = new TempDirectory();
        var unit = await PackagedUnitAsync(directory);
        Assert.Equal(["yes"], unit.Values("NoNewPrivileges"));
        var bounds = unit.BoundingSet;
        Assert.NotEmpty(bounds);
        // The unit's SupplementaryGroups= as well, where the group exists on this host (another test's package
        // install may have made it): the daemon hands its status socket to that group as the socket's owner.
        var groups = unit.Values("SupplementaryGroups").Where(g => File.ReadAllLines("/etc/group").Any(l => l.StartsWith(g + ":", StringComparison.Ordinal))).ToList();
        string[] wrapper =
        [
            "setpriv", "--no-new-privs",
            .. groups.Count > 0 ? new[] { "--groups", string.Join(',', groups) } : [],
            "--bounding-set=-all," + string.Join(',', bounds.Select(c => "+" + c["CAP_".Length..].ToLowerInvariant())),
        ];
        await using var world = await DuoGatewayWorld.CreateAsync();

        Assert.True(File.Exists(binary), $"{binary} is missing");
        var up = world.StartUp(wrapper: wrapper);
        var status = await world.WaitForStatusAsync(
            up,
            s => s.Reconcile.Converged && s.KillSwitch.RouteLayer && s.KillSwitch.NftLayer && s.Access is { } a && a.Servers.Length == 2 && a.Servers.All(x => x.Up),
            "converged, both layers, both access servers up");

        Assert.Null(status.Reconcile.LastError);
        var effective = (await world.Scope.ExecAsync(world.Vm, "grep", "^CapEff:", $"/proc/{up.Pid}/status")).StandardOutput;
        Assert.Equal(Mask(bounds), ulong.Parse(effective.Split(':')[1].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        foreach (var refusal in new[] { "Operation not permitted", "Permission denied", "EPERM", "EACCES" })
        {
            Assert.DoesNotContain(refusal, up.Log, StringComparison.Ordinal);
        }

        await up.SignalAsync(UnixSignals.Terminate);
        Assert.Equal(0, await up.WaitForExitAsync(DuoGatewayWorld.Timeout));
        var down = await world.CausewayAsAsync(wrapper, "down", "-c", world.ConfigPath);
        Assert.True(down.Succeeded, $"causeway down under the unit's bounds: exit {down.ExitCode}\n{down.StandardOutput}{down.StandardError}");
        var left = await world.Scope.TryExecAsync(world.Vm, "nft", "list", "table", "inet", "causeway");
        Assert.False(left.Succeeded, "the nft table is still there after down");
    }

    /// <summary>The unit as the amd64 package ships it, unpacked under <paramref name="directory"/>.</summary>
    private static async Task<ServiceUnit> PackagedUnitAsync(TempDirectory directory)
    {
        await DebianPackage.Amd64.ExtractAsync(directory.Path);
        return new ServiceUnit(directory.File("lib/systemd/system/causeway.service"));
    }

    /// <summary>The kernel's capability bit mask of names like CAP_NET_ADMIN (as /proc/PID/status shows CapEff).</summary>
    private static ulong Mask(IEnumerable<string> capabilities) => capabilities.Aggregate(0UL, (mask, name) => mask | (1UL << Number(name)));

    private static int Number(string capability) => capability switch
    {
        "CAP_CHOWN" => 0,
        "CAP_DAC_OVERRIDE" => 1,
        "CAP_DAC_READ_SEARCH" => 2,
        "CAP_FOWNER" => 3,
        "CAP_KILL" => 5,
        "CAP_SETGID" => 6,
        "CAP_SETUID" => 7,
        "CAP_NET_BIND_SERVICE" => 10,
        "CAP_NET_BROADCAST" => 11,
        "CAP_NET_ADMIN" => 12,
        "CAP_NET_RAW" => 13,
        "CAP_IPC_LOCK" => 14,
        "CAP_SYS_CHROOT" => 18,
        "CAP_SYS_ADMIN" => 21,
        _ => throw new ArgumentOutOfRangeException(nameof(capability), capability, "not in this test's table: add its number (linux/capability.h)"),
    };

    [GeneratedRegex(@"Overall exposure level for \S+: (\d+\.\d+)")]
    private static partial Regex OverallExposure();

    /// <summary>
    /// A line systemd-analyze marks ✗ ("-" without a UTF-8 locale), e.g. "✗ PrivateNetwork=   Service has access to the
    /// host's network   0.5".
    /// </summary>
    [GeneratedRegex(@"^(?:✗|-) (\S+)", RegexOptions.Multiline)]
    private static partial Regex Exposure();
}
