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
    public GatewayInputsResult Read(string configPath, PreflightOptions options)
    {
        var config = new ConfigReader(files, host).Read(configPath, options);
        var findings = config.Diagnostics.Select(d => d.ToString()).ToList();
        if (config.Settings is not { } settings)
        {
            return new GatewayInputsResult(null, [.. findings], HasErrors: true);
        }

        var profileText = TryRead(settings.Egress.ProfilePath);
        if (profileText is null)
        {
            // Preflight already said why, as an error for `up` or a warning for a non-root `plan`.
            return new GatewayInputsResult(null, [.. findings], HasErrors: findings.Count > 0 || options.CheckEgressFiles);
        }

        var parsed = ProfileParser.Parse(profileText, settings.Egress.ProfilePath);
        var sanitized = ProfileSanitizer.Sanitize(parsed, TryRead);
        findings.AddRange(sanitized.Diagnostics.Select(d => d.ToString()));
        if (sanitized.HasErrors || sanitized.Profile is not { } profile)
        {
            return new GatewayInputsResult(null, [.. findings], HasErrors: true);
        }

        var clientOptions = ClientOptions(settings);
        var rendering = ClientConfigRenderer.Validate(profile, clientOptions);
        findings.AddRange(rendering.Select(d => d.ToString()));
        if (rendering.Any(d => d.Severity == DiagnosticSeverity.Error))
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

    private string? TryRead(string path)
    {
        try
        {
            return files.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
