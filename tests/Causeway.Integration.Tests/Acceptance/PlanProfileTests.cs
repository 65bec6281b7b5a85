using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// Issue 7, on the AOT binary: `plan` says the provider profile was accepted, sums up the lines every provider ships
/// and Causeway drops in one line (listed with --verbose), and keeps a warning of its own for an unusual line. The
/// profile is TorGuard's shape: "ca ca.crt" with no ca.crt anywhere, then the certificate inline.
/// </summary>
public sealed class PlanProfileTests
{
    [Fact]
    public async Task Plan_says_the_profile_was_accepted_and_counts_the_routine_drops()
    {
        await using var world = await BadInputWorld.CreateAsync();
        var config = world.ConfigWithProfile("torguard.ovpn", Downloaded);

        var plan = await world.CausewayAsync(RunAs.Root, "plan", "-c", config);
        var verbose = await world.CausewayAsync(RunAs.Root, "plan", "--verbose", "-c", config);

        var output = $"exit {plan.ExitCode}\n--- stderr ---\n{plan.StandardError}--- verbose stderr ---\n{verbose.StandardError}";
        TestContext.Current.TestOutputHelper?.WriteLine(output);
        Assert.True(plan.ExitCode == 0, output);
        var profile = world.PathOf("torguard.ovpn");
        Assert.Equal(
            [
                $"{profile}:10: warning: passtos: would copy the TOS byte (DSCP and ECN) of every packet the tunnel carries, the forwarded clients' included, onto the encrypted packets on the uplink, where anyone on the path could tell the clients' kinds of traffic apart; line dropped (nothing to do: remove the line to silence this warning)",
                $"profile {profile}: accepted (6 lines kept)",
                $"profile {profile}: 6 provider lines dropped, as expected; `--verbose` lists them",
            ],
            ProfileLines(plan.StandardError, profile));

        Assert.True(verbose.ExitCode == 0, output);
        var listed = ProfileLines(verbose.StandardError, profile);
        Assert.Equal(8, listed.Length);
        Assert.Contains($"{profile}:2: note: dev: names the tunnel device; Causeway uses its own name (egress.device); line dropped", listed);
        Assert.Contains($"{profile}:7: note: ca: replaced by the <ca> block at line 13, as OpenVPN uses the last ca; the file is not read; line dropped", listed);
        Assert.DoesNotContain(listed, l => l.Contains("provider lines dropped", StringComparison.Ordinal));
        Assert.Equal(plan.StandardOutput, verbose.StandardOutput);
    }

    private static string Downloaded => $"""
        client
        dev tun
        proto udp
        remote 192.0.2.99 1194
        remote-cert-tls server
        auth SHA256
        ca ca.crt
        nobind
        ping 10
        passtos
        ping-restart 60
        redirect-gateway def1
        {BadInputWorld.GoodProfile[BadInputWorld.GoodProfile.IndexOf("<ca>", StringComparison.Ordinal)..]}auth-user-pass

        """;

    /// <summary>What the command said about the profile (the config's own findings name the config file).</summary>
    private static string[] ProfileLines(string standardError, string profile) =>
        [.. standardError.Split('\n').Where(l => l.Contains(profile, StringComparison.Ordinal))];
}
