using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Causeway.Integration.Tests.Platform;

/// <summary>
/// A dedicated thread that has joined a network namespace (setns affects only the calling thread) and runs work
/// there, one item at a time. A socket made on it belongs to that namespace wherever it is used afterwards, so the
/// tests' sockets never reach outside the namespaces they made.
/// </summary>
public sealed class NetnsThread : IDisposable
{
    private const int CloneNewNet = 0x40000000;

    private readonly BlockingCollection<Action> _work = new();

    /// <summary>Returns once the thread is in <paramref name="netns"/>; throws if it could not join it.</summary>
    public NetnsThread(string netns)
    {
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

    /// <summary>Runs <paramref name="work"/> on the namespace's thread; its result or its exception.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                result.SetResult(work());
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        });
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

        if (new FileInfo("/proc/thread-self/ns/net").LinkTarget == before)
        {
            throw new IOException($"joining network namespace {netns}: the thread is still in {before}");
        }
    }

    // DllImport, not LibraryImport: that one needs unsafe code enabled for the whole test project.
    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNamespace(int fd, int namespaceType);
}
