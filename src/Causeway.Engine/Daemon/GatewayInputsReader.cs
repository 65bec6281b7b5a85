using Causeway.Core.Model;
using Causeway.Core.Profiles;
using Causeway.Engine.Preflight;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Daemon;

/// <summary>
/// Reads and checks the config, then the provider profile it names (untrusted: sanitized by allowlist), then
/// renders the OpenVPN client config — all before the host is touched, so bad input changes nothing.
/// </summary>
public sealed class GatewayInputsReader(IFileSystem files, IHostIdentity host)
{
    /// <param name="verbose">List the routine drops from the profile one by one instead of counting them.</param>
    public GatewayInputsResult Read(string configPath, PreflightOptions options, bool verbose = false)
    {
        var config = new ConfigReader(files, host).Read(configPath, options);
        var findings = config.Diagnostics.Select(d => d.ToString()).ToList();
        if (config.Settings is not { } settings)
        {
            return new GatewayInputsResult(null, [.. findings], HasErrors: true);
        }

        var profilePath = settings.Egress.ProfilePath;
        var profileBytes = TryReadBytes(profilePath);
        if (profileBytes is null)
        {
            // Preflight already said why, as an error for `up` or a warning for a non-root `plan`.
            return new GatewayInputsResult(null, [.. findings], HasErrors: findings.Count > 0 || options.CheckEgressFiles);
        }

        // Bytes, not text: a UTF-16 profile is one finding ("save it as UTF-8"), not one per line.
        var parsed = ProfileParser.Parse(profileBytes, profilePath);
        var sanitized = ProfileSanitizer.SanitizeWithPermissions(parsed, ReadReferenced);
        var profileFindings = new List<ProfileDiagnostic>(sanitized.Diagnostics);
        if (sanitized.HasErrors || sanitized.Profile is not { } profile)
        {
            findings.AddRange(ProfileReport.Lines(profilePath, profileFindings, null, verbose));
            return new GatewayInputsResult(null, [.. findings], HasErrors: true);
        }

        var clientOptions = ClientOptions(settings);
        var rendering = ClientConfigRenderer.Validate(profile, clientOptions);
        profileFindings.AddRange(rendering);
        var accepted = rendering.Any(d => d.Severity == DiagnosticSeverity.Error) ? null : profile;
        findings.AddRange(ProfileReport.Lines(profilePath, profileFindings, accepted, verbose));
        if (accepted is null)
        {
            return new GatewayInputsResult(null, [.. findings], HasErrors: true);
        }

        var rendered = ClientConfigRenderer.Render(profile, clientOptions);
        return new GatewayInputsResult(new GatewayInputs(settings, profile, rendered, config.Sources), [.. findings], HasErrors: false);
    }

    public static ClientConfigOptions ClientOptions(CausewaySettings settings) => new(
        DeviceName: settings.Egress.DeviceName,
        ManagementSocketPath: settings.Instance.ManagementSocketPath,
        AuthFilePath: settings.Egress.AuthPath,
        PidFilePath: settings.Instance.OpenVpnPidPath,
        Tuning: settings.Egress.Tuning);

    private byte[]? TryReadBytes(string path)
    {
        try
        {
            return files.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A file the profile names, with its mode and owner (a private key must be root's alone).</summary>
    private ReferencedFile? ReadReferenced(string path)
    {
        try
        {
            var facts = files.Stat(path);
            if (!facts.Exists || facts.IsDirectory)
            {
                return null;
            }

            return new ReferencedFile(files.ReadAllText(path), new ReferencedFilePermissions(facts.Mode, facts.OwnerUid));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
