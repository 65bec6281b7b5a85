namespace Causeway.Lab.Duo;

/// <summary>One live connection of a client, as `causeway client list --json` shows it.</summary>
/// <param name="Transport">"udp" or "tcp".</param>
/// <param name="RealAddress">Where the client connects from, e.g. "203.0.113.18:40123".</param>
/// <param name="VirtualAddress">Its address in the pool.</param>
/// <param name="ConnectedSince">As printed (a session's identity across reads).</param>
public sealed record VmClientSession(string Transport, string? RealAddress, string? VirtualAddress, string? ConnectedSince, long BytesReceived, long BytesSent)
{
    public string Describe() =>
        $"{Transport} from {RealAddress ?? "?"} as {VirtualAddress ?? "?"} since {ConnectedSince ?? "?"} ({BytesReceived} B in, {BytesSent} B out)";
}
