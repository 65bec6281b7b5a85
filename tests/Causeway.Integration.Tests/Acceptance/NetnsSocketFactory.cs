using System.Net.Sockets;
using Causeway.Integration.Tests.Platform;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>Makes TCP sockets that belong to a network namespace (made on a <see cref="NetnsThread"/>).</summary>
public sealed class NetnsSocketFactory(string netns) : IDisposable
{
    private readonly NetnsThread _thread = new(netns);

    /// <summary>A new IPv4 TCP socket in the namespace, not connected yet.</summary>
    public Task<Socket> CreateTcpAsync() =>
        _thread.RunAsync(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));

    public void Dispose() => _thread.Dispose();
}
