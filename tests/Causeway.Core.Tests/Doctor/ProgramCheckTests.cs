using Causeway.Core.Doctor;
using CsCheck;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

public sealed class ProgramCheckTests
{
    private static DoctorFinding Program(DoctorFacts facts, string name) => DoctorHost.Finding(facts, DoctorPrograms.FindingId(name));

    private static DoctorFacts With(ProgramFacts program) =>
        DoctorHost.Healthy() with { Programs = [.. DoctorHost.Programs().Select(p => p.Name == program.Name ? program : p)] };

    [Theory]
    [InlineData("ip", "/usr/sbin/ip, version 6.1")]
    [InlineData("nft", "/usr/sbin/nft, version 1.0.6")]
    [InlineData("openvpn", "/usr/sbin/openvpn, version 2.6.14")]
    [InlineData("conntrack", "/usr/sbin/conntrack")]
    [InlineData("setpriv", "/usr/bin/setpriv")]
    public void Each_program_found_and_new_enough_is_ok_with_its_path_and_version(string name, string seen)
    {
        var finding = Program(DoctorHost.Healthy(), name);

        Assert.Equal((DoctorSeverity.Ok, seen), (finding.Severity, finding.Seen));
    }

    [Theory]
    [InlineData("ip", "iproute2")]
    [InlineData("nft", "nftables")]
    [InlineData("openvpn", "openvpn")]
    [InlineData("conntrack", "conntrack")]
    [InlineData("setpriv", "util-linux")]
    public void A_missing_program_is_a_problem_whose_fix_installs_its_package(string name, string package)
    {
        var message = $"`{name}` is not installed: Causeway looks for it in /usr/sbin, /usr/bin, /sbin, /bin only, never through $PATH (install the package that has it)";

        var finding = Program(With(ProgramFacts.Missing(name, package, message)), name);

        Assert.Equal((DoctorSeverity.Problem, message, $"apt-get install {package}"), (finding.Severity, finding.Seen, finding.Fix));
    }

    [Fact]
    public void A_program_others_could_change_is_a_problem_whose_fix_makes_it_roots()
    {
        var message = "refusing to run /usr/sbin/nft: it is writable by group or others (mode 0777); Causeway runs programs as root, so only root may be able to change them (chown root:root and chmod go-w, or reinstall the package)";

        var finding = Program(With(ProgramFacts.Missing("nft", "nftables", message)), "nft");

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.StartsWith("make it root's alone: chown root:root /usr/sbin/nft && chmod go-w /usr/sbin/nft", finding.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nft", "nftables v0.9.8 (E.D.S.)", "version 0.9.8, older than 1.0")]
    [InlineData("openvpn", "OpenVPN 2.5.1 x86_64-pc-linux-gnu [SSL (OpenSSL)]", "version 2.5.1, older than 2.6")]
    public void An_older_version_is_a_problem_whose_fix_upgrades_it(string name, string output, string seen)
    {
        var finding = Program(With(new ProgramFacts(name, name == "nft" ? "nftables" : "openvpn", $"/usr/sbin/{name}", null, output)), name);

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.Equal($"/usr/sbin/{name} is {seen}", finding.Seen);
        Assert.StartsWith("upgrade ", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_it_cannot_read_is_a_warning()
    {
        var finding = Program(With(new ProgramFacts("openvpn", "openvpn", "/usr/sbin/openvpn", null, "openvpn: unrecognized option")), "openvpn");

        Assert.Equal(DoctorSeverity.Warning, finding.Severity);
        Assert.Contains("could not read its version from `openvpn --version` (\"openvpn: unrecognized option\")", finding.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ip_without_json_is_a_problem()
    {
        var ip = DoctorHost.Programs()[0] with { JsonProblem = "`ip -N -json rule list` failed: Option \"-json\" is unknown, try \"ip -help\"." };

        var finding = Program(With(ip), "ip");

        Assert.Equal(DoctorSeverity.Problem, finding.Severity);
        Assert.Contains("is unknown", finding.Seen, StringComparison.Ordinal);
        Assert.Contains("apt-get install iproute2", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_version_is_a_problem_exactly_when_it_is_below_the_minimum()
    {
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 12], Gen.Int[0, 20]).Sample((major, minor, patch) =>
        {
            foreach (var requirement in new[] { DoctorPrograms.Nft, DoctorPrograms.OpenVpn })
            {
                var output = requirement == DoctorPrograms.Nft ? $"nftables v{major}.{minor}.{patch} (x)" : $"OpenVPN {major}.{minor}.{patch} x86_64";
                var finding = Program(With(new ProgramFacts(requirement.Name, requirement.Package, $"/usr/sbin/{requirement.Name}", null, output)), requirement.Name);

                var old = new Version(major, minor, patch) < requirement.Minimum;
                Assert.Equal(old ? DoctorSeverity.Problem : DoctorSeverity.Ok, finding.Severity);
            }
        });
    }
}
