using System.Collections.Immutable;
using System.Net;
using System.Security.Cryptography;
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
    /// <summary>
    /// The configs as they would be written now, without writing them: what a running server's file is compared
    /// with before a new `causeway up` takes it over.
    /// </summary>
    /// <param name="overlaySubnets">The overlay's subnets now (pushed as routes with allow_overlay).</param>
    public static ImmutableArray<AccessServerConfig> Render(
        IFileSystem files, InstanceSettings instance, AccessSettings access, ImmutableArray<IPNetwork> overlaySubnets)
    {
        var paths = AccessPaths.For(instance);
        var fingerprint = PkiFingerprint(files, paths);
        var configs = ImmutableArray.CreateBuilder<AccessServerConfig>();
        foreach (var server in access.Servers)
        {
            var text = AccessServerConfigRenderer.Render(new AccessServerConfigOptions(instance.Name, access, server, paths, overlaySubnets, fingerprint));
            var launch = new AccessServerLaunch(server, paths.ServerConfig(server), paths.ManagementSocket(server), paths.PidFile(server))
            {
                LogFilePath = paths.ServerLog(server),
            };
            configs.Add(new AccessServerConfig(launch, text));
        }

        return configs.ToImmutable();
    }

    /// <param name="overlaySubnets">The overlay's subnets now (pushed as routes with allow_overlay).</param>
    public static ImmutableArray<AccessServerLaunch> Write(
        IFileSystem files, InstanceSettings instance, AccessSettings access, ImmutableArray<IPNetwork> overlaySubnets)
    {
        files.EnsureDirectory(AccessPaths.For(instance).RunDirectory, PkiFileModes.Directory);
        var launches = ImmutableArray.CreateBuilder<AccessServerLaunch>();
        foreach (var config in Render(files, instance, access, overlaySubnets))
        {
            files.WriteAllTextAtomic(config.Launch.ConfigPath, config.Text, PkiFileModes.File);
            launches.Add(config.Launch);
        }

        return launches.ToImmutable();
    }

    /// <summary>
    /// The first 16 hex digits of a SHA-256 over what a server reads once, when it starts: the CA, its certificate
    /// and key, the tls-crypt key (not the CRL: it is read again at every connection). A renewed certificate
    /// changes the config, so a server still running with the old one is restarted rather than taken over.
    /// </summary>
    private static string PkiFingerprint(IFileSystem files, AccessPaths paths)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in new[] { paths.CaCertificate, paths.ServerCertificate, paths.ServerPrivateKey, paths.TlsCryptKey })
        {
            byte[] content;
            try
            {
                content = files.Stat(path).Exists ? files.ReadAllBytes(path) : [];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Unreadable: the server could not read it either; AccessPki.EnsureReady says why.
                content = [];
            }

            hash.AppendData(BitConverter.GetBytes(content.Length));
            hash.AppendData(content);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
