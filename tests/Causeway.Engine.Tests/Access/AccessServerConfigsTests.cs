using System.Net;
using Causeway.Core.Config;
using Causeway.Core.Pki;
using Causeway.Engine.Access;
using Xunit;

namespace Causeway.Engine.Tests.Access;

public sealed class AccessServerConfigsTests
{
    [Fact]
    public void Writes_each_servers_config_0600_in_the_0700_openvpn_directory_and_says_how_to_start_it()
    {
        var settings = ConfigLoader.Load(
            "[overlay]\nzerotier_network = \"8bd5124fd6f4d0a1\"\n[egress]\nprofile = \"p.ovpn\"\n[access]\n", "/etc/causeway/causeway.toml").Settings!;
        var files = new InMemoryFileSystem();

        var launches = AccessServerConfigs.Write(files, settings.Instance, settings.Access!, [IPNetwork.Parse("10.147.17.0/24")]);

        Assert.Equal(["/run/causeway/openvpn/access-udp.conf", "/run/causeway/openvpn/access-tcp.conf"], launches.Select(l => l.ConfigPath));
        Assert.Equal("/run/causeway/openvpn/access-tcp.sock", launches[1].ManagementSocketPath);
        Assert.Equal("/run/causeway/openvpn/access-udp.pid", launches[0].PidFilePath);
        Assert.Equal(PkiFileModes.Directory, files.Stat("/run/causeway/openvpn").Mode);
        Assert.All(launches, l => Assert.Equal(PkiFileModes.File, files.Stat(l.ConfigPath).Mode));
        Assert.Contains("push \"route 10.147.17.0 255.255.255.0\"\n", files.ContentOf(launches[0].ConfigPath), StringComparison.Ordinal);
        Assert.Contains("proto tcp-server\n", files.ContentOf(launches[1].ConfigPath), StringComparison.Ordinal);

        // Detached: it outlives `causeway up`, its output in its own file.
        var spec = launches[0].ToProcessSpec("/usr/sbin/openvpn");
        Assert.Equal("/usr/sbin/openvpn --config /run/causeway/openvpn/access-udp.conf", spec.ToString());
        Assert.False(spec.DieWithParent);
        Assert.Equal("/run/causeway/openvpn/access-udp.log", spec.DetachedLogFile);
    }

    [Fact]
    public void A_renewed_server_certificate_or_a_new_tls_crypt_key_changes_the_config_and_the_crl_does_not()
    {
        var settings = ConfigLoader.Load(
            "[overlay]\nzerotier_network = \"8bd5124fd6f4d0a1\"\n[egress]\nprofile = \"p.ovpn\"\n[access]\n", "/etc/causeway/causeway.toml").Settings!;
        var files = new InMemoryFileSystem();
        var paths = Core.Access.AccessPaths.For(settings.Instance);
        foreach (var file in paths.PkiFiles)
        {
            files.AddFile(file, $"{file} v1");
        }

        string Udp() => AccessServerConfigs.Render(files, settings.Instance, settings.Access!, [])[0].Text;
        var before = Udp();

        // The CRL is read again at every connection: a new one needs no restart, so the config stays the same.
        files.AddFile(paths.Crl, "crl v2");
        Assert.Equal(before, Udp());
        Assert.Contains("# PKI ", before, StringComparison.Ordinal);

        // What a server reads only when it starts: a server still running with the old one is not taken over.
        files.AddFile(paths.ServerCertificate, "server.crt v2");
        var renewed = Udp();
        Assert.NotEqual(before, renewed);
        files.AddFile(paths.TlsCryptKey, "tls-crypt v2");
        Assert.NotEqual(renewed, Udp());
    }
}
