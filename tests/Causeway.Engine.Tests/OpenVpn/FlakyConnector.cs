using Causeway.Engine.Seams;
using Causeway.Linux.Platform;

namespace Causeway.Engine.Tests.OpenVpn;

/// <summary>Fails the first N connects as if the socket were not there yet, then connects for real.</summary>
public sealed class FlakyConnector(int failures) : IUnixSocketConnector
{
    private readonly UnixSocketConnector _real = new();
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public Task<Stream> ConnectAsync(string path, CancellationToken cancellationToken = default) =>
        Interlocked.Increment(ref _attempts) <= failures
            ? Task.FromException<Stream>(new IOException($"connecting to {path}: No such file or directory"))
            : _real.ConnectAsync(path, cancellationToken);
}
