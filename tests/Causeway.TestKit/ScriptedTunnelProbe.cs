using System.Net;
using System.Threading.Channels;
using Causeway.Engine.Seams;

namespace Causeway.TestKit;

/// <summary>Answers echoes as told and records each target (and, for echoes sent from an address, the source too).</summary>
public sealed class ScriptedTunnelProbe : ITunnelProbe
{
    private readonly Channel<IPAddress> _calls = Channel.CreateUnbounded<IPAddress>();
    private readonly Channel<(IPAddress? Source, IPAddress Target)> _sourced = Channel.CreateUnbounded<(IPAddress?, IPAddress)>();

    /// <summary>Whether echoes are answered.</summary>
    public bool Answers { get; set; } = true;

    /// <summary>The round trip an answered echo reports.</summary>
    public TimeSpan RoundTrip { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>When set, every echo fails with it (as a probe that cannot open its socket).</summary>
    public Exception? Failure { get; set; }

    /// <summary>The target of every echo, of either kind.</summary>
    public ChannelReader<IPAddress> Calls => _calls.Reader;

    /// <summary>The source and target of every echo sent through the source-bound overload.</summary>
    public ChannelReader<(IPAddress? Source, IPAddress Target)> SourcedCalls => _sourced.Reader;

    public Task<bool> EchoAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _calls.Writer.TryWrite(target);
        return Failure is { } failure ? Task.FromException<bool>(failure) : Task.FromResult(Answers);
    }

    public Task<TimeSpan?> EchoAsync(IPAddress? source, IPAddress target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _calls.Writer.TryWrite(target);
        _sourced.Writer.TryWrite((source, target));
        return Failure is { } failure
            ? Task.FromException<TimeSpan?>(failure)
            : Task.FromResult(Answers ? RoundTrip : (TimeSpan?)null);
    }
}
