using System.Diagnostics;
using Causeway.Engine.Seams;

namespace Causeway.Linux.Platform;

/// <summary>
/// Runs commands with <see cref="Process"/> and an argument list: no shell, no quoting bugs. A program named without
/// a path (ip, nft, conntrack …) is run from its fixed, checked place (<see cref="SystemPrograms"/>), not from $PATH.
/// </summary>
public sealed class ProcessCommandRunner(SystemPrograms programs) : ICommandRunner
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public ProcessCommandRunner()
        : this(SystemPrograms.Default)
    {
    }

    public async Task<CommandResult> RunAsync(CommandSpec command, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(programs.Resolve(command.Program))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Tools print what we parse (ip, nft): keep their messages in the C locale.
        info.Environment["LC_ALL"] = "C";

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"starting `{info.FileName}`: {e.Message}", e);
        }

        // Process.Dispose leaves the output streams open once they have been handed out (the caller might still hold
        // them): without these, every command left its two pipe ends open until a garbage collection finalized them,
        // dozens an hour in a daemon that runs `ip` and `nft` every round and rarely collects.
        using var output = process.StandardOutput;
        using var error = process.StandardError;
        var stdout = output.ReadToEndAsync(cancellationToken);
        var stderr = error.ReadToEndAsync(cancellationToken);
        try
        {
            if (command.StandardInput is { } input)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading its input; its exit code and stderr say why.
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(command.Timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            KillQuietly(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"`{command}` did not finish within {(command.Timeout ?? DefaultTimeout).TotalSeconds:0} s");
        }

        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
