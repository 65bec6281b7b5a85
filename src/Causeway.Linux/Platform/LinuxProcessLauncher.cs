using System.Collections.Concurrent;
using System.Diagnostics;
using Causeway.Engine.Seams;

namespace Causeway.Linux.Platform;

/// <summary>
/// Starts child processes. With <see cref="ProcessSpec.DieWithParent"/>, the child runs under
/// `setpriv --pdeathsig KILL`, so it dies with this process however this process ends.
/// </summary>
/// <remarks>
/// The parent-death signal fires when the *thread* that forked the child exits, not the process. A thread-pool
/// thread may retire at any time, which would kill OpenVPN out of the blue; so every child is forked from one
/// dedicated thread that lives as long as the launcher.
/// </remarks>
public sealed class LinuxProcessLauncher : IProcessLauncher, IDisposable
{
    private readonly BlockingCollection<(ProcessSpec Spec, TaskCompletionSource<IRunningProcess> Result)> _requests = new();
    private readonly Thread _spawner;

    public LinuxProcessLauncher()
    {
        _spawner = new Thread(SpawnLoop) { IsBackground = true, Name = "causeway-spawner" };
        _spawner.Start();
    }

    public IRunningProcess Start(ProcessSpec spec)
    {
        var result = new TaskCompletionSource<IRunningProcess>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Add((spec, result));
        return result.Task.GetAwaiter().GetResult();
    }

    public void Dispose() => _requests.CompleteAdding();

    private void SpawnLoop()
    {
        foreach (var (spec, result) in _requests.GetConsumingEnumerable())
        {
            try
            {
                result.SetResult(Spawn(spec));
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        }
    }

    private static RunningProcess Spawn(ProcessSpec spec)
    {
        if (spec.DetachedLogFile is not null)
        {
            return SpawnDetached(spec);
        }

        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (spec.DieWithParent)
        {
            info.FileName = "setpriv";
            info.ArgumentList.Add("--pdeathsig");
            info.ArgumentList.Add("KILL");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(spec.Program);
        }
        else
        {
            info.FileName = spec.Program;
        }

        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LC_ALL"] = "C";
        foreach (var (name, value) in spec.Environment ?? [])
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var streamsOpen = 2;
        void StreamClosed()
        {
            // Exited fires before the last output lines are read; complete once both are done. Not WaitForExit():
            // called from inside an output callback, it waits for that very stream to finish, which it never does.
            if (Interlocked.Decrement(ref streamsOpen) == 0)
            {
                _ = CompleteWhenExitedAsync();
            }
        }

        async Task CompleteWhenExitedAsync()
        {
            await process.WaitForExitAsync();
            exited.TrySetResult(process.ExitCode);
        }

        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                StreamClosed();
            }
            else
            {
                spec.OnOutputLine?.Invoke(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                StreamClosed();
            }
            else
            {
                spec.OnOutputLine?.Invoke(e.Data);
            }
        };

        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new InvalidOperationException($"starting `{spec.Program}`: {e.Message} (is it installed and on PATH?)", e);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new RunningProcess(process, exited.Task);
    }

    /// <summary>
    /// setsid gives the child its own session (a Ctrl-C on the parent does not reach it); the fixed shell line
    /// only redirects and execs, with the program and its arguments passed as positional parameters, never
    /// spliced into the script. The pid stays the same through setsid, sh and exec.
    /// </summary>
    private static RunningProcess SpawnDetached(ProcessSpec spec)
    {
        if (spec.DieWithParent)
        {
            throw new ArgumentException("a detached process cannot also die with its parent", nameof(spec));
        }

        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$CAUSEWAY_DETACHED_LOG\" 2>&1 </dev/null");
        info.ArgumentList.Add(spec.Program);
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LC_ALL"] = "C";
        info.Environment["CAUSEWAY_DETACHED_LOG"] = spec.DetachedLogFile;
        foreach (var (name, value) in spec.Environment ?? [])
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult(process.ExitCode);
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new InvalidOperationException($"starting `{spec.Program}`: {e.Message} (is it installed and on PATH?)", e);
        }

        if (process.HasExited)
        {
            exited.TrySetResult(process.ExitCode);
        }

        return new RunningProcess(process, exited.Task);
    }

    private sealed class RunningProcess(Process process, Task<int> exited) : IRunningProcess
    {
        public int Id { get; } = process.Id;

        public Task<int> Exited => exited;

        public void Signal(int signal)
        {
            if (exited.IsCompleted)
            {
                return;
            }

            // kill(2) straight away: Process.Kill only knows SIGKILL.
            _ = NativeMethods.Kill(Id, signal);
        }

        public void Dispose() => process.Dispose();
    }
}
