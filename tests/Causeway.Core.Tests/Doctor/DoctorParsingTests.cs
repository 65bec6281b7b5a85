using System.Security.Cryptography.X509Certificates;
using Causeway.Core.Doctor;
using Causeway.Core.Netlink;
using Causeway.Core.Pki;
using Causeway.Core.ZeroTier;
using Xunit;

namespace Causeway.Core.Tests.Doctor;

/// <summary>The small readers doctor's facts come through: local.conf, ufw's files, `ip -details` link kinds, a certificate's start.</summary>
public sealed class DoctorParsingTests
{
    [Fact]
    public void Local_conf_gives_its_interface_prefix_blacklist()
    {
        var json = """{ "settings": { "primaryPort": 9993, "interfacePrefixBlacklist": ["docker", "veth", ""] } }""";

        Assert.Equal(["docker", "veth"], ZeroTierLocalConf.InterfacePrefixBlacklist(json));
        Assert.Empty(ZeroTierLocalConf.InterfacePrefixBlacklist("""{ "physical": {} }"""));
        Assert.Throws<FormatException>(() => ZeroTierLocalConf.InterfacePrefixBlacklist("{ settings"));
    }

    [Theory]
    [InlineData("vpn0", true)]
    [InlineData("wg0", true)]
    [InlineData("tun0", false)]
    [InlineData("tap-x", false)]
    [InlineData("zt2nvuuqiv", false)]
    [InlineData("lo", false)]
    [InlineData("docker0", false)]
    public void ZeroTier_binds_to_every_name_but_its_own_skipped_prefixes_and_the_blacklist(string name, bool binds)
    {
        Assert.Equal(binds, ZeroTierBinding.WouldBind(name, ["docker"]));
    }

    [Fact]
    public void Shell_assignments_take_the_last_unquoted_value_and_skip_comments()
    {
        var text = "# DEFAULT_FORWARD_POLICY=\"ACCEPT\"\nDEFAULT_FORWARD_POLICY=\"ACCEPT\"\nDEFAULT_FORWARD_POLICY=\"DROP\"\nENABLED=yes\n";

        Assert.Equal("DROP", ShellAssignments.Value(text, "DEFAULT_FORWARD_POLICY"));
        Assert.Equal("yes", ShellAssignments.Value(text, "ENABLED"));
        Assert.Null(ShellAssignments.Value(text, "DEFAULT_INPUT_POLICY"));
    }

    [Fact]
    public void Ip_details_give_each_links_kind()
    {
        var json = """
            [{"ifindex":2,"ifname":"vpn0","flags":["POINTOPOINT"],"mtu":1500,"link_type":"none","linkinfo":{"info_kind":"tun","info_data":{"type":"tun"}}},
             {"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP"],"mtu":65536,"link_type":"loopback"}]
            """;

        var links = IpLinkParser.Parse(json);

        Assert.Equal([("vpn0", "tun"), ("lo", null)], links.Select(l => (l.Name, l.Kind)));
    }

    [Fact]
    public void A_certificates_validity_start_is_read_from_its_pem()
    {
        var start = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        using var authority = CertificateAuthority.Create("Doctor Test CA", start, TimeSpan.FromDays(10));

        using var certificate = X509Certificate2.CreateFromPem(authority.CertificatePem);
        var expected = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        Assert.Equal(expected, CertificateValidity.NotBefore(authority.CertificatePem));
        Assert.InRange(expected, start.AddDays(-1), start);
        Assert.Throws<PkiException>(() => CertificateValidity.NotBefore("not a certificate"));
    }
}
