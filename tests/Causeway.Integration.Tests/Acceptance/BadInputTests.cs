using System.Text.RegularExpressions;
using Causeway.Engine.Seams;
using Causeway.Lab.Machine;
using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// Uno item 7, on the AOT binary: bad input never changes the host. Each case runs `causeway up` in a namespace of
/// its own and must give exactly one error line that names the problem (where: file:line:column; what to do),
/// exit 2, create neither the run nor the state directory, and leave the namespace's rules, routes, nft ruleset,
/// sysctls and processes exactly as they were. A control proves the snapshot would see what a good `up` changes.
/// </summary>
public sealed class BadInputTests
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromSeconds(30);

    /// <summary>What a trimmed binary prints instead of a system message, e.g. UnauthorizedAccess_IODenied_Path.</summary>
    private static readonly Regex ResourceKey = new("[A-Z][A-Za-z]+_[A-Z][A-Za-z_]+");

    public static TheoryData<string> CaseNames => new(BadInputCases.All.Select(c => c.Name));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_is_one_clear_error_exit_2_and_no_change(string name)
    {
        var badInput = BadInputCases.Named(name);
        await using var world = await BadInputWorld.CreateAsync();
        var config = badInput.Arrange(world);
        var before = await NamespaceSnapshot.CaptureAsync(world.Namespace, Ct);

        var up = await world.CausewayAsync(badInput.RunAs, "up", "-c", config);

        var after = await NamespaceSnapshot.CaptureAsync(world.Namespace, Ct);
        var output = $"exit {up.ExitCode}\n--- stdout ---\n{up.StandardOutput}--- stderr ---\n{up.StandardError}";
        TestContext.Current.TestOutputHelper?.WriteLine(output);

        var errors = up.StandardError.Split('\n').Where(l => l.Contains(": error: ", StringComparison.Ordinal)).ToList();
        var error = Assert.Single(errors);
        Assert.StartsWith(badInput.Location(world), error, StringComparison.Ordinal);
        Assert.All(badInput.Expected, fragment => Assert.Contains(fragment, error, StringComparison.Ordinal));
        Assert.DoesNotMatch(ResourceKey, error);
        Assert.Equal(2, up.ExitCode);
        Assert.Contains("nothing was changed on this host", up.StandardError, StringComparison.Ordinal);
        Assert.Empty(up.StandardOutput);

        Assert.True(before.DifferencesTo(after).IsEmpty, $"the namespace changed:\n{NamespaceSnapshot.Diff(before, after)}\n{output}");
        Assert.False(Directory.Exists(world.RunDirectory), $"{world.RunDirectory} was created");
        Assert.False(Directory.Exists(world.StateDirectory), $"{world.StateDirectory} was created");
    }

    /// <summary>
    /// Files that are not regular files are refused without being opened for reading: a FIFO used to hang `up` for
    /// good (SIGTERM ignored), /dev/zero to grow it to ~4 GB before it died. Now: exit 2 at once.
    /// </summary>
    [Theory]
    [InlineData("config-is-a-fifo")]
    [InlineData("config-is-a-symlink-to-dev-zero")]
    [InlineData("profile-is-a-fifo")]
    [InlineData("ca-file-is-a-symlink-to-dev-zero")]
    public async Task Special_files_are_refused_at_once(string name)
    {
        await using var world = await BadInputWorld.CreateAsync();
        var config = BadInputCases.Named(name).Arrange(world);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var up = await world.CausewayAsync(RunAs.Root, "up", "-c", config);

        Assert.Equal(2, up.ExitCode);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"took {started.Elapsed}");
    }

    /// <summary>
    /// The control: the good config of the same world does change the namespace (so an equal snapshot above means
    /// something), SIGTERM leaves the kill switch, and `down` brings the namespace back to its snapshot.
    /// </summary>
    [Fact]
    public async Task The_good_config_does_change_the_namespace_and_down_restores_it()
    {
        await using var world = await BadInputWorld.CreateAsync();
        var before = await NamespaceSnapshot.CaptureAsync(world.Namespace, Ct);

        await using (var up = UpProcess.Start("ip", world.IpArguments(RunAs.Root, "up", "-c", world.ConfigPath)))
        {
            // The kill switch goes in before OpenVPN starts (which never connects here: nothing answers).
            await up.WaitForLogAsync("started openvpn", UpTimeout);
            await Waiting.UntilAsync(
                async token => (await NamespaceProcesses.PidsNamedAsync(world.Namespace, "openvpn", token)).Count > 0,
                UpTimeout, "openvpn to run in the namespace", TimeProvider.System, Ct);
            var running = await NamespaceSnapshot.CaptureAsync(world.Namespace, Ct);
            var changes = before.DifferencesTo(running);
            Assert.Contains(changes, c => c.StartsWith("+ [ip -4 rule]", StringComparison.Ordinal) && c.Contains("iif=ov0", StringComparison.Ordinal));
            Assert.Contains(changes, c => c.StartsWith("+ [nft ruleset] table inet causeway", StringComparison.Ordinal));
            Assert.Contains(changes, c => c == "+ [sysctl] net.ipv4.ip_forward=1");
            Assert.True(changes.Any(c => c.StartsWith("+ [processes]", StringComparison.Ordinal) && c.EndsWith(" openvpn", StringComparison.Ordinal)), $"no openvpn in the snapshot:\n{string.Join('\n', changes)}\n{up.Tail()}");

            await up.SignalAsync(UnixSignals.Terminate);
            Assert.Equal(0, await up.WaitForExitAsync(UpTimeout));
        }

        var stopped = await NamespaceSnapshot.CaptureAsync(world.Namespace, Ct);
        Assert.Contains(before.DifferencesTo(stopped), c => c.StartsWith("+ [nft ruleset] table inet causeway", StringComparison.Ordinal));
        Assert.DoesNotContain(before.DifferencesTo(stopped), c => c.Contains("[processes]", StringComparison.Ordinal));

        var down = await world.CausewayAsync(RunAs.Root, "down", "-c", world.ConfigPath);
        Assert.True(down.Succeeded, $"exit {down.ExitCode}: {down.StandardError}");
        var after = await NamespaceSnapshot.CaptureAsync(world.Namespace, Ct);
        Assert.True(before.DifferencesTo(after).IsEmpty, $"down left the namespace changed:\n{NamespaceSnapshot.Diff(before, after)}");
    }
}
