using Causeway.Core.Planning;
using Causeway.Engine.Composition;
using Causeway.Engine.Daemon;
using Causeway.Engine.Instance;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Causeway.Cli.Daemon;

/// <summary>
/// Builds and runs the `causeway up` host: the gateway daemon as a hosted service, the status API on the run
/// directory's unix socket, console logging (journald-friendly: <see cref="DaemonLogging"/>), SIGTERM/Ctrl-C handling
/// (SIGHUP, a reload: <see cref="HangupGuard"/>). With [access]: the access servers (each under a supervisor in server mode; they outlive
/// the daemon) and the root-only control API.
/// </summary>
public static class GatewayHost
{
    /// <param name="access">What `up` found about [access] before it changed anything (null without [access]).</param>
    /// <param name="hangup">The SIGHUP guard `up` registered first: its requests reach the daemon's loop, its messages the daemon's log.</param>
    public static async Task<int> RunAsync(GatewayInputs inputs, CompositionRoot root, AccessPreflightResult? access = null, HangupGuard? hangup = null)
    {
        var settings = inputs.Settings;
        var instance = settings.Instance;
        var builder = DaemonWebBuilder.Create();

        // Not the Generic Host's systemd lifetime: it says READY=1 as soon as the host has started, long before the
        // kill switch is in place. The daemon speaks to systemd itself (Engine.Daemon.ServiceNotifications).
        DaemonLogging.Configure(builder.Logging);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));

        var status = new StatusBoard(InitialStatus(inputs, root.Machine.Identity.ProcessId, root.Time.GetUtcNow()));
        builder.Services.AddSingleton(status);
        builder.Services.AddSingleton(inputs);
        builder.Services.AddSingleton(provider => root.GatewayParts(inputs, access, status, provider.GetRequiredService<ILoggerFactory>(), hangup?.Requests));
        builder.Services.AddSingleton<GatewayDaemon>();
        builder.Services.AddHostedService<GatewayService>();
        builder.Services.AddHostedService(provider => new ServiceListener(settings.Service, status, root.Time, provider.GetRequiredService<ILogger<ServiceListener>>()));

        // The socket files go through the file seam; binding them is Kestrel's (docs/architecture.md).
        var sockets = root.DaemonSockets();
        sockets.PrepareStatus(instance.StatusSocketPath);
        StatusEndpoint.Listen(builder, instance.StatusSocketPath);
        await using var app = builder.Build();
        hangup?.LogTo(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Causeway.Daemon.Signals"));
        StatusEndpoint.Map(app, status);
        var socketLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Causeway.Daemon.Sockets");
        app.Lifetime.ApplicationStarted.Register(() => socketLog.LogInformation("status API on {Socket}: readable by {Who}", instance.StatusSocketPath, sockets.OpenStatus(instance.StatusSocketPath)));

        Environment.ExitCode = ExitCodes.Ok;
        WebApplication? control = null;
        try
        {
            if (app.Services.GetRequiredService<GatewayParts>().Access is { } servers)
            {
                control = await ControlEndpoint.StartAsync(ControlApi.SocketPath(instance), servers, sockets, CancellationToken.None);
            }

            await app.RunAsync();
        }
        finally
        {
            if (control is not null)
            {
                await control.StopAsync(CancellationToken.None);
                await control.DisposeAsync();
            }
        }

        return Environment.ExitCode;
    }

    private static StatusReport InitialStatus(GatewayInputs inputs, int processId, DateTimeOffset now) => new(
        inputs.Settings.Instance.Name,
        processId,
        typeof(GatewayHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        now,
        new TunnelStatusReport("Stopped", false, now, null, null, null, null, [], 0, 0, 0, 0, null),
        null,
        new ReconcileStatusReport(false, null, 0, 0, 0, null, []),
        new KillSwitchReport(false, false, 0));

    /// <summary>The names this instance owns, for messages.</summary>
    public static OwnedNames Owned(GatewayInputs inputs) => OwnedNames.From(inputs.Settings.Instance);
}
