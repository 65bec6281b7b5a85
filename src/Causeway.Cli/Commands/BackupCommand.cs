using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Causeway.Core.Access;
using Causeway.Core.Backup;
using Causeway.Core.Pki;
using Causeway.Engine.Backup;
using Causeway.Engine.Composition;
using Causeway.Engine.Seams;

namespace Causeway.Cli.Commands;

/// <summary>
/// `causeway backup [--out FILE]`: one file (0600) with what a new host needs to take this one's place: the config,
/// the access PKI and client registry, and the provider's files the config names beside itself (unless
/// --no-provider-files). Written atomically, never over an existing file unless --force.
/// </summary>
public static class BackupCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Where to write the backup (default: ./causeway-backup-INSTANCE-DATE.json); never overwritten unless --force",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite the --out file if it exists" };
        var noProvider = new Option<bool>("--no-provider-files")
        {
            Description = "Leave out the provider's profile, auth file and the files the profile names (copy them to the new host yourself)",
        };
        var command = new Command("backup", "Write the config, the access PKI, the clients and the provider's files to one file (0600), for `causeway restore` on a new host")
        {
            config,
            output,
            force,
            noProvider,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var root = CliComposition.Create();
            BackupMade made;
            try
            {
                made = root.BackupMaker().Make(parse.GetValue(config)!, !parse.GetValue(noProvider), MadeBy);
            }
            catch (BackupRefusedException e)
            {
                foreach (var line in e.Lines)
                {
                    Console.Error.WriteLine(line);
                }

                Console.Error.WriteLine("no backup was written");
                return ExitCodes.InvalidInput;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // E.g. the PKI's lock held too long by another causeway.
                Console.Error.WriteLine($"causeway backup: error: {e.Message}; no backup was written");
                return ExitCodes.Failed;
            }

            var contents = made.Contents;
            var path = Path.GetFullPath(parse.GetValue(output)
                ?? $"causeway-backup-{contents.Instance}-{contents.Created.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.json");
            if (OutputProblem(root, path, parse.GetValue(force)) is { } problem)
            {
                Console.Error.WriteLine($"causeway backup: error: {problem}; no backup was written");
                return ExitCodes.InvalidInput;
            }

            try
            {
                // Temporary file, mode 0600 before any content, then renamed: never a partial backup under the name.
                root.Files.WriteAllTextAtomic(path, made.Text, PkiFileModes.File);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"causeway backup: error: writing {path}: {e.Message}; no backup was written");
                return ExitCodes.Failed;
            }

            var owner = await CallerHandOver.HandOverAsync(root, path, "backup", cancellationToken);
            foreach (var left in made.LeftOut)
            {
                Console.Error.WriteLine($"causeway backup: warning: not in the backup: {left}");
            }

            Console.Out.WriteLine($"wrote {path} (0600{owner}): {contents.Files.Count()} files, {made.Text.Length / 1024 + 1} KiB");
            Console.Out.WriteLine($"  config: {contents.ConfigPath}");
            Console.Out.WriteLine(contents.Access.IsEmpty
                ? "  access PKI: none (no [access], or no client added yet)"
                : $"  access PKI and clients: {string.Join(", ", contents.Access.Select(f => f.Name))}{Clients(contents)}");
            Console.Out.WriteLine(contents.Provider.IsEmpty
                ? "  provider files: none"
                : $"  provider files: {string.Join(", ", contents.Provider.Select(f => f.Name))}");
            Console.Out.WriteLine(
                "it holds private keys (the access CA's: whoever has it can make profiles that connect to this host)"
                + (contents.Provider.IsEmpty ? string.Empty : " and the provider's credentials")
                + ": keep it off this host, as safe as those keys (encrypted, e.g. gpg -c or age), and delete copies you no longer need");
            Console.Out.WriteLine("to move this host: on the new one, sudo causeway restore FILE (see docs/backup.md)");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>"causeway 1.0.0+abc…", as the bundle records it.</summary>
    private static string MadeBy =>
        "causeway " + (typeof(BackupCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?");

    /// <summary>" (3 clients, 1 revoked)", from the bundle's registry.</summary>
    private static string Clients(BackupContents contents)
    {
        var registry = contents.Access.FirstOrDefault(f => f.Name == Path.GetFileName(new AccessPaths("/", "/").ClientRegistry));
        if (registry is null)
        {
            return " (no client added yet)";
        }

        var clients = AccessClientRegistry.FromJson(registry.Text).Clients;
        return $" ({clients.Length} {(clients.Length == 1 ? "client" : "clients")}, {clients.Count(c => c.IsRevoked)} revoked)";
    }

    /// <summary>Why the backup cannot go to <paramref name="path"/>; null if it can.</summary>
    private static string? OutputProblem(CompositionRoot root, string path, bool force)
    {
        var facts = root.Files.StatNoFollow(path);
        if (facts.Kind is FileKind.Directory)
        {
            return $"{path} is a directory: give the path of the file to write";
        }

        if (facts.Exists && !force)
        {
            return $"{path} exists: give another --out, move it away first, or give --force to replace it";
        }

        if (facts.Exists && facts.Kind is not (FileKind.Regular or FileKind.Symlink))
        {
            return $"{path} is {FileFacts.Describe(facts.Kind)}: give the path of a regular file";
        }

        var directory = Path.GetDirectoryName(path);
        return directory is null || !root.Files.Stat(directory).IsDirectory
            ? $"the directory of {path} does not exist: create it, or give another --out"
            : null;
    }
}
