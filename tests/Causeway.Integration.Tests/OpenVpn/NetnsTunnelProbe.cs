using System.Net;
using Causeway.Engine.Seams;
using Causeway.Integration.Tests.Platform;

namespace Causeway.Integration.Tests.OpenVpn;

/// <summary>
/// Runs a probe from a dedicated thread that has joined a network namespace (setns affects only the calling
/// thread). <see cref="Causeway.Linux.Platform.IcmpTunnelProbe"/> creates its socket before its first await, so the
/// socket, and every echo, belong to that namespace: the test's echoes never leave the namespaces it made.
/// </summary>
public sealed class NetnsTunnelProbe(string netns, ITunnelProbe inner) : ITunnelProbe, IDisposable
{
    private readonly NetnsThread _thread = new(netns);
    private int _sent;
    private int _answered;

    public int Sent => Volatile.Read(ref _sent);

    public int Answered => Volatile.Read(ref _answered);

    public Task<bool> EchoAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken) =>
        InNamespace(() => inner.EchoAsync(target, timeout, cancellationToken), answered => answered);

    public Task<TimeSpan?> EchoAsync(IPAddress? source, IPAddress target, TimeSpan timeout, CancellationToken cancellationToken) =>
        InNamespace(() => inner.EchoAsync(source, target, timeout, cancellationToken), roundTrip => roundTrip is not null);

    public void Dispose() => _thread.Dispose();

    /// <summary>Starts <paramref name="echo"/> on the namespace's thread (where its socket is made) and counts it.</summary>
    private async Task<T> InNamespace<T>(Func<Task<T>> echo, Func<T, bool> answered)
    {
        var started = await _thread.RunAsync(echo);
        Interlocked.Increment(ref _sent);
        var result = await started;
        if (answered(result))
        {
            Interlocked.Increment(ref _answered);
        }

        return result;
    }
}
