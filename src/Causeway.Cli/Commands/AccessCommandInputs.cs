using Causeway.Cli.Output;
using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Engine.Composition;
using Causeway.Engine.Preflight;

namespace Causeway.Cli.Commands;

/// <summary>
/// What the client commands start with: root (the access PKI and the client registry are root's only), the config,
/// and its [access] section. Each problem is printed as one clear line; the caller exits with
/// <see cref="ExitCodes.InvalidInput"/> (nothing was changed).
/// </summary>
public sealed record AccessCommandInputs(CausewaySettings Settings, AccessSettings Access, ConfigSourceMap Sources)
{
    /// <param name="command">e.g. "client add", for messages.</param>
    /// <param name="why">Why it needs root, e.g. "it issues a certificate from the access CA".</param>
    public static AccessCommandInputs? Read(CompositionRoot root, string configPath, string command, string why)
    {
        var read = root.ConfigReader().Read(
            configPath, new PreflightOptions(command, RequireRoot: false, CheckEgressFiles: false, CheckOverlayInterface: false, CheckInstanceDirectories: true));
        if (read.Settings is { Access: null } withoutAccess)
        {
            Console.Error.WriteLine(
                $"{withoutAccess.ConfigPath}: error: the config has no [access] section: this host runs no access servers, so it has no clients " +
                "(add [access] to the config, see docs/configuration.md, and restart `causeway up`)");
            return null;
        }

        if (!root.Machine.Identity.IsRoot)
        {
            // One line that says what to do (a root-only config is unreadable too: that is the same advice).
            var where = read.Settings is { } readable ? $" in {Path.Combine(readable.Instance.StateDirectory, "access")}" : string.Empty;
            Console.Error.WriteLine($"{ConfigReader.ProcessSubject}: error: causeway {command} needs root: {why}, and the access PKI and client registry{where} are root's only (run as root: sudo causeway {command})");
            return null;
        }

        DiagnosticsPrinter.Print(Console.Error, read.Diagnostics);
        if (read.Settings is not { Access: { } access } settings)
        {
            return null;
        }

        return new AccessCommandInputs(settings, access, read.Sources);
    }
}
