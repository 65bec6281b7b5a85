using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// Makes TCP sockets that belong to a network namespace: a dedicated thread joins it (setns affects only the calling
/// thread) and creates them there; a socket stays in the namespace it was made in wherever it is used afterwards.
/// </summary>
public sealed class NetnsSocketFactory : IDisposable
{
    private const int CloneNewNet = 0x40000000;

    private readonly BlockingCollection<Action> _work = new();

    public NetnsSocketFactory(string netns)
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
            Name = $"sockets in netns {netns}",
        };
        thread.Start();
        joined.Task.GetAwaiter().GetResult();
    }

    /// <summary>A new IPv4 TCP socket in the namespace, not connected yet.</summary>
    public Task<Socket> CreateTcpAsync()
    {
        var made = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                made.SetResult(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            }
            catch (Exception e)
            {
                made.SetException(e);
            }
        });
        return made.Task;
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
