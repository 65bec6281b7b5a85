using System.Net;
using System.Threading.Channels;
using Causeway.Engine.Seams;

namespace Causeway.TestKit;

/// <summary>Answers echoes as told and records each target.</summary>
public sealed class ScriptedTunnelProbe : ITunnelProbe
{
    private readonly Channel<IPAddress> _calls = Channel.CreateUnbounded<IPAddress>();

    /// <summary>Whether echoes are answered.</summary>
    public bool Answers { get; set; } = true;

    /// <summary>When set, every echo fails with it (as a probe that cannot open its socket).</summary>
    public Exception? Failure { get; set; }

    public ChannelReader<IPAddress> Calls => _calls.Reader;

    public Task<bool> EchoAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _calls.Writer.TryWrite(target);
        return Failure is { } failure ? Task.FromException<bool>(failure) : Task.FromResult(Answers);
    }
}
