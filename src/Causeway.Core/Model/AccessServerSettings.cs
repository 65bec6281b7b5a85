using System.Net;

namespace Causeway.Core.Model;

/// <summary>One of the (at most two) OpenVPN access servers: its transport, port, tun device and share of the pool.</summary>
/// <param name="Port">The UDP or TCP port it listens on, on every address of the host.</param>
/// <param name="DeviceName">Its tun device; starts with "tun" (zerotier-one skips lo*, zt*, tun*, tap* only).</param>
/// <param name="Subnet">
/// Its share of <see cref="AccessSettings.Pool"/>: the lower half for UDP and the upper half for TCP when both run,
/// the whole pool otherwise. OpenVPN's `server` directive takes the first host address for itself.
/// </param>
public sealed record AccessServerSettings(AccessTransport Transport, int Port, string DeviceName, IPNetwork Subnet)
{
    /// <summary>The server's own address on its tun device: the first host of its subnet (what `server` takes).</summary>
    public IPAddress ServerAddress
    {
        get
        {
            var bytes = Subnet.BaseAddress.GetAddressBytes();
            for (var i = bytes.Length - 1; i >= 0; i--)
            {
                if (++bytes[i] != 0)
                {
                    break;
                }
            }

            return new IPAddress(bytes);
        }
    }

    /// <summary>"udp" or "tcp": in file names, socket names and messages.</summary>
    public string TransportName => Transport == AccessTransport.Udp ? "udp" : "tcp";
}
