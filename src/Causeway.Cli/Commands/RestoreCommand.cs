using System.CommandLine;
using Causeway.Core.Access;
using Causeway.Core.Backup;
using Causeway.Engine.Backup;
using Causeway.Engine.HostState;
using Causeway.Engine.Preflight;
using Causeway.Engine.Seams;

namespace Causeway.Cli.Commands;

/// <summary>
/// `causeway restore FILE [--config PATH] [--force]`: a backup put back on a (fresh) host, so that `causeway up`
/// runs there with the same access PKI (every phone profile issued before keeps working, every revoked one stays
/// refused) and the same config. The whole bundle and the host are checked before anything is written; a refusal
/// exits 2 with nothing changed.
/// </summary>
public static class RestoreCommand
{
    public static Command Create()
    {
        var bundle = new Argument<string>("file") { Description = "The file `causeway backup` wrote" };
        var config = CommonOptions.Config();
        config.Description = "Where to restore the config (the provider's files go beside it; its state_dir says where the PKI goes)";
        var force = new Option<bool>("--force")
        {
            Description = "Overwrite an existing config, provider files and access PKI (never a symlink, nor a directory that is not Causeway's)",
        };
        var command = new Command("restore", "Restore a backup on this host: the config, the access PKI and clients, the provider's files; then `causeway up`")
        {
            bundle,
            config,
            force,
        };
        command.SetAction(parse =>
        {
            using var root = CliComposition.Create();
            var bundlePath = Path.GetFullPath(parse.GetValue(bundle)!);
            if (!root.Machine.Identity.IsRoot)
            {
                return Refused([BackupRestorer.NeedsRoot]);
            }

            byte[] bytes;
            try
            {
                bytes = root.Files.ReadInputFile(bundlePath, BackupLimits.BundleMaxBytes);
            }
            catch (InputFileRefusedException refused)
            {
                return Refused([$"{bundlePath}: error: refusing to read the backup: {refused.Message} ({InputFiles.FixFor(refused, "backup")})"]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Refused([$"{bundlePath}: error: cannot read the backup: {e.Message}"]);
            }

            RestorePlan plan;
            var restorer = root.BackupRestorer();
            try
            {
                plan = restorer.Check(bundlePath, bytes, parse.GetValue(config)!, parse.GetValue(force));
            }
            catch (BackupRefusedException e)
            {
                return Refused(e.Lines);
            }

            try
            {
                restorer.Apply(plan);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotOwnedException)
            {
                Console.Error.WriteLine($"causeway restore: error: {e.Message}");
                Console.Error.WriteLine($"the restore stopped part way (the config is written last, so `causeway up` will not start on half of it): fix that, then run `causeway restore --force {bundlePath}` again");
                return ExitCodes.Failed;
            }

            Report(plan, bundlePath);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Refused(IReadOnlyList<string> lines)
    {
        foreach (var line in lines)
        {
            Console.Error.WriteLine(line);
        }

        Console.Error.WriteLine("nothing was changed on this host");
        return ExitCodes.InvalidInput;
    }

    private static void Report(RestorePlan plan, string bundlePath)
    {
        var contents = plan.Contents;
        var layout = plan.Layout;
        Console.Out.WriteLine(
            $"restored {bundlePath} (made {contents.Created:u} by {Shown(contents.MadeBy)}, of instance {Shown(contents.Instance)}, its config then at {Shown(contents.ConfigPath)}):");
        Console.Out.WriteLine($"  config: {layout.ConfigPath}");
        var access = layout.Targets.Where(t => t.File.Role == BackupRole.Access).ToList();
        if (access.Count > 0)
        {
            var registry = access.FirstOrDefault(t => t.Path == layout.Access.ClientRegistry);
            var clients = registry is null ? [] : AccessClientRegistry.FromJson(registry.File.Text).Clients;
            Console.Out.WriteLine($"  access PKI and clients: {layout.Access.Directory} ({string.Join(", ", access.Select(t => t.File.Name))}; "
                + $"{clients.Length} {(clients.Length == 1 ? "client" : "clients")}, {clients.Count(c => c.IsRevoked)} of them revoked)");
        }

        foreach (var target in layout.Targets.Where(t => t.File.Role == BackupRole.Provider))
        {
            Console.Out.WriteLine($"  provider file: {target.Path}");
        }

        foreach (var path in plan.Replaced)
        {
            Console.Out.WriteLine($"  replaced (--force): {path}");
        }

        foreach (var path in plan.Stale)
        {
            Console.Out.WriteLine($"  removed (--force; not in the backup): {path}");
        }

        foreach (var missing in layout.NotInBundle)
        {
            Console.Error.WriteLine($"causeway restore: warning: not in the backup, put it in place before `causeway up`: {missing}");
        }

        Console.Out.WriteLine($"next: causeway plan -c {layout.ConfigPath}, then start causeway up as before; phones keep their profiles (same CA, server certificate and tls-crypt key)"
            + (layout.Settings.Access is not null ? " if they reach this host at the address their profiles name (access.public_address)" : string.Empty));
    }

    /// <summary>A string from the bundle, for the terminal: quoted, control characters replaced, bounded.</summary>
    private static string Shown(string text) => BackupNames.Shown(text);
}
