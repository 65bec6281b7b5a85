using System.Text.Json;

namespace Causeway.Lab.Bench;

/// <summary>
/// Reads `iperf3 -J`: the receiver's rate, the sender's retransmits, the MSS and congestion control in use, and
/// iperf3's own CPU use (client and server, in percent of one core); or iperf3's own error.
/// </summary>
public static class IperfJson
{
    public static IperfRun Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                return IperfRun.Failed(error.GetString() ?? "iperf3 failed");
            }

            var end = root.GetProperty("end");
            var sumReceived = end.GetProperty("sum_received");
            var received = sumReceived.GetProperty("bits_per_second").GetDouble();
            var bytes = sumReceived.TryGetProperty("bytes", out var b) && b.TryGetInt64(out var n) ? n : 0;
            var retransmits = end.TryGetProperty("sum_sent", out var sent) && sent.TryGetProperty("retransmits", out var r) ? r.GetInt64() : 0;
            int? mss = root.TryGetProperty("start", out var start) && start.TryGetProperty("tcp_mss_default", out var m) && m.TryGetInt32(out var value) ? value : null;
            var congestion = end.TryGetProperty("sender_tcp_congestion", out var c) ? c.GetString() : null;
            double host = 0, remote = 0;
            if (end.TryGetProperty("cpu_utilization_percent", out var cpu))
            {
                host = cpu.TryGetProperty("host_total", out var h) ? h.GetDouble() : 0;
                remote = cpu.TryGetProperty("remote_total", out var t) ? t.GetDouble() : 0;
            }

            return new IperfRun(received / 1e6, retransmits, mss, congestion, host, remote, null, bytes);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return IperfRun.Failed($"iperf3 printed no result: {e.Message}");
        }
    }
}
