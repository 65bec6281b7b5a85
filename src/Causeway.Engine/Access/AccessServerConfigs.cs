using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Access;
using Causeway.Core.Model;
using Causeway.Core.Pki;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Access;

/// <summary>
/// Writes the access servers' configs into &lt;run_dir&gt;/openvpn (0700; the configs 0600) before they start.
/// Call <see cref="AccessPki.EnsureReady"/> first: the configs name the PKI files, and OpenVPN would stop on a
/// missing or bad one with a TLS error rather than Causeway's message.
/// </summary>
public static class AccessServerConfigs
{
    /// <param name="overlaySubnets">The overlay's subnets now (pushed as routes with allow_overlay).</param>
    public static ImmutableArray<AccessServerLaunch> Write(
        IFileSystem files, InstanceSettings instance, AccessSettings access, ImmutableArray<IPNetwork> overlaySubnets)
    {
        var paths = AccessPaths.For(instance);
        files.EnsureDirectory(paths.RunDirectory, PkiFileModes.Directory);
        var launches = ImmutableArray.CreateBuilder<AccessServerLaunch>();
        foreach (var server in access.Servers)
        {
            var text = AccessServerConfigRenderer.Render(new AccessServerConfigOptions(instance.Name, access, server, paths, overlaySubnets));
            var config = paths.ServerConfig(server);
            files.WriteAllTextAtomic(config, text, PkiFileModes.File);
            launches.Add(new AccessServerLaunch(server, config, paths.ManagementSocket(server), paths.PidFile(server)));
        }

        return launches.ToImmutable();
    }
}
