using Causeway.Core.Profiles;
using Xunit;

namespace Causeway.Core.Tests.Profiles;

/// <summary>What `plan` and `up` print about the profile: bounded, routine drops summed up, the verdict said.</summary>
public sealed class ProfileReportTests
{
    private const string ProfilePath = "/etc/causeway/provider.ovpn";

    private static (ProfileSanitizeResult Result, string[] Lines) Report(string text, bool verbose = false)
    {
        var result = ProfileSanitizer.Sanitize(ProfileParser.Parse(text, ProfilePath), _ => null);
        return (result, [.. ProfileReport.Lines(ProfilePath, result.Diagnostics, result.Profile, verbose)]);
    }

    [Fact]
    public void An_accepted_profile_says_so_and_sums_up_the_routine_drops_in_one_line()
    {
        var (_, lines) = Report(TestMaterial.Profile("dev tun\nauth-user-pass\nping 10\nping-restart 60\nroute 10.0.0.0 255.0.0.0\nredirect-gateway def1\npersist-key\npasstos"));

        Assert.Equal(
            [
                $"{ProfilePath}:10: warning: passtos: would copy the TOS byte (DSCP and ECN) of every packet the tunnel carries, the forwarded clients' included, onto the encrypted packets on the uplink, where anyone on the path could tell the clients' kinds of traffic apart; line dropped (nothing to do: remove the line to silence this warning)",
                $"profile {ProfilePath}: accepted (4 lines kept)",
                $"profile {ProfilePath}: 6 provider lines dropped, as expected; `--verbose` lists them",
            ],
            lines);
    }

    [Fact]
    public void Verbose_lists_the_routine_drops_as_notes()
    {
        var (_, lines) = Report(TestMaterial.Profile("dev tun\nping 10"), verbose: true);

        Assert.Equal(
            [
                $"{ProfilePath}:3: note: dev: names the tunnel device; Causeway uses its own name (egress.device); line dropped",
                $"{ProfilePath}:4: note: ping: Causeway sets its own keepalive (egress.ping_seconds); line dropped",
                $"profile {ProfilePath}: accepted (3 lines kept)",
            ],
            lines);
    }

    [Fact]
    public void A_profile_without_routine_drops_says_only_that_it_was_accepted()
    {
        var (_, lines) = Report(TestMaterial.Profile("nobind"));

        Assert.Equal([$"profile {ProfilePath}: accepted (4 lines kept)"], lines);
    }

    [Fact]
    public void A_refused_profile_lists_its_findings_and_no_verdict()
    {
        var (_, lines) = Report(TestMaterial.Profile("dev tun\nplugin /x.so"));

        Assert.Equal([$"{ProfilePath}:4: error: plugin: loads a shared library into OpenVPN, which runs its code as root (remove this line)"], lines);
    }

    [Fact]
    public void Junk_is_cut_short_after_so_many_findings_errors_first()
    {
        var junk = string.Concat(Enumerable.Range(0, 5000).Select(i => $"junk{i} x\n"));
        var (result, lines) = Report("up /tmp/a\n" + junk + TestMaterial.Profile(""));

        Assert.Equal(5001, result.Diagnostics.Length);
        Assert.Equal(ProfileReport.MaxListed + 1, lines.Length);
        Assert.All(lines[..^1], l => Assert.Contains(": error: junk", l, StringComparison.Ordinal));
        Assert.Equal($"{ProfilePath}: … and 4981 more not shown (4980 errors, 1 warning): fix the ones above first; is this an OpenVPN profile?", lines[^1]);
    }
}
