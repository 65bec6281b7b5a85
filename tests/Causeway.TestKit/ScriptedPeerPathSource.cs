using System.Net;
using System.Threading.Channels;
using Causeway.Core.Hops;
using Causeway.Engine.ZeroTier;

namespace Causeway.TestKit;

/// <summary>Says the path it is told (or fails as told) and records each lookup's device and peer.</summary>
public sealed class ScriptedPeerPathSource : IPeerPathSource
{
    private readonly Channel<(string Device, IPAddress Peer)> _calls = Channel.CreateUnbounded<(string, IPAddress)>();

    public PeerPath Path { get; set; } = PeerPath.Direct;

    /// <summary>When set, every lookup fails with it (zerotier-one not answering).</summary>
    public Exception? Failure { get; set; }

    public ChannelReader<(string Device, IPAddress Peer)> Calls => _calls.Reader;

    public Task<PeerPath> FindAsync(string device, IPAddress peer, CancellationToken cancellationToken)
    {
        _calls.Writer.TryWrite((device, peer));
        return Failure is { } failure ? Task.FromException<PeerPath>(failure) : Task.FromResult(Path);
    }
}
