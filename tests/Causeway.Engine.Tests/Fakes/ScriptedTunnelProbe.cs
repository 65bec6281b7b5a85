using System.Net;
using System.Threading.Channels;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Tests.Fakes;

/// <summary>Answers echoes as told and records each target.</summary>
public sealed class ScriptedTunnelProbe : ITunnelProbe
{
    private readonly Channel<IPAddress> _calls = Channel.CreateUnbounded<IPAddress>();

    /// <summary>Whether echoes are answered.</summary>
    public bool Answers { get; set; } = true;

    public ChannelReader<IPAddress> Calls => _calls.Reader;

    public Task<bool> EchoAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _calls.Writer.TryWrite(target);
        return Task.FromResult(Answers);
    }
}
