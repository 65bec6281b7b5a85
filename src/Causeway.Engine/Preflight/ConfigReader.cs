using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Preflight;

/// <summary>
/// Reads the config file, loads it (<see cref="ConfigLoader"/>) and checks the files and interface it names, so that
/// a bad config or a bad file stops a command before the host is touched, with the config line to fix.
/// </summary>
public sealed class ConfigReader(IFileSystem files, IHostIdentity host)
{
    /// <summary>Diagnostics about the process rather than a file name this as their "file".</summary>
    public const string ProcessSubject = "causeway";

    /// <param name="path">The config file; made absolute (against the current directory) so relative paths in it resolve absolutely.</param>
    public ConfigReadResult Read(string path, PreflightOptions options)
    {
        var fullPath = Path.GetFullPath(path);
        var diagnostics = new List<ConfigDiagnostic>();
        var rootMissing = options.RequireRoot && !host.IsRoot;
        if (rootMissing)
        {
            // One clear error rather than a list of permission problems that all mean the same thing.
            diagnostics.Add(ConfigDiagnostic.Error(ProcessSubject, ConfigSourcePosition.None,
                $"causeway {options.Command} needs root: it changes routes, nftables rules and sysctls, and reads the root-only auth file",
                $"run as root: sudo causeway {options.Command}"));
        }

        var bytes = ReadConfigBytes(fullPath, options, rootMissing, diagnostics);
        if (bytes is null)
        {
            return new ConfigReadResult(null, [.. diagnostics], ConfigSourceMap.Empty(fullPath));
        }

        var loaded = ConfigLoader.Load(bytes, fullPath);
        diagnostics.AddRange(loaded.Diagnostics);
        if (loaded.Settings is not { } settings || rootMissing)
        {
            return new ConfigReadResult(null, [.. diagnostics], loaded.Sources);
        }

        var checks = new PreflightFileChecks(files, host, loaded.Sources, diagnostics);
        if (options.CheckEgressFiles)
        {
            if (settings.Egress.ProfilePath is { } profilePath)
            {
                checks.CheckProfile(profilePath);
            }

            if (settings.Egress.AuthPath is { } authPath)
            {
                checks.CheckAuth(authPath);
            }
        }

        if (options.CheckOverlayInterface && settings.Overlay.Source is InterfaceOverlaySource overlay)
        {
            checks.CheckInterface(overlay.InterfaceName);
        }

        if (options.CheckInstanceDirectories)
        {
            checks.CheckInstanceDirectories(settings.Instance);
        }

        var failed = diagnostics.Any(d => d.IsError);
        return new ConfigReadResult(failed ? null : settings, [.. diagnostics], loaded.Sources);
    }

    private byte[]? ReadConfigBytes(string path, PreflightOptions options, bool rootMissing, List<ConfigDiagnostic> diagnostics)
    {
        var rootHint = host.IsRoot ? null : $"run as root: sudo causeway {options.Command}";
        try
        {
            var facts = files.Stat(path);
            if (!facts.Exists)
            {
                diagnostics.Add(ConfigDiagnostic.Error(path, ConfigSourcePosition.None, "config file not found",
                    "create it (examples/causeway.toml is an annotated starting point), or give the path of yours"));
                return null;
            }

            if (facts.IsDirectory)
            {
                diagnostics.Add(ConfigDiagnostic.Error(path, ConfigSourcePosition.None, "is a directory, not a config file",
                    "give the path of the .toml file itself"));
                return null;
            }

            return files.ReadInputFile(path, InputFiles.ConfigMaxBytes);
        }
        catch (InputFileRefusedException refused)
        {
            diagnostics.Add(ConfigDiagnostic.Error(path, ConfigSourcePosition.None, $"refusing to read the config file: {refused.Message}",
                InputFiles.FixFor(refused, "config file")));
            return null;
        }
        catch (UnauthorizedAccessException) when (rootMissing)
        {
            // A root-only config (0600) is what a careful admin makes; "needs root" already says the one thing to do.
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(ConfigDiagnostic.Error(path, ConfigSourcePosition.None, $"cannot read the config file: {exception.Message}", rootHint));
            return null;
        }
    }
}
