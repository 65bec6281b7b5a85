namespace Causeway.Core.Traffic;

/// <summary>One access client's session as last read from its server: its bytes since it connected.</summary>
/// <param name="Key">What tells this session from the client's others (transport, name, when it connected).</param>
/// <param name="Client">The client's name.</param>
/// <param name="ConnectedSince">When the session began; null when the server did not say.</param>
/// <param name="Bytes">Sent: what the server sent the client; received: what it received from it.</param>
public sealed record SessionBytes(string Key, string Client, DateTimeOffset? ConnectedSince, ByteCount Bytes);
