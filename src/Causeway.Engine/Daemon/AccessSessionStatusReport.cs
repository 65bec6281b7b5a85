namespace Causeway.Engine.Daemon;

/// <summary>One connected client in `causeway status`.</summary>
/// <param name="Name">The certificate's common name: the name it was added with.</param>
/// <param name="Transport">"udp" or "tcp".</param>
/// <param name="VirtualAddress">Its address in the pool.</param>
/// <param name="BytesReceived">Link bytes the server received from it on this connection.</param>
/// <param name="BytesSent">Link bytes the server sent it on this connection.</param>
public sealed record AccessSessionStatusReport(
    string Name,
    string Transport,
    string? VirtualAddress,
    DateTimeOffset? ConnectedSince,
    long BytesReceived,
    long BytesSent)
{
    /// <summary>Bytes a second from the client between the servers' last two reads (every few seconds); null before two.</summary>
    public double? BytesReceivedPerSecond { get; init; }

    /// <summary>Bytes a second to the client, likewise.</summary>
    public double? BytesSentPerSecond { get; init; }
}
