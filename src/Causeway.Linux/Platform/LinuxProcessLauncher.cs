using System.Collections.Concurrent;
using System.Diagnostics;
using Causeway.Engine.Seams;

namespace Causeway.Linux.Platform;

/// <summary>
/// Starts child processes. With <see cref="ProcessSpec.DieWithParent"/>, the child runs under
/// `setpriv --pdeathsig KILL`, so it dies with this process however this process ends; with
/// <see cref="ProcessSpec.OwnSession"/>, under `setsid` too, so that its terminal's signals to the group miss it.
/// Programs named without a path (openvpn, setpriv, setsid, sh) are run from their fixed, checked place
/// (<see cref="SystemPrograms"/>), and passed on as absolute paths, so neither this process nor setpriv, setsid or sh
/// searches $PATH.
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
    private readonly SystemPrograms _programs;

    public LinuxProcessLauncher()
        : this(SystemPrograms.Default)
    {
    }

    public LinuxProcessLauncher(SystemPrograms programs)
    {
        _programs = programs;
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
                result.SetResult(Spawn(spec, _programs));
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        }
    }

    private static RunningProcess Spawn(ProcessSpec spec, SystemPrograms programs)
    {
        if (spec.DetachedLogFile is not null)
        {
            return SpawnDetached(spec, programs);
        }

        var program = programs.Resolve(spec.Program);

        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // setpriv, then setsid, then the program: each execs the next, so the pid is the program's own, and the
        // parent-death signal set by setpriv survives setsid (it is kept across exec; only a fork clears it, and
        // setsid forks only when its caller leads a process group, which a child of this process never does).
        var chain = new List<string>();
        if (spec.DieWithParent)
        {
            chain.AddRange([programs.Resolve("setpriv"), "--pdeathsig", "KILL", "--"]);
        }

        if (spec.OwnSession)
        {
            chain.AddRange([programs.Resolve("setsid"), "--"]);
        }

        chain.Add(program);
        info.FileName = chain[0];
        foreach (var argument in chain.Skip(1))
        {
            info.ArgumentList.Add(argument);
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
        // Complete only when the process has exited AND both output streams hit EOF, so that no line is lost.
        // (WaitForExit() from a data callback would deadlock: it waits for the very EOF being delivered.)
        var pending = 3;
        void Done()
        {
            if (Interlocked.Decrement(ref pending) == 0)
            {
                exited.TrySetResult(process.ExitCode);
            }
        }

        void StreamClosed() => Done();
        process.Exited += (_, _) => Done();

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
            throw new InvalidOperationException($"starting `{program}`: {e.Message}", e);
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
    private static RunningProcess SpawnDetached(ProcessSpec spec, SystemPrograms programs)
    {
        if (spec.DieWithParent)
        {
            throw new ArgumentException("a detached process cannot also die with its parent", nameof(spec));
        }

        var program = programs.Resolve(spec.Program);
        var info = new ProcessStartInfo(programs.Resolve("setsid")) { UseShellExecute = false };
        info.ArgumentList.Add(programs.Resolve("sh"));
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$CAUSEWAY_DETACHED_LOG\" 2>&1 </dev/null");
        info.ArgumentList.Add(program);
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
            throw new InvalidOperationException($"starting `{program}`: {e.Message}", e);
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
