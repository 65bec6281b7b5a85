namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// Every kind of bad input the Uno issue names (item 7): malformed TOML, an unknown key, missing or unreadable
/// files, an auth file others can read, overlapping subnets, a missing overlay interface, a provider profile with
/// a line Causeway refuses, and not being root.
/// </summary>
public static class BadInputCases
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0644 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

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
}
