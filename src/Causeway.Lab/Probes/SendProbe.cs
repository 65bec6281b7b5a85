using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Causeway.Lab.Probes;

/// <summary>
/// `causeway-lab probe canary` sends datagrams that nobody answers (the gateway's canary, counted on the far end
/// of its uplink); `causeway-lab probe connect` tests that something listens on a TCP port.
/// </summary>
public static class SendProbe
{
    public static readonly byte[] CanaryPayload = Encoding.ASCII.GetBytes("causeway-lab-canary");

    public static async Task<SendProbeResult> CanaryAsync(IPEndPoint target, int count, CancellationToken ct)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        var sent = 0;
        var errors = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            try
            {
                await socket.SendToAsync(CanaryPayload, SocketFlags.None, target, ct);
                sent++;
            }
            catch (SocketException e)
            {
                errors.Add(e.SocketErrorCode.ToString());
            }
        }

        return new SendProbeResult(target.ToString(), count, sent, [.. errors]);
    }

    public static async Task<SendProbeResult> ConnectAsync(IPEndPoint target, TimeSpan timeout, CancellationToken ct)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            await socket.ConnectAsync(target, attempt.Token);
            return new SendProbeResult(target.ToString(), 1, 1, []);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendProbeResult(target.ToString(), 1, 0, [$"TimedOut after {watch.ElapsedMilliseconds} ms"]);
        }
        catch (SocketException e)
        {
            return new SendProbeResult(target.ToString(), 1, 0, [e.SocketErrorCode.ToString()]);
        }
    }
}
