using Microsoft.AspNetCore.Builder;

namespace Causeway.Cli.Daemon;

/// <summary>
/// The slim web builder every listener of the daemon starts from, without the one default it must not have: the
/// appsettings.json files Causeway never reads, watched for changes. That watch is a FileSystemWatcher over the content
/// root (the working directory: `/` under systemd) and everything below it, one inotify watch per directory, and every
/// file written anywhere under it wakes the daemon (bench/footprint/README.md). The JSON files are still read once
/// (there are none); nothing watches them.
/// </summary>
public static class DaemonWebBuilder
{
    // Read by the builder before it adds the JSON files (the host builder's own switch for their reloadOnChange).
    private const string NoReloadArgument = "--hostBuilder:reloadConfigOnChange=false";

    public static WebApplicationBuilder Create() =>
        WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [NoReloadArgument] });
}
