using System.Collections.Immutable;
using System.Globalization;
using Causeway.Core.Model;
using Causeway.Core.Pki;

namespace Causeway.Core.Profiles;

/// <summary>One pass of <see cref="ProfileSanitizer"/> over one profile: the state it collects on the way.</summary>
internal sealed class ProfileSanitizerRun(OvpnProfile profile, Func<string, ReferencedFile> readReferencedFile)
{
    private const int DefaultPort = 1194;
    private const string DefaultProtocol = "udp";

    /// <summary>Option names are short: a longer "name" is not an option, and is quoted no further than this.</summary>
    private const int NameExcerptLength = 32;

    /// <summary>Paths the profile names, quoted in messages: long enough for the start and the file name.</summary>
    private const int PathExcerptLength = 100;

    /// <summary>Material whose file holds a secret, and what to call it: the file must be root's alone.</summary>
    private static readonly Dictionary<string, string> PrivateMaterial = new(StringComparer.Ordinal)
    {
        ["key"] = "this client's private key",
        ["tls-auth"] = "the tls-auth key",
        ["tls-crypt"] = "the tls-crypt key",
        ["tls-crypt-v2"] = "this client's tls-crypt-v2 key",
        ["secret"] = "a static key",
        ["pkcs12"] = "this client's private key",
    };

    private readonly ImmutableArray<ProfileDiagnostic>.Builder _diagnostics = ImmutableArray.CreateBuilder<ProfileDiagnostic>();

    // Kept options in file order; a remote's slot stays null until the defaults (proto, port) are known.
    private readonly List<OvpnDirective?> _kept = [];
    private readonly List<(int Slot, OvpnDirective Remote)> _remotes = [];
    private readonly List<ProfileInlineBlock> _blocks = [];
    private readonly List<OvpnDirective> _keyDirections = [];

    // For each kind of material, the line or block that counts: the last, as in OpenVPN. Earlier ones are dropped
    // unread, so that "ca ca.crt" followed by a <ca> block needs no ca.crt.
    private readonly Dictionary<string, OvpnDirective> _materialInForce = new(StringComparer.Ordinal);

    private string? _defaultProtocol;
    private int? _defaultPort;
    private int? _credentialsLine;
    private (string Direction, int Line)? _tlsAuthDirection;

    public ProfileSanitizeResult Run()
    {
        if (profile.Diagnostics.Any(d => d.Line == 0 && d.Severity == DiagnosticSeverity.Error))
        {
            // The file could not be read as a profile at all (UTF-16): that one finding says it all.
            return new ProfileSanitizeResult(null, profile.Diagnostics);
        }

        _diagnostics.AddRange(profile.Diagnostics);
        var directives = profile.Directives.Select(Unwrap).ToList();
        FindMaterialInForce(directives);

        foreach (var directive in directives)
        {
            if (directive is null)
            {
                continue;
            }

            var rule = DirectivePolicy.Find(directive.Name);
            if (rule is null)
            {
                Error(
                    directive,
                    directive.IsInlineBlock
                        ? $"<{Name(directive)}> is not a block Causeway accepts from a provider profile: only options that describe the connection are kept (an allowlist)"
                        : $"'{Name(directive)}' is not an option Causeway accepts from a provider profile: only options that describe the connection are kept (an allowlist)",
                    directive.IsInlineBlock ? "remove the block" : "remove this line");
            }
            else if (directive.IsInlineBlock)
            {
                HandleBlock(directive, rule);
            }
            else
            {
                switch (rule.Disposition)
                {
                    case DirectiveDisposition.Keep:
                        HandleKeep(directive, rule);
                        break;
                    case DirectiveDisposition.Material:
                        HandleMaterialLine(directive);
                        break;
                    case DirectiveDisposition.Strip:
                        HandleStrip(directive, rule);
                        break;
                    default:
                        Error(directive, Explain(rule, directive), ExplainFix(rule, directive));
                        break;
                }
            }
        }

        var remotes = ResolveRemotes();
        AddKeyDirectionFromTlsAuth();
        CheckWholeProfile(remotes);
        CheckCombinations(remotes);
        _diagnostics.AddRange(CertificateStrengthCheck.Check(
            profile.Path, _blocks, CertificateStrengthCheck.InForce(_kept.OfType<OvpnDirective>())));

        // In file order, as an editor would list them; findings about the whole file last.
        var diagnostics = _diagnostics.OrderBy(d => d.Line == 0 ? int.MaxValue : d.Line).ToImmutableArray();
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new ProfileSanitizeResult(null, diagnostics);
        }

        var sanitized = new SanitizedProfile(
            profile.Path,
            [.. _kept.OfType<OvpnDirective>()],
            [.. _blocks],
            remotes,
            _credentialsLine);
        return new ProfileSanitizeResult(sanitized, diagnostics);
    }

    /// <summary>
    /// "setenv opt X …" is option X, which OpenVPN would skip rather than refuse if it did not know it (how profiles
    /// carry options that older OpenVPNs lack): judged as X itself, by the same allowlist. Unwrapped once, as OpenVPN
    /// does. Null (with an error) for a "setenv opt" naming no option.
    /// </summary>
    private OvpnDirective? Unwrap(OvpnDirective directive)
    {
        if (directive.IsInlineBlock || directive.Name != "setenv" || directive.Arguments is not ["opt", ..])
        {
            return directive;
        }

        if (directive.Arguments.Length == 1)
        {
            Error(directive, "'setenv opt' names no option: OpenVPN would refuse the line", "remove this line");
            return null;
        }

        return directive with { Name = directive.Arguments[1], Arguments = directive.Arguments[2..] };
    }

    /// <summary>
    /// The last line or block of each kind of material, which is the one OpenVPN uses. A line whose file is
    /// "[inline]" stands for the kind's inline block (older exporters write both), so it never counts itself.
    /// </summary>
    private void FindMaterialInForce(List<OvpnDirective?> directives)
    {
        foreach (var directive in directives.OfType<OvpnDirective>())
        {
            if (DirectivePolicy.Find(directive.Name) is { Disposition: DirectiveDisposition.Material }
                && (directive.IsInlineBlock || !IsInlineMarker(directive)))
            {
                _materialInForce[directive.Name] = directive;
            }
        }
    }

    /// <summary>"ca [inline]", "tls-auth [inline] 1": OpenVPN's marker for "the content is in the inline block".</summary>
    private static bool IsInlineMarker(OvpnDirective directive) =>
        !directive.IsInlineBlock && directive.Arguments.Length > 0
        && (directive.Arguments[0].Equals("[inline]", StringComparison.OrdinalIgnoreCase)
            || directive.Arguments[0].Equals("[[inline]]", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a later line or block of the same material replaces this one; says so when it does.</summary>
    private bool IsReplaced(OvpnDirective directive)
    {
        if (!_materialInForce.TryGetValue(directive.Name, out var inForce) || ReferenceEquals(inForce, directive))
        {
            return false;
        }

        var what = directive.IsInlineBlock ? "block" : "line";
        var replacement = inForce.IsInlineBlock ? $"the <{inForce.Name}> block at line {inForce.Line}" : $"the {inForce.Name} line at line {inForce.Line}";
        // "ca ca.crt" then <ca>: what exporters write, harmless, and OpenVPN never opens the file.
        var routine = !directive.IsInlineBlock && inForce.IsInlineBlock;
        var unread = directive.IsInlineBlock ? "" : "; the file is not read";
        Warning(
            directive,
            $"replaced by {replacement}, as OpenVPN uses the last {directive.Name}{unread}; {what} dropped",
            routine ? null : $"remove one of the two: the {what} here is not used",
            routine);
        return true;
    }

    private void HandleKeep(OvpnDirective directive, DirectiveRule rule)
    {
        if (!HasValidArguments(directive, rule))
        {
            return;
        }

        var args = directive.Arguments;
        switch (directive.Name)
        {
            case "remote":
                if (CheckRemote(directive))
                {
                    _remotes.Add((_kept.Count, directive));
                    _kept.Add(null);
                }

                break;
            case "proto":
                // A default for the remotes (OpenVPN applies the last one to every remote without its own), so it
                // is folded into each remote line rather than kept.
                _defaultProtocol = args[0];
                break;
            case "port":
            case "rport":
                _defaultPort = int.Parse(args[0], CultureInfo.InvariantCulture);
                break;
            case "ncp-ciphers":
                // Renamed in 2.5; 2.6 still accepts the old name but says so in the log at every start.
                _kept.Add(directive with { Name = "data-ciphers" });
                break;
            case "key-direction":
                _keyDirections.Add(directive);
                _kept.Add(directive);
                break;
            default:
                _kept.Add(directive);
                break;
        }
    }

    private bool HasValidArguments(OvpnDirective directive, DirectiveRule rule)
    {
        var count = directive.Arguments.Length;
        if (count < rule.MinArguments || count > rule.MaxArguments)
        {
            Error(
                directive,
                $"takes {DescribeCount(rule.MinArguments, rule.MaxArguments)}, not {count}: OpenVPN would refuse the line",
                "correct the line (see man openvpn) or remove it");
            return false;
        }

        if (directive.Arguments.Any(ArgumentChecks.HasControlCharacter))
        {
            Error(directive, "a parameter contains a control character", "remove the control character");
            return false;
        }

        if (rule.Check?.Invoke(directive.Arguments) is { } problem)
        {
            Error(directive, problem, "correct the line (see man openvpn) or remove it");
            return false;
        }

        return true;
    }

    private bool CheckRemote(OvpnDirective directive)
    {
        var args = directive.Arguments;
        var ok = true;
        var host = args[0];
        if (host.Length == 0 || host[0] == '-' || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':'))
        {
            Error(directive, $"'{Excerpt(host)}' is not a host name or IP address", "write the server's name or address");
            ok = false;
        }

        if (args.Length > 1 && ArgumentChecks.Port(args[1]) is not null)
        {
            Error(directive, $"'{Excerpt(args[1])}' is not a port (1 to 65535)", "write the server's port number");
            ok = false;
        }

        if (args.Length > 2 && !DirectivePolicy.ClientProtocols.Contains(args[2], StringComparer.Ordinal))
        {
            Error(
                directive,
                $"'{Excerpt(args[2])}' is not a client protocol (udp, udp4, udp6, tcp, tcp4, tcp6; OpenVPN spells them in lowercase)",
                "write udp or tcp");
            ok = false;
        }

        return ok;
    }

    private ImmutableArray<ProfileRemote> ResolveRemotes()
    {
        var remotes = ImmutableArray.CreateBuilder<ProfileRemote>();
        foreach (var (slot, directive) in _remotes)
        {
            var args = directive.Arguments;
            var port = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : _defaultPort ?? DefaultPort;

            // The client forms (tcp-client …) mean the same as the short ones on a client: write the short one.
            var protocolName = (args.Length > 2 ? args[2] : _defaultProtocol ?? DefaultProtocol)
                .Replace("-client", "", StringComparison.Ordinal);
            var protocol = protocolName.StartsWith("tcp", StringComparison.Ordinal) ? TransportProtocol.Tcp : TransportProtocol.Udp;

            remotes.Add(new ProfileRemote(args[0], port, protocol, protocolName, directive.Line));
            _kept[slot] = directive with { Arguments = [args[0], port.ToString(CultureInfo.InvariantCulture), protocolName] };
        }

        return remotes.ToImmutable();
    }

    private void HandleStrip(OvpnDirective directive, DirectiveRule rule)
    {
        switch (directive.Name)
        {
            case "auth-user-pass":
                _credentialsLine ??= directive.Line;
                break;
            case "dev" or "dev-type" when directive.Arguments.Any(a => a.StartsWith("tap", StringComparison.Ordinal)):
                Error(
                    directive,
                    "the provider uses a layer-2 (tap) tunnel; Causeway supports routed (tun) tunnels only",
                    "use the provider's routed (tun) profile");
                return;
            default:
                break;
        }

        Warning(directive, Explain(rule, directive), rule.Fix ?? DirectivePolicy.StripFix, DirectivePolicy.IsRoutine(rule, directive));
    }

    private void HandleBlock(OvpnDirective directive, DirectiveRule rule)
    {
        var content = directive.InlineContent!;
        switch (rule.Disposition)
        {
            case DirectiveDisposition.Material:
                if (!IsReplaced(directive))
                {
                    AddMaterial(directive, content, sourceFile: null);
                }

                break;
            case DirectiveDisposition.Strip when directive.Name == "auth-user-pass":
                _credentialsLine ??= directive.Line;
                Warning(
                    directive,
                    "the profile carries a username and password inline; Causeway does not use them: it supplies the credentials from the file set as egress.auth; block dropped",
                    "move the username and password into the egress.auth file and remove the block");
                break;
            case DirectiveDisposition.Strip when directive.Name == "dh":
                Warning(directive, Explain(rule, directive), rule.Fix);
                break;
            case DirectiveDisposition.Refuse:
                Error(directive, Explain(rule, directive), ExplainFix(rule, directive));
                break;
            default:
                Error(
                    directive,
                    $"'{directive.Name}' cannot be an inline block: OpenVPN would refuse it",
                    directive.Name is "remote" or "proto" or "port" ? "write it as one line" : "remove the block");
                break;
        }
    }

    private void HandleMaterialLine(OvpnDirective directive)
    {
        var rule = DirectivePolicy.Find(directive.Name)!;
        var args = directive.Arguments;
        if (args.Length == 0 || args.Length > rule.MaxArguments)
        {
            Error(
                directive,
                $"takes {DescribeCount(1, rule.MaxArguments)}, not {args.Length}: OpenVPN would refuse the line",
                $"name one file, or inline its content between <{directive.Name}> and </{directive.Name}>");
            return;
        }

        if (args.Any(ArgumentChecks.HasControlCharacter))
        {
            Error(directive, "a parameter contains a control character", "remove the control character");
            return;
        }

        if (!CheckMaterialFlags(directive))
        {
            return;
        }

        if (IsInlineMarker(directive))
        {
            // The content is in the <name> block, wherever it is (or a later line names a file): the marker is no
            // file to look for.
            if (!_materialInForce.ContainsKey(directive.Name))
            {
                Error(
                    directive,
                    $"'{Excerpt(args[0])}' stands for an inline <{directive.Name}> block, and the profile has none: OpenVPN would look for a file of that name",
                    $"put the {directive.Name} between <{directive.Name}> and </{directive.Name}> after this line, or name its file here");
            }

            return;
        }

        if (IsReplaced(directive))
        {
            return;
        }

        if (directive.Name == "peer-fingerprint")
        {
            // Its parameter is the fingerprint itself, not a file: kept as a one-line block like the inline form.
            AddMaterial(directive, args[0] + "\n", sourceFile: null);
            return;
        }

        if (directive.Name == "pkcs12")
        {
            Error(
                directive,
                $"names a binary PKCS#12 file ({Excerpt(args[0], PathExcerptLength)}); Causeway inlines text only",
                $"inline it as base64: put the output of 'openssl base64 -in {SecretFilePermissions.ShellQuote(args[0])}' between <pkcs12> and </pkcs12>");
            return;
        }

        var path = ResolvePath(args[0]);
        var file = readReferencedFile(path);
        if (file.Unchecked)
        {
            // Plan as a user: say so, and count the option as given (its content is checked when run as root).
            Warning(directive, $"not checked: {file.Problem}", "run as root to check it");
            _blocks.Add(new ProfileInlineBlock(directive.Name, string.Empty, directive.Line, path));
            return;
        }

        if (file.Content is not { } content)
        {
            Error(
                directive,
                file.Problem is { } problem ? $"refusing to read the file: {problem}" : $"cannot read {path} (a relative name starts from the profile's directory)",
                file.Problem is null
                    ? $"put the file there, or inline its content between <{directive.Name}> and </{directive.Name}>"
                    : $"name the {directive.Name} file itself (a regular file), or inline its content between <{directive.Name}> and </{directive.Name}>");
            return;
        }

        if (PrivateMaterial.TryGetValue(directive.Name, out var secret) && file.Permissions is { } permissions)
        {
            // As the auth file: whoever can read the key can pose as this client (or, for tls-auth/tls-crypt,
            // talk to the provider's server at all); whoever owns it can swap it.
            foreach (var (problem, fix) in SecretFilePermissions.Problems(path, permissions.Mode, permissions.OwnerUid, secret, Excerpt(path, PathExcerptLength)))
            {
                Error(directive, problem, fix);
            }
        }

        AddMaterial(directive, content, sourceFile: path);
    }

    /// <summary>The second parameter some material options take; false when the line is refused.</summary>
    private bool CheckMaterialFlags(OvpnDirective directive)
    {
        if (directive.Arguments.Length < 2)
        {
            return true;
        }

        var flag = directive.Arguments[1];
        switch (directive.Name)
        {
            case "tls-auth" when flag is "0" or "1":
                _tlsAuthDirection = (flag, directive.Line);
                return true;
            case "tls-auth":
                Error(directive, $"the key direction must be 0 or 1, not '{Excerpt(flag)}'", "write 0 or 1 as the provider documents (usually 1 on a client)");
                return false;
            case "tls-crypt-v2" when flag is "force-cookie" or "allow-noncookie":
                Warning(directive, $"'{flag}' is a server setting; clients ignore it; parameter dropped", "nothing to do: remove the parameter to silence this warning");
                return true;
            case "crl-verify" when flag == "dir":
                Error(
                    directive,
                    "reads a directory of revoked serial numbers at every handshake; Causeway inlines single files only",
                    "point crl-verify at one CRL file, or remove this line");
                return false;
            default:
                Error(directive, $"unexpected parameter '{Excerpt(flag)}'", "remove the parameter");
                return false;
        }
    }

    private string ResolvePath(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return name;
        }

        var directory = Path.GetDirectoryName(profile.Path);
        return string.IsNullOrEmpty(directory) ? name : Path.Combine(directory, name);
    }

    private void AddMaterial(OvpnDirective directive, string rawContent, string? sourceFile)
    {
        // Only the material in force gets here (FindMaterialInForce): one of each kind.
        var name = directive.Name;
        var from = sourceFile is null ? $"the <{name}> block" : Excerpt(sourceFile, PathExcerptLength);
        if (rawContent.Contains('\0', StringComparison.Ordinal))
        {
            var utf16 = ProfileParser.MostlyNul(rawContent.AsSpan(0, Math.Min(rawContent.Length, 512)));
            Error(
                directive,
                utf16 ? $"{from} is UTF-16 text, which OpenVPN cannot read" : $"{from} is not a text file",
                utf16 ? $"save the {name} file as UTF-8" : $"give the {name} file in PEM form");
            return;
        }

        var content = rawContent.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (content.Length > 0 && content[^1] != '\n')
        {
            content += "\n";
        }

        foreach (var line in content.Split('\n'))
        {
            if (line.TrimStart(" \t\r\v\f".ToCharArray()).StartsWith($"</{name}>", StringComparison.Ordinal))
            {
                Error(
                    directive,
                    $"{from} contains a line starting with </{name}>, which would end the inline block early and let the rest be read as options",
                    $"check {from}: it is not a plain {name} file");
                return;
            }

            if (System.Text.Encoding.UTF8.GetByteCount(line) > ProfileParser.MaxLineBytes)
            {
                Error(
                    directive,
                    $"{from} has a line longer than {ProfileParser.MaxLineBytes} bytes, which OpenVPN would cut in two",
                    "wrap the file at 64 characters per line (PEM form)");
                return;
            }
        }

        if (MaterialContentCheck.Problem(name, content) is { } problem)
        {
            var fix = problem.Contains("passphrase", StringComparison.Ordinal)
                ? "use the key without its passphrase"
                : $"give the provider's {name} as it came";
            Error(directive, $"{from} {problem}", fix);
            return;
        }

        _blocks.Add(new ProfileInlineBlock(name, content, directive.Line, sourceFile));
    }

    private void AddKeyDirectionFromTlsAuth()
    {
        if (_tlsAuthDirection is not { } tlsAuth)
        {
            return;
        }

        var (direction, line) = tlsAuth;

        var conflicting = _keyDirections.FirstOrDefault(k => k.Arguments[0] != direction);
        if (conflicting is not null)
        {
            Error(
                conflicting,
                $"key-direction {conflicting.Arguments[0]} contradicts the direction {direction} given to tls-auth at line {line}",
                "keep one direction (usually 1 on a client)");
            return;
        }

        if (_keyDirections.Count == 0)
        {
            // The tls-auth file becomes an inline block, which takes its direction from key-direction.
            _kept.Add(new OvpnDirective("key-direction", [direction], line));
        }
    }

    private void CheckWholeProfile(ImmutableArray<ProfileRemote> remotes)
    {
        if (remotes.IsEmpty && _remotes.Count == 0 && !HasErrorFor("remote"))
        {
            FileError("remote", "the profile names no server (no remote line)", "add a line 'remote <host> <port> <udp|tcp>'");
        }

        // A CA, a fingerprint or a PKCS#12 bundle (which carries the CA) lets OpenVPN check the server. When one of
        // them already has an error, that error says enough.
        string[] serverChecks = ["ca", "peer-fingerprint", "pkcs12"];
        if (!serverChecks.Any(name => HasBlock(name) || HasErrorFor(name)))
        {
            FileError(
                "ca",
                "the profile has no CA certificate (ca) or peer-fingerprint, so the server's certificate cannot be checked",
                "add the provider's CA certificate between <ca> and </ca>");
        }

        foreach (var (present, missing) in new[] { ("cert", "key"), ("key", "cert") })
        {
            if (_blocks.FirstOrDefault(b => b.Name == present) is { } block && !HasBlock(missing) && !HasErrorFor(missing))
            {
                _diagnostics.Add(new ProfileDiagnostic(
                    DiagnosticSeverity.Error,
                    profile.Path,
                    block.Line,
                    present,
                    $"the profile has a client {present} but no {missing}: OpenVPN needs both",
                    $"add the provider's client {missing}, or remove the {present}"));
            }
        }

        var controlChannelKeys = _blocks.Where(b => b.Name is "tls-auth" or "tls-crypt" or "tls-crypt-v2").ToList();
        if (controlChannelKeys.Count > 1)
        {
            var second = controlChannelKeys[1];
            _diagnostics.Add(new ProfileDiagnostic(
                DiagnosticSeverity.Error,
                profile.Path,
                second.Line,
                second.Name,
                $"{second.Name} and {controlChannelKeys[0].Name} (line {controlChannelKeys[0].Line}) protect the control channel in different ways: a client uses one",
                "keep the one the provider's server uses"));
        }
    }

    /// <summary>Combinations OpenVPN refuses at start, reported here with their lines.</summary>
    private void CheckCombinations(ImmutableArray<ProfileRemote> remotes)
    {
        if (Kept("tun-mtu") is { } tunMtu && Kept("link-mtu") is { } linkMtu)
        {
            var later = tunMtu.Line > linkMtu.Line ? tunMtu : linkMtu;
            var earlier = later == tunMtu ? linkMtu : tunMtu;
            Error(
                later,
                $"{later.Name} and {earlier.Name} (line {earlier.Line}) both set the MTU: OpenVPN refuses both at once",
                "keep one of them (tun-mtu is the usual one)");
        }

        if (Kept("fragment") is { } fragment && remotes.FirstOrDefault(r => r.Protocol == TransportProtocol.Tcp) is { } tcp)
        {
            Error(
                fragment,
                $"fragment works over UDP only, and the remote at line {tcp.Line} uses TCP: OpenVPN would refuse to start",
                "remove fragment, or the TCP remotes");
        }
    }

    private OvpnDirective? Kept(string name) => _kept.LastOrDefault(d => d?.Name == name);

    private bool HasBlock(string name) => _blocks.Any(b => b.Name == name);

    private bool HasErrorFor(string name) =>
        _diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Directive == name);

    private static string Explain(DirectiveRule rule, OvpnDirective directive) =>
        rule.Explanation.Replace("{args}", QuotedArguments(directive), StringComparison.Ordinal);

    private static string? ExplainFix(DirectiveRule rule, OvpnDirective directive) =>
        rule.Fix?.Replace("{args}", QuotedArguments(directive), StringComparison.Ordinal);

    /// <summary>The line's parameters as it wrote them, as an excerpt: messages never repeat a whole line.</summary>
    private static string QuotedArguments(OvpnDirective directive) =>
        directive.Arguments.IsEmpty
            ? directive.IsInlineBlock ? "an inline block" : "(nothing given)"
            : Excerpt(string.Join(' ', directive.Arguments.Select(OpenVpnQuoting.Quote)));

    private static string Excerpt(string text, int max = ProfileDiagnostic.ExcerptLength) => ProfileDiagnostic.Excerpt(text, max);

    private static string Name(OvpnDirective directive) => Excerpt(directive.Name, NameExcerptLength);

    private static string DescribeCount(int min, int max) => (min, max) switch
    {
        (0, 0) => "no parameters",
        var (a, b) when a == b => a == 1 ? "1 parameter" : $"{a} parameters",
        _ => $"{min} to {max} parameters",
    };

    // Names and parameters come from the untrusted profile: printed as they are, they could hold terminal escapes.
    private void Error(OvpnDirective directive, string message, string? fix) =>
        _diagnostics.Add(new ProfileDiagnostic(
            DiagnosticSeverity.Error,
            profile.Path,
            directive.Line,
            Name(directive),
            ProfileDiagnostic.Printable(message),
            fix is null ? null : ProfileDiagnostic.Printable(fix)));

    /// <param name="routine">A drop every provider's profile has: summed up, and without a fix to nag about.</param>
    private void Warning(OvpnDirective directive, string message, string? fix, bool routine = false) =>
        _diagnostics.Add(new ProfileDiagnostic(
            DiagnosticSeverity.Warning,
            profile.Path,
            directive.Line,
            Name(directive),
            ProfileDiagnostic.Printable(message),
            routine || fix is null ? null : ProfileDiagnostic.Printable(fix),
            routine));

    private void FileError(string directive, string message, string fix) =>
        _diagnostics.Add(new ProfileDiagnostic(DiagnosticSeverity.Error, profile.Path, 0, directive, message, fix));
}
