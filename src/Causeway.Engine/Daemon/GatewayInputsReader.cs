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

        if (settings.Egress.ProfilePath is not { } profilePath)
        {
            // An overlay gateway: the gateway runs the provider tunnel, this host none.
            return new GatewayInputsResult(new GatewayInputs(settings, null, null, config.Sources), [.. findings], HasErrors: false, settings);
        }

        var profileBytes = TryReadProfile(profilePath);
        if (profileBytes is null)
        {
            // Preflight already said why: an error for `up`, a warning for `plan` as a user, which can still plan
            // the host from the config alone.
            var readableByRootOnly = !host.IsRoot && !options.RequireRoot;
            return new GatewayInputsResult(null, [.. findings], HasErrors: !readableByRootOnly, readableByRootOnly ? settings : null);
        }

        // Bytes, not text: a UTF-16 profile is one finding ("save it as UTF-8"), not one per line.
        var parsed = ProfileParser.Parse(profileBytes, profilePath);
        var sanitized = ProfileSanitizer.SanitizeChecked(parsed, ReadReferencedFile);
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
        return new GatewayInputsResult(new GatewayInputs(settings, profile, rendered, config.Sources), [.. findings], HasErrors: false, settings);
    }

    public static ClientConfigOptions ClientOptions(CausewaySettings settings) => new(
        DeviceName: settings.Egress.DeviceName,
        ManagementSocketPath: settings.Instance.ManagementSocketPath,
        AuthFilePath: settings.Egress.AuthPath,
        PidFilePath: settings.Instance.OpenVpnPidPath,
        Tuning: settings.Egress.Tuning);

    /// <summary>The profile's bytes, through the checked reader; null when it cannot be read (preflight has said why).</summary>
    private byte[]? TryReadProfile(string path)
    {
        try
        {
            return files.ReadInputFile(path, InputFiles.ProfileMaxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// A file the profile names, through the same checked reader as the profile (a FIFO or /dev/zero named as `ca`
    /// is refused, not read). Not being root (`plan` as a user), a file only root may read is left unchecked.
    /// </summary>
    private ReferencedFile ReadReferencedFile(string path)
    {
        try
        {
            var content = InputFiles.ReadText(files, path, InputFiles.ReferencedFileMaxBytes);
            var facts = files.Stat(path);
            return ReferencedFile.Read(content, facts.Exists ? new ReferencedFilePermissions(facts.Mode, facts.OwnerUid) : null);
        }
        catch (InputFileRefusedException refused)
        {
            return ReferencedFile.Failed(refused.Message);
        }
        catch (UnauthorizedAccessException) when (!host.IsRoot)
        {
            return ReferencedFile.NotReadableWithoutRoot($"{path} can only be read by root");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReferencedFile.Failed(null);
        }
    }
}
