using System.Globalization;

namespace Causeway.Core.Model;

/// <summary>
/// OpenVPN asks for its socket buffers with plain SO_SNDBUF/SO_RCVBUF, which the kernel silently caps at
/// net.core.wmem_max/rmem_max (212992 on a stock kernel, so a 2 MiB request gets 416 KiB). Those limits are the
/// host's, global (read-only inside a network namespace), so Causeway never raises them itself: it says so.
/// </summary>
public static class SocketBufferCap
{
    public const string ReceiveMaxPath = "/proc/sys/net/core/rmem_max";
    public const string SendMaxPath = "/proc/sys/net/core/wmem_max";

    /// <summary>A warning if the host's limits are below <paramref name="requestedBytes"/>, else null.</summary>
    /// <param name="requestedBytes">egress.socket_buffer_bytes (0 = the OS default: nothing to say).</param>
    public static string? Warning(int requestedBytes, long receiveMax, long sendMax)
    {
        if (requestedBytes <= 0 || (receiveMax >= requestedBytes && sendMax >= requestedBytes))
        {
            return null;
        }

        var limit = Math.Min(receiveMax, sendMax);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"egress.socket_buffer_bytes is {requestedBytes} but the kernel caps socket buffers at net.core.rmem_max={receiveMax} and net.core.wmem_max={sendMax}: OpenVPN gets about {2 * limit} bytes, and the tunnel loses more packets when the CPU is busy. To let it have the full size: sysctl -w net.core.rmem_max={requestedBytes} net.core.wmem_max={requestedBytes} (and the same in /etc/sysctl.d/ to keep it)");
    }
}
