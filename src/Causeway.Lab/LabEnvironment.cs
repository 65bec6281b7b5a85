using Causeway.Engine.Seams;

namespace Causeway.Lab;

/// <summary>
/// What the lab needs from the machine: the seams (commands, detached processes, files), a clock, where to write
/// progress, and the `causeway-lab` binary whose hidden subcommands are the lab's services and probes.
/// </summary>
/// <param name="LabBinary">Absolute path of the running `causeway-lab` binary (services and probes run from it).</param>
/// <param name="Progress">One line per step of `lab up`/`check`/`down`, for people watching.</param>
public sealed record LabEnvironment(
    ICommandRunner Runner,
    IProcessLauncher Launcher,
    IFileSystem Files,
    TimeProvider Time,
    string LabBinary,
    TextWriter Progress);
