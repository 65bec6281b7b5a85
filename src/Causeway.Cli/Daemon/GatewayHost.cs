using Causeway.Core.Planning;
using Causeway.Engine.Access;
using Causeway.Engine.Daemon;
using Causeway.Engine.HostState;
using Causeway.Engine.OpenVpn;
using Causeway.Engine.ZeroTier;
using Causeway.Linux.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Causeway.Cli.Daemon;

/// <summary>
/// Builds and runs the `causeway up` host: the gateway daemon as a hosted service, the status API on the run
/// directory's unix socket, console logging (journald-friendly under systemd), SIGTERM/Ctrl-C handling (SIGHUP:
/// <see cref="HangupGuard"/>). With [access]: the access servers (each under a supervisor in server mode; they outlive
/// the daemon) and the root-only control API.
/// </summary>
public static class GatewayHost
{
    /// <param name="access">What `up` found about [access] before it changed anything (null without [access]).</param>
    /// <param name="hangup">The SIGHUP guard `up` registered first; its warnings go to the daemon's log from here on.</param>
    public static async Task<int> RunAsync(GatewayInputs inputs, CliServices services, AccessPreflightResult? access = null, HangupGuard? hangup = null)
    {
        var settings = inputs.Settings;
        var instance = settings.Instance;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSystemd();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));

        var status = new StatusBoard(InitialStatus(inputs, services.Time.GetUtcNow()));
        builder.Services.AddSingleton(status);
        builder.Services.AddSingleton(inputs);
        builder.Services.AddSingleton(provider => BuildParts(inputs, access, services, status, provider.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton<GatewayDaemon>();
        builder.Services.AddHostedService<GatewayService>();

        StatusEndpoint.Listen(builder, instance.StatusSocketPath);
        await using var app = builder.Build();
        hangup?.LogTo(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Causeway.Daemon.Signals"));
        StatusEndpoint.Map(app, status);
        app.Lifetime.ApplicationStarted.Register(() => StatusEndpoint.OpenToLocalUsers(instance.StatusSocketPath));

        Environment.ExitCode = ExitCodes.Ok;
        WebApplication? control = null;
        try
        {
            if (app.Services.GetRequiredService<GatewayParts>().Access is { } servers)
            {
                control = await ControlEndpoint.StartAsync(ControlApi.SocketPath(instance), servers, CancellationToken.None);
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

    private static GatewayParts BuildParts(GatewayInputs inputs, AccessPreflightResult? access, CliServices services, StatusBoard status, ILoggerFactory logging)
    {
        var instance = inputs.Settings.Instance;
        var launch = new OpenVpnLaunch("openvpn", instance.OpenVpnConfigPath, instance.ManagementSocketPath, instance.OpenVpnPidPath)
        {
            ProbeInterval = TimeSpan.FromSeconds(inputs.Settings.Egress.Tuning.PingSeconds),
        };
        var supervisor = new OpenVpnSupervisor(
            launch, services.Processes, services.Sockets, services.Files, new IcmpTunnelProbe(), services.Time,
            logging.CreateLogger<OpenVpnSupervisor>());
        var state = StateStore.For(services.Files, instance);
        return new GatewayParts(
            new OverlayResolver(services.Files, services.Commands, services.Time, logger: logging.CreateLogger<OverlayResolver>()),
            supervisor,
            new HostObserver(services.Commands, services.Files),
            new HostApplier(services.Commands, services.Files, state),
            state,
            new ConntrackFlusher(services.Commands),
            services.Files,
            services.Time)
        {
            Access = BuildAccess(inputs, access, services, status, logging),
            AccessPki = access?.Pki,
            AccessTakeover = new AccessServerTakeover(
                services.Files, services.Processes, services.Sockets, services.Time, logging.CreateLogger<AccessServerTakeover>()),
        };
    }

    private static AccessServers? BuildAccess(GatewayInputs inputs, AccessPreflightResult? preflight, CliServices services, StatusBoard status, ILoggerFactory logging)
    {
        if (inputs.Settings.Access is not { } access)
        {
            return null;
        }

        if (preflight is not { ServerHost: { } serverHost, Pki: not null })
        {
            throw new InvalidOperationException("[access] needs its preflight (server host and PKI) before the daemon starts");
        }

        var instance = inputs.Settings.Instance;
        return new AccessServers(
            access,
            instance,
            serverHost,
            new AccessClients(access, instance, services.Files, services.Time),
            services.Files,
            (launch, onClientEvent) => new OpenVpnSupervisor(
                launch.ToOpenVpnLaunch("openvpn"),
                services.Processes,
                services.Sockets,
                services.Files,
                new IcmpTunnelProbe(),
                services.Time,
                logging.CreateLogger($"Causeway.Access.{launch.Server.TransportName.ToUpperInvariant()}Server"))
            {
                OnClientEvent = onClientEvent,
            },
            status,
            services.Time,
            logging.CreateLogger<AccessServers>());
    }

    private static StatusReport InitialStatus(GatewayInputs inputs, DateTimeOffset now) => new(
        inputs.Settings.Instance.Name,
        Environment.ProcessId,
        typeof(GatewayHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        now,
        new TunnelStatusReport("Stopped", false, now, null, null, null, null, [], 0, 0, 0, 0, null),
        null,
        new ReconcileStatusReport(false, null, 0, 0, 0, null, []),
        new KillSwitchReport(false, false, 0));

    /// <summary>The names this instance owns, for messages.</summary>
    public static OwnedNames Owned(GatewayInputs inputs) => OwnedNames.From(inputs.Settings.Instance);
}
