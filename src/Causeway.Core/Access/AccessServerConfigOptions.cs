using System.Collections.Immutable;
using System.Net;
using Causeway.Core.Model;

namespace Causeway.Core.Access;

/// <summary>What the config of one access server is made from.</summary>
/// <param name="InstanceName">For the header comment.</param>
/// <param name="Access">[access] as validated.</param>
/// <param name="Server">The server to write the config of: one of <see cref="AccessSettings.Servers"/>.</param>
/// <param name="Paths">Where the PKI files, the management socket and the pid file are.</param>
/// <param name="OverlaySubnets">
/// The overlay's subnets as they are now (from ZeroTier, or the config): with allow_overlay, the IPv4 ones are pushed
/// to clients as routes. When they change, the config changes, and the server must be restarted to push the new ones.
/// </param>
/// <param name="PkiFingerprint">
/// What identifies the CA, the server's certificate and key and the tls-crypt key the server reads when it starts
/// (written as a comment, when given): a server running with other files is not taken over by a new `causeway up`.
/// </param>
public sealed record AccessServerConfigOptions(
    string InstanceName,
    AccessSettings Access,
    AccessServerSettings Server,
    AccessPaths Paths,
    ImmutableArray<IPNetwork> OverlaySubnets,
    string? PkiFingerprint = null);
