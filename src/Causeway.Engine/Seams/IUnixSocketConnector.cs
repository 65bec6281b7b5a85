namespace Causeway.Engine.Seams;

/// <summary>Connects to unix-domain stream sockets (OpenVPN management, the daemon's status socket).</summary>
public interface IUnixSocketConnector
{
    /// <summary>Connects; throws <see cref="IOException"/> if nothing listens there.</summary>
    Task<Stream> ConnectAsync(string path, CancellationToken cancellationToken = default);
}
