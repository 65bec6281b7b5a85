using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// Every kind of bad input the Uno issue names (item 7): malformed TOML, an unknown key, missing or unreadable
/// files, an auth file others can read, overlapping subnets, a missing overlay interface, a provider profile with
/// a line Causeway refuses, and not being root; and those issue 7 (section 5) found: files that are not regular
/// files (a FIFO used to hang up for good, /dev/zero to grow it to 4 GB), deeply nested TOML, bytes that are not
/// UTF-8, a state or run directory that is not Causeway's own, a line too long for OpenVPN.
/// </summary>
public static class BadInputCases
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The good profile's connection, naming a CA file instead of carrying it inline; `ca` is line 6.</summary>
    private const string ProfileNamingCa = "client\nproto udp\nremote 192.0.2.99 1194\nnobind\nremote-cert-tls server\nca ca.crt\n";

    public static IReadOnlyList<BadInputCase> All { get; } =
    [
        // The commonest TOML slip: Tomlyn misreads the next line as the rest of the header, which used to be
        // reported as a second error.
        new("malformed-toml-unclosed-section",
            w => w.ConfigReplacing("bad.toml", "[overlay]", "[overlay"),
            RunAs.Root,
            w => $"{w.PathOf("bad.toml")}:6:9: error: ",
            ["invalid TOML", "expecting `]`"]),

        new("malformed-toml-unterminated-string",
            w => w.ConfigReplacing("bad.toml", "name = \"acceptance\"", "name = \"acceptance"),
            RunAs.Root,
            w => $"{w.PathOf("bad.toml")}:2:19: error: ",
            ["invalid TOML", "newline in a string", "close the string with a quote"]),

        new("unknown-key",
            w => w.ConfigReplacing("bad.toml", "auth = \"provider.auth\"", "auth = \"provider.auth\"\nfallback_dnz = \"9.9.9.9\""),
            RunAs.Root,
            w => $"{w.PathOf("bad.toml")}:13:1: error: ",
            ["unknown key \"fallback_dnz\"", "fallback_dns"]),

        new("missing-config-file",
            w => w.PathOf("nowhere.toml"),
            RunAs.Root,
            w => $"{w.PathOf("nowhere.toml")}: error: ",
            ["config file not found", "examples/causeway.toml"]),

        new("missing-profile",
            w => w.ConfigReplacing("bad.toml", "profile = \"provider.ovpn\"", "profile = \"missing.ovpn\""),
            RunAs.Root,
            w => $"{w.PathOf("bad.toml")}:{BadInputWorld.ProfileAt}: error: ",
            ["egress.profile: ", "missing.ovpn does not exist", "put the provider's .ovpn file there"]),

        // Root reads anything; root bound by file modes (as on a root-squashed NFS mount) cannot read a 0000 file.
        // The message must be the system's sentence, not a resource key (UnauthorizedAccess_IODenied_Path).
        new("unreadable-profile",
            w => w.ConfigWithProfile("locked.ovpn", BadInputWorld.GoodProfile, mode: 0),
            RunAs.RootBoundByFileModes,
            w => $"{w.PathOf("with-locked.ovpn.toml")}:{BadInputWorld.ProfileAt}: error: ",
            ["egress.profile: cannot read", "locked.ovpn", "Access to the path", "is denied"]),

        new("missing-auth-file",
            w => w.ConfigReplacing("bad.toml", "auth = \"provider.auth\"", "auth = \"missing.auth\""),
            RunAs.Root,
            w => $"{w.PathOf("bad.toml")}:{BadInputWorld.AuthAt}: error: ",
            ["egress.auth:", "missing.auth does not exist", "chmod 600"]),

        new("auth-file-readable-by-others",
            w =>
            {
                w.WriteFile("open.auth", "user\nsecret\n", Mode0644);
                return w.ConfigReplacing("bad.toml", "auth = \"provider.auth\"", "auth = \"open.auth\"");
            },
            RunAs.Root,
            w => $"{w.PathOf("bad.toml")}:{BadInputWorld.AuthAt}: error: ",
            ["egress.auth:", "open.auth is readable or writable by group or others (mode 0644)", "chmod 600"]),

        new("overlapping-subnets",
            w => w.ConfigReplacing("bad.toml", "subnets = [\"10.99.0.0/24\"]", "subnets = [\"10.99.0.0/24\", \"10.99.0.128/25\"]"),
            RunAs.Root,
            w => $"{w.PathOf("bad.toml")}:{BadInputWorld.SubnetsSecondAt}: error: ",
            ["overlay.subnets[1]: 10.99.0.128/25 overlaps overlay.subnets[0] (10.99.0.0/24"]),

        new("missing-overlay-interface",
            w => w.ConfigReplacing("bad.toml", $"interface = \"{BadInputWorld.Overlay}\"", "interface = \"ov9\""),
            RunAs.Root,
            w => $"{w.PathOf("bad.toml")}:{BadInputWorld.InterfaceAt}: error: ",
            ["overlay.interface: there is no interface \"ov9\"", "ip link"]),

        // `up` and `down` scripts are stripped with a warning (providers ship them); these are refused.
        new("profile-loads-a-plugin",
            w => w.ConfigWithProfile("plugin.ovpn", BadInputWorld.GoodProfile.Replace(
                "client\n", "client\nplugin /usr/lib/openvpn/openvpn-plugin-down-root.so \"/bin/sh -c id\"\n", StringComparison.Ordinal)),
            RunAs.Root,
            w => $"{w.PathOf("plugin.ovpn")}:2: error: ",
            ["plugin", "remove this line"]),

        new("profile-runs-a-command-to-verify-tls",
            w => w.ConfigWithProfile("tls-verify.ovpn", BadInputWorld.GoodProfile.Replace(
                "client\n", "client\ntls-verify \"/bin/sh -c 'cat /etc/shadow'\"\n", StringComparison.Ordinal)),
            RunAs.Root,
            w => $"{w.PathOf("tls-verify.ovpn")}:2: error: ",
            ["tls-verify", "remove this line"]),

        // Issue 7: a key file the profile names is held to the auth file's rule.
        new("profile-key-file-readable-by-others",
            w =>
            {
                w.WriteFile("ta.key", StaticKey, Mode0644);
                return w.ConfigWithProfile("tls-crypt.ovpn", BadInputWorld.GoodProfile.Replace(
                    "client\n", "client\ntls-crypt ta.key\n", StringComparison.Ordinal));
            },
            RunAs.Root,
            w => $"{w.PathOf("tls-crypt.ovpn")}:2: error: ",
            ["tls-crypt: ", "ta.key is readable or writable by group or others (mode 0644): it holds the tls-crypt key", "chmod 600"]),

        // Issue 7: a profile saved as UTF-16 is one error, not one per line.
        new("profile-saved-as-utf16",
            w =>
            {
                var text = BadInputWorld.GoodProfile.Replace("\n", "\r\n", StringComparison.Ordinal);
                w.WriteBytes("utf16.ovpn", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
                return w.ConfigNamingProfile("utf16.ovpn");
            },
            RunAs.Root,
            w => $"{w.PathOf("utf16.ovpn")}: error: ",
            ["the profile is UTF-16 text", "save it as UTF-8"]),

        // Issue 7: a certificate OpenSSL 3 will not take is refused by `up` before OpenVPN loops on it.
        new("profile-ca-key-too-small-for-openssl-3",
            w => w.ConfigWithProfile("weak-ca.ovpn", BadInputWorld.GoodProfile[..BadInputWorld.GoodProfile.IndexOf("<ca>", StringComparison.Ordinal)]
                + $"<ca>\n{WeakCaPem()}</ca>\n"),
            RunAs.Root,
            w => $"{w.PathOf("weak-ca.ovpn")}:6: error: ",
            ["ca: the <ca> block: certificate 'CN=Old Provider CA' has a 768-bit RSA key", "OpenSSL 3 refuses it at security level 1", "tls-cert-profile insecure"]),

        new("config-is-a-fifo",
            w => MakeFifo(w.PathOf("fifo.toml")),
            RunAs.Root,
            w => $"{w.PathOf("fifo.toml")}: error: ",
            ["refusing to read the config file", "fifo.toml is a FIFO (named pipe), not a regular file", "give the path of the config file itself"]),

        new("config-is-a-symlink-to-dev-zero",
            w => Symlink(w.PathOf("zero.toml"), "/dev/zero"),
            RunAs.Root,
            w => $"{w.PathOf("zero.toml")}: error: ",
            ["refusing to read the config file", "zero.toml (a symlink to /dev/zero) is a character device, not a regular file"]),

        new("profile-is-a-fifo",
            w =>
            {
                MakeFifo(w.PathOf("fifo.ovpn"));
                return w.ConfigReplacing("bad.toml", "profile = \"provider.ovpn\"", "profile = \"fifo.ovpn\"");
            },
            RunAs.Root,
            w => $"{w.PathOf("bad.toml")}:{BadInputWorld.ProfileAt}: error: ",
            ["egress.profile: refusing to read the file", "fifo.ovpn is a FIFO (named pipe), not a regular file"]),

        new("ca-file-is-a-symlink-to-dev-zero",
            w =>
            {
                Symlink(w.PathOf("ca.crt"), "/dev/zero");
                return w.ConfigWithProfile("zero-ca.ovpn", ProfileNamingCa);
            },
            RunAs.Root,
            w => $"{w.PathOf("zero-ca.ovpn")}:6: error: ",
            ["ca: refusing to read the file", "ca.crt (a symlink to /dev/zero) is a character device, not a regular file"]),

        new("deeply-nested-toml",
            w => w.ConfigReplacing("bad.toml", "auth = \"provider.auth\"", "auth = \"provider.auth\"\nfallback_dns = " + new string('[', 10_000) + new string(']', 10_000)),
            RunAs.Root,
            w => $"{w.PathOf("bad.toml")}:13:48: error: ",
            ["arrays and inline tables are nested more than 32 deep"]),

        new("config-not-utf8",
            w =>
            {
                var path = w.PathOf("latin1.toml");
                File.WriteAllBytes(path, [.. System.Text.Encoding.UTF8.GetBytes(w.GoodConfig.Replace("[egress]", "# caf\u0000\n[egress]", StringComparison.Ordinal)).Select(b => b == 0 ? (byte)0xE9 : b)]);
                return path;
            },
            RunAs.Root,
            w => $"{w.PathOf("latin1.toml")}:10:6: error: ",
            ["the file is not UTF-8 (line 10): byte 0xE9", "save the file as UTF-8"]),

        new("state-dir-shared-by-the-host",
            w => w.ConfigReplacing("bad.toml", $"state_dir = \"{w.StateDirectory}\"", "state_dir = \"/tmp\""),
            RunAs.Root,
            w => $"{w.PathOf("bad.toml")}:3:13: error: ",
            ["instance.state_dir: /tmp is a directory the whole host shares", "name a directory only Causeway uses"]),

        new("run-dir-holding-someone-elses-files",
            w =>
            {
                var theirs = Directory.CreateDirectory(w.PathOf("theirs/openvpn")).FullName;
                File.WriteAllText(Path.Combine(theirs, "client.conf"), "someone else's\n");
                return w.ConfigReplacing("bad.toml", $"run_dir = \"{w.RunDirectory}\"", $"run_dir = \"{w.PathOf("theirs")}\"");
            },
            RunAs.Root,
            w => $"{w.PathOf("bad.toml")}:4:11: error: ",
            ["instance.run_dir: ", "theirs already holds files (openvpn) and has no .causeway-owned", "echo acceptance > "]),

        new("profile-line-too-long-for-openvpn-once-quoted",
            w => w.ConfigWithProfile("long.ovpn", BadInputWorld.GoodProfile.Replace(
                "nobind\n", $"nobind\nverify-x509-name '{string.Concat(Enumerable.Repeat("a\\", 100))}' name\n", StringComparison.Ordinal)),
            RunAs.Root,
            w => $"{w.PathOf("long.ovpn")}:5: error: ",
            ["verify-x509-name: written for OpenVPN, the line would be 324 bytes", "would refuse the whole config"]),

        new("not-root",
            w => w.ConfigPath,
            RunAs.Nobody,
            _ => "causeway: error: ",
            ["causeway up needs root", "sudo causeway up"]),

        // A careful admin makes the config root's alone: still the one error, not also "cannot read the config".
        new("not-root-with-a-root-only-config",
            w => w.WriteFile("private.toml", w.GoodConfig, Mode0600),
            RunAs.Nobody,
            _ => "causeway: error: ",
            ["causeway up needs root", "sudo causeway up"]),
    ];

    public static BadInputCase Named(string name) => All.Single(c => c.Name == name);

    /// <summary>OpenVPN's static key file: 256 bytes as 16 lines of 32 hex digits.</summary>
    private static string StaticKey =>
        "-----BEGIN OpenVPN Static key V1-----\n"
        + string.Concat(Enumerable.Range(0, 16).Select(i => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "\n"))
        + "-----END OpenVPN Static key V1-----\n";

    /// <summary>A self-signed CA with a 768-bit RSA key, as old providers still ship (OpenSSL 3 wants 920 bits at level 1).</summary>
    private static string WeakCaPem()
    {
        using var key = RSA.Create(768);
        var request = new CertificateRequest("CN=Old Provider CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.ExportCertificatePem() + "\n";
    }

    private static string MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        return mkfifo.ExitCode == 0 ? path : throw new InvalidOperationException($"mkfifo {path} failed");
    }

    private static string Symlink(string path, string target)
    {
        File.CreateSymbolicLink(path, target);
        return path;
    }
}
