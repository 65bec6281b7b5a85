using System.Collections.Concurrent;
using System.Net;
using System.Runtime.InteropServices;
using Causeway.Engine.Seams;

namespace Causeway.Integration.Tests.OpenVpn;

/// <summary>
/// Runs a probe from a dedicated thread that has joined a network namespace (setns affects only the calling
/// thread). <see cref="Causeway.Linux.Platform.IcmpTunnelProbe"/> creates its socket before its first await, so the
/// socket, and every echo, belong to that namespace: the test's echoes never leave the namespaces it made.
/// </summary>
public sealed class NetnsTunnelProbe : ITunnelProbe, IDisposable
{
    private const int CloneNewNet = 0x40000000;

    private readonly ITunnelProbe _inner;
    private readonly BlockingCollection<Action> _work = new();
    private int _sent;
    private int _answered;

    public NetnsTunnelProbe(string netns, ITunnelProbe inner)
    {
        _inner = inner;
        var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Join(netns);
                joined.SetResult();
            }
            catch (Exception e)
            {
                joined.SetException(e);
                return;
            }

            foreach (var work in _work.GetConsumingEnumerable())
            {
                work();
            }
        })
        {
            IsBackground = true,
            Name = $"netns {netns}",
        };
        thread.Start();
        joined.Task.GetAwaiter().GetResult();
    }

    public int Sent => Volatile.Read(ref _sent);

    public int Answered => Volatile.Read(ref _answered);

    public Task<bool> EchoAsync(IPAddress target, TimeSpan timeout, CancellationToken cancellationToken) =>
        InNamespace(() => _inner.EchoAsync(target, timeout, cancellationToken), answered => answered, cancellationToken);

    public Task<TimeSpan?> EchoAsync(IPAddress? source, IPAddress target, TimeSpan timeout, CancellationToken cancellationToken) =>
        InNamespace(() => _inner.EchoAsync(source, target, timeout, cancellationToken), roundTrip => roundTrip is not null, cancellationToken);

    /// <summary>Starts <paramref name="echo"/> on the namespace's thread (where its socket is made) and counts it.</summary>
    private Task<T> InNamespace<T>(Func<Task<T>> echo, Func<T, bool> answered, CancellationToken cancellationToken)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            Task<T> started;
            try
            {
                started = echo();
            }
            catch (Exception e)
            {
                result.SetException(e);
                return;
            }

            Interlocked.Increment(ref _sent);
            started.ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        if (answered(t.Result))
                        {
                            Interlocked.Increment(ref _answered);
                        }

                        result.SetResult(t.Result);
                    }
                    else if (t.IsCanceled)
                    {
                        result.SetCanceled(cancellationToken);
                    }
                    else
                    {
                        result.SetException(t.Exception!.InnerExceptions);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }, CancellationToken.None);
        return result.Task;
    }

    public void Dispose() => _work.CompleteAdding();

    private static void Join(string netns)
    {
        var before = new FileInfo("/proc/thread-self/ns/net").LinkTarget;
        using var handle = File.OpenHandle($"/run/netns/{netns}");
        if (SetNamespace((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
        {
            throw new IOException($"joining network namespace {netns}: errno {Marshal.GetLastPInvokeError()}");
        }

        var after = new FileInfo("/proc/thread-self/ns/net").LinkTarget;
        if (after == before)
        {
            throw new IOException($"joining network namespace {netns}: the thread is still in {before}");
        }
    }

    // DllImport, not LibraryImport: that one needs unsafe code enabled for the whole test project.
    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNamespace(int fd, int namespaceType);
}
