using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Causeway.Lab.Probes;

/// <summary>
/// `causeway-lab probe echo`: the client side of the echo service, run inside a namespace. Sends
/// <c>count</c> probes (UDP datagrams or TCP connection attempts) and reports how many left, how many were
/// answered and as whom the caller was seen.
/// </summary>
public static class EchoProbe
{
    /// <param name="bindPort">UDP: the local port of the one socket every probe leaves from (0: any), so that the flow can be found in conntrack.</param>
    public static async Task<EchoProbeResult> RunAsync(IPEndPoint target, string protocol, int count, TimeSpan timeout, TimeSpan interval, int bindPort, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var errors = new SortedSet<string>(StringComparer.Ordinal);
        var (sent, answered) = protocol switch
        {
            "udp" => await UdpAsync(target, bindPort, count, timeout, interval, seen, errors, ct),
            "tcp" => await TcpAsync(target, count, timeout, interval, seen, errors, ct),
            _ => throw new ArgumentException($"protocol '{protocol}': use udp or tcp", nameof(protocol)),
        };
        return new EchoProbeResult(protocol, target.ToString(), count, sent, answered, [.. seen], [.. errors], watch.ElapsedMilliseconds);
    }

    /// <summary>
    /// One unconnected socket: ICMP errors are not reported on it, so every datagram is sent whatever happened to
    /// the previous one. Replies are collected until <paramref name="timeout"/> after the last send.
    /// </summary>
    private static async Task<(int Sent, int Answered)> UdpAsync(IPEndPoint target, int bindPort, int count, TimeSpan timeout, TimeSpan interval, SortedSet<string> seen, SortedSet<string> errors, CancellationToken ct)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, bindPort));
        var answered = 0;
        using var stopReceiving = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var receiver = Task.Run(
            async () =>
            {
                var buffer = new byte[512];
                var any = new IPEndPoint(target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
                while (true)
                {
                    try
                    {
                        var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stopReceiving.Token);
                        lock (seen)
                        {
                            seen.Add(Encoding.ASCII.GetString(buffer, 0, received.ReceivedBytes).Trim());
                            answered++;
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                    catch (SocketException e)
                    {
                        lock (seen)
                        {
                            errors.Add(e.SocketErrorCode.ToString());
                        }
                    }
                }
            },
            CancellationToken.None);

        var sent = 0;
        var payload = Encoding.ASCII.GetBytes("causeway-lab-probe");
        for (var i = 0; i < count; i++)
        {
            try
            {
                await socket.SendToAsync(payload, SocketFlags.None, target, ct);
                sent++;
            }
            catch (SocketException e)
            {
                errors.Add(e.SocketErrorCode.ToString());
            }

            if (i < count - 1)
            {
                await Task.Delay(interval, ct);
            }
        }

        // Stop as soon as every probe is answered, or after the timeout.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            lock (seen)
            {
                if (answered >= sent)
                {
                    break;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), ct);
        }

        await stopReceiving.CancelAsync();
        await receiver;
        lock (seen)
        {
            return (sent, answered);
        }
    }

    /// <summary>A fresh connection per probe; the service writes the caller's address and closes.</summary>
    private static async Task<(int Sent, int Answered)> TcpAsync(IPEndPoint target, int count, TimeSpan timeout, TimeSpan interval, SortedSet<string> seen, SortedSet<string> errors, CancellationToken ct)
    {
        var sent = 0;
        var answered = 0;
        for (var i = 0; i < count; i++)
        {
            using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attempt.CancelAfter(timeout);
            try
            {
                // The SYN is handed to the kernel by ConnectAsync: an attempt counts as sent even if it fails.
                var connect = socket.ConnectAsync(target, attempt.Token);
                sent++;
                await connect;
                var buffer = new byte[512];
                var total = 0;
                while (total < buffer.Length)
                {
                    var n = await socket.ReceiveAsync(buffer.AsMemory(total), SocketFlags.None, attempt.Token);
                    if (n == 0)
                    {
                        break;
                    }

                    total += n;
                }

                if (total > 0)
                {
                    seen.Add(Encoding.ASCII.GetString(buffer, 0, total).Trim());
                    answered++;
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                errors.Add("TimedOut");
            }
            catch (SocketException e)
            {
                errors.Add(e.SocketErrorCode.ToString());
            }

            if (i < count - 1)
            {
                await Task.Delay(interval, ct);
            }
        }

        return (sent, answered);
    }
}
