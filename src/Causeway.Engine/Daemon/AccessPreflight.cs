using Causeway.Core.Access;
using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Engine.Access;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Daemon;

/// <summary>
/// The checks of [access] that need the host, made before anything on it changes (so that a problem is a bad input:
/// exit 2, nothing changed): the host client profiles connect to (public_address, else the uplink's address, which
/// must then be public), then the PKI (<see cref="AccessPki.EnsureReady"/>: made on first use, else checked, and
/// refused with every problem named).
/// </summary>
public sealed class AccessPreflight(ICommandRunner commands, IFileSystem files, TimeProvider time)
{
    /// <summary>The server host only (what `client add` needs before it issues anything).</summary>
    public async Task<AccessPreflightResult> ChooseServerHostAsync(AccessSettings access, ConfigSourceMap sources, CancellationToken cancellationToken)
    {
        System.Net.IPAddress? uplink = null;
        if (access.PublicAddress is null)
        {
            try
            {
                uplink = await new UplinkAddress(commands).FindAsync(cancellationToken);
            }
            catch (Exception e) when (e is CommandFailedException or FormatException)
            {
                return new AccessPreflightResult(null, null, [Error(sources, $"access.public_address is not set, and finding the uplink's address failed: {e.Message}",
                    "set public_address to the name or address phones connect to")]);
            }
        }

        var host = PublicAddresses.ChooseServerHost(access.PublicAddress, uplink, out var problem);
        return host is null
            ? new AccessPreflightResult(null, null, [Error(sources, problem!, null)])
            : new AccessPreflightResult(host, null, []);
    }

    /// <summary>The server host, then (only if there is one) the PKI.</summary>
    public async Task<AccessPreflightResult> CheckAsync(CausewaySettings settings, ConfigSourceMap sources, CancellationToken cancellationToken)
    {
        var access = settings.Access ?? throw new ArgumentException("the config has no [access]", nameof(settings));
        var host = await ChooseServerHostAsync(access, sources, cancellationToken);
        if (!host.Succeeded)
        {
            return host;
        }

        var pki = new AccessPki(AccessPaths.For(settings.Instance), settings.Instance.Name, files, time);
        try
        {
            using var pkiLock = pki.Lock();
            return host with { Pki = pki.EnsureReady() };
        }
        catch (AccessPkiException e)
        {
            return host with
            {
                Errors = [.. e.Problems.Select(p => $"{p.Path}: error: {p.Message}")],
            };
        }
        catch (Exception e) when (e is DirectoryNotWritableException or DirectoryNotOwnedException)
        {
            // At once, and for what it is: no other process is to blame, and root would not help.
            return host with { Errors = [$"{pki.Paths.Directory}: error: preparing the access PKI: {e.Message}"] };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return host with { Errors = [$"{pki.Paths.Directory}: error: preparing the access PKI: {e.Message} (run as root?)"] };
        }
    }

    private static string Error(ConfigSourceMap sources, string message, string? fix) =>
        ConfigDiagnostic.Error(sources, ConfigKeys.AccessPublicAddress, message, fix).ToString();
}
