namespace Causeway.Core.Profiles;

/// <summary>One provider server, with the defaults (<c>port</c>, <c>proto</c>, 1194, udp) already applied.</summary>
/// <param name="Host">Host name or IP address, as written.</param>
/// <param name="Port">UDP or TCP port.</param>
/// <param name="Protocol">Transport.</param>
/// <param name="ProtocolName">
/// The OpenVPN name as written on the <c>remote</c> line, client form (udp, udp4, udp6, tcp, tcp4, tcp6): the 4/6
/// suffix pins the address family.
/// </param>
/// <param name="Line">The profile line of the <c>remote</c> option.</param>
public sealed record ProfileRemote(string Host, int Port, TransportProtocol Protocol, string ProtocolName, int Line);
