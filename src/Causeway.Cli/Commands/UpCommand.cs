using System.CommandLine;
using Causeway.Cli.Daemon;
using Causeway.Core.Config;
using Causeway.Engine.Daemon;
using Causeway.Engine.HostState;
using Causeway.Engine.Instance;
using Causeway.Engine.Preflight;
using Causeway.Engine.Seams;

namespace Causeway.Cli.Commands;

/// <summary>`causeway up`: runs the gateway in the foreground (systemd-friendly) until SIGTERM or Ctrl-C; SIGHUP reloads the config.</summary>
public static class UpCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var verbose = CommonOptions.Verbose();
        var command = new Command("up", "Run the gateway in the foreground: kill switch first, then the provider tunnel; stops on SIGTERM or Ctrl-C and leaves the kill switch in place")
        {
            config,
            verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // First, so that no hang-up during the checks below ends `up` either.
            using var root = CliComposition.Create();
            using var hangup = root.GuardHangup(Console.Error);
            var configPath = parse.GetValue(config)!;
            var read = root.InputsReader().Read(configPath, PreflightOptions.Up, parse.GetValue(verbose));
            foreach (var finding in read.Findings)
            {
                Console.Error.WriteLine(finding);
            }

            if (read.Inputs is not { } inputs)
            {
                Console.Error.WriteLine("nothing was changed on this host");
                return ExitCodes.InvalidInput;
            }

            try
            {
                root.RequirePrograms("ip", "nft", "conntrack", "openvpn", "setpriv");
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"{ConfigReader.ProcessSubject}: error: {e.Message}");
                Console.Error.WriteLine("nothing was changed on this host");
                return ExitCodes.Failed;
            }

            AccessPreflightResult? access = null;
            if (inputs.Settings.Access is not null)
            {
                // Before the host is touched: the address profiles connect to, then the PKI (made on first use).
                access = await root.AccessPreflight()
                    .CheckAsync(inputs.Settings, inputs.Sources ?? ConfigSourceMap.Empty(inputs.Settings.ConfigPath), cancellationToken);
                foreach (var error in access.Errors)
                {
                    Console.Error.WriteLine(error);
                }

                if (!access.Succeeded)
                {
                    Console.Error.WriteLine("nothing was changed on this host");
                    return ExitCodes.InvalidInput;
                }

                foreach (var change in access.Pki!.Changes)
                {
                    Console.Error.WriteLine($"access PKI: {change}");
                }

                foreach (var warning in access.Pki.Warnings)
                {
                    Console.Error.WriteLine($"access PKI: {warning}");
                }
            }

            var instance = inputs.Settings.Instance;
            InstanceLock? instanceLock;
            int? holder;
            try
            {
                new OwnedDirectories(root.Files).Ensure(instance.RunDirectory, FileModes.PublicDirectory, instance.Name);
                instanceLock = root.TryLockInstance(instance, out holder);
            }
            catch (Exception e) when (e is DirectoryNotWritableException or DirectoryNotOwnedException)
            {
                // At once: a read-only run_dir is not "another causeway up", and waiting would not change it.
                Console.Error.WriteLine($"{inputs.Settings.ConfigPath}: error: {ConfigKeys.InstanceRunDir}: {e.Message}");
                Console.Error.WriteLine("nothing was changed on this host");
                return ExitCodes.InvalidInput;
            }

            using var heldLock = instanceLock;
            if (instanceLock is null)
            {
                Console.Error.WriteLine($"another `causeway up` is running for this instance{(holder is { } pid ? $" (pid {pid})" : string.Empty)}: stop it first, or use `causeway status`");
                return ExitCodes.Failed;
            }

            return await GatewayHost.RunAsync(inputs, root, access, hangup);
        });
        return command;
    }
}
