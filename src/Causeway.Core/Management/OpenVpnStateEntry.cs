using System.Globalization;
using System.Net;

namespace Causeway.Core.Management;

/// <summary>
/// One state line: a live `>STATE:` payload or a line of `state` history. Up to 9 comma-separated fields:
/// (a) unix time, (b) state name, (c) detail or reason, (d) tun IPv4, (e) remote IP, (f) remote port,
/// (g) local address, (h) local port, (i) tun IPv6. Unused fields are empty and trailing ones may be missing:
/// OpenVPN 2.6 prints 8 fields unless a tun IPv6 is set.
/// </summary>
/// <param name="Name">The state name as sent (kept for names this parser does not know).</param>
/// <param name="Detail">Field (c): SUCCESS/ERROR on CONNECTED; the reason on RECONNECTING and EXITING.</param>
public sealed record OpenVpnStateEntry(
    DateTimeOffset Time,
    OpenVpnState State,
    string Name,
    string Detail,
    IPAddress? LocalAddress,
    IPAddress? RemoteAddress,
    int? RemotePort,
    IPAddress? LocalBindAddress,
    int? LocalBindPort,
    IPAddress? LocalAddressV6)
{
    /// <summary>CONNECTED with SUCCESS: the tunnel is up.</summary>
    public bool IsConnectedSuccessfully => State == OpenVpnState.Connected && Detail == "SUCCESS";

    /// <summary>"ip:port" of the server (CONNECTED only), e.g. "10.99.77.1:1194"; "[v6]:port" for IPv6.</summary>
    public string? Remote => RemoteAddress is null
        ? null
        : RemoteAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{RemoteAddress}]:{RemotePort}"
            : $"{RemoteAddress}:{RemotePort}";

    public static OpenVpnStateEntry? TryParse(string line)
    {
        var fields = line.Split(',');
        if (fields.Length < 2 || !UnixTime.TryParse(fields[0], out var time) || fields[1].Length == 0)
        {
            return null;
        }

        string Field(int index) => index < fields.Length ? fields[index] : string.Empty;
        return new OpenVpnStateEntry(
            time,
            StateOf(fields[1]),
            fields[1],
            Field(2),
            AddressText.TryParse(Field(3)),
            AddressText.TryParse(Field(4)),
            Port(Field(5)),
            AddressText.TryParse(Field(6)),
            Port(Field(7)),
            AddressText.TryParse(Field(8)));
    }

    public static OpenVpnState StateOf(string name) => name switch
    {
        "CONNECTING" => OpenVpnState.Connecting,
        "RESOLVE" => OpenVpnState.Resolve,
        "TCP_CONNECT" => OpenVpnState.TcpConnect,
        "WAIT" => OpenVpnState.Wait,
        "AUTH" => OpenVpnState.Auth,
        "GET_CONFIG" => OpenVpnState.GetConfig,
        "AUTH_PENDING" => OpenVpnState.AuthPending,
        "ASSIGN_IP" => OpenVpnState.AssignIp,
        "ADD_ROUTES" => OpenVpnState.AddRoutes,
        "CONNECTED" => OpenVpnState.Connected,
        "RECONNECTING" => OpenVpnState.Reconnecting,
        "EXITING" => OpenVpnState.Exiting,
        _ => OpenVpnState.Unknown,
    };

    private static int? Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : null;
}
