using System.Text.Json;

namespace Causeway.Lab.Bench;

/// <summary>Reads `iperf3 -J`: the receiver's rate and the sender's retransmits, or iperf3's own error.</summary>
public static class IperfJson
{
    public static (double MegabitsPerSecond, long Retransmits, string? Error) Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                return (0, 0, error.GetString());
            }

            var end = root.GetProperty("end");
            var received = end.GetProperty("sum_received").GetProperty("bits_per_second").GetDouble();
            var retransmits = end.TryGetProperty("sum_sent", out var sent) && sent.TryGetProperty("retransmits", out var r) ? r.GetInt64() : 0;
            return (received / 1e6, retransmits, null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (0, 0, $"iperf3 printed no result: {e.Message}");
        }
    }
}
