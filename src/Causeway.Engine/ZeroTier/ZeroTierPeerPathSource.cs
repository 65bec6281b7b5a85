using System.Net;
using Causeway.Core.Hops;
using Causeway.Core.Model;
using Causeway.Core.Netlink;
using Causeway.Core.ZeroTier;
using Causeway.Engine.Seams;

namespace Causeway.Engine.ZeroTier;

/// <summary>
/// ZeroTier's path to an overlay gateway: the gateway's MAC on the zt device (`ip -json neigh show`; the echoes that
/// watch the gateway keep the entry fresh) names its node (<see cref="ZeroTierMac.NodeAddressOf"/>), and the local
/// API's `GET /peer/&lt;node&gt;` says whether a direct path is active (<see cref="ZeroTierPeerPaths.Of"/>).
/// </summary>
public sealed class ZeroTierPeerPathSource(
    ZeroTierOverlaySource network,
    ICommandRunner commands,
    IFileSystem files,
    HttpMessageHandler? handler = null) : IPeerPathSource, IDisposable
{
    private readonly ZeroTierLocalClient _client = new(files, network.HomeDirectory, network.Port, handler);

    public async Task<PeerPath> FindAsync(string device, IPAddress peer, CancellationToken cancellationToken)
    {
        var command = CommandSpec.Of("ip", "-json", "neigh", "show", "dev", device, "to", peer.ToString());
        var result = await commands.RunAsync(command, cancellationToken);
        result.EnsureSuccess($"reading the MAC of {peer} on {device} (to find its ZeroTier node)", command);
        var mac = IpNeighbourParser.Parse(result.StandardOutput)
            .Where(n => n.Destination.Equals(peer))
            .Select(n => ZeroTierMac.TryParse(n.LinkLayerAddress, out var parsed) ? parsed : (ulong?)null)
            .FirstOrDefault(m => m is not null);
        if (mac is not { } known || ZeroTierMac.NodeAddressOf(known, network.NetworkId) is not { } node)
        {
            return PeerPath.None;
        }

        return await _client.TryGetPeerAsync(node, cancellationToken) is { } answer ? ZeroTierPeerPaths.Of(answer) : PeerPath.None;
    }

    public void Dispose() => _client.Dispose();
}
