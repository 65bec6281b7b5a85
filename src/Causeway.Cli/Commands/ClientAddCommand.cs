using System.CommandLine;
using Causeway.Core.Access;
using Causeway.Core.Pki;
using Causeway.Engine.Access;
using Causeway.Engine.Composition;

namespace Causeway.Cli.Commands;

/// <summary>
/// `causeway client add NAME [--out FILE]`: issues a certificate for a new client and writes its one unified
/// .ovpn (every key inline, 0600), which stock clients import as it is.
/// </summary>
public static class ClientAddCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var name = new Argument<string>("name") { Description = "The client's name, e.g. anna-phone: letters, digits, '-', '_', '.'" };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write its profile (default: ./NAME.ovpn); never overwritten" };
        var command = new Command("add", "Add a client and write its profile (.ovpn, holding its private key)") { name, output, config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var root = CliComposition.Create();
            var inputs = AccessCommandInputs.Read(root, parse.GetValue(config)!, "client add", "it issues a certificate from the access CA");
            if (inputs is null)
            {
                return ExitCodes.InvalidInput;
            }

            var requested = parse.GetValue(name)!;
            ClientName clientName;
            try
            {
                clientName = ClientName.Parse(requested);
            }
            catch (AccessClientException e)
            {
                Console.Error.WriteLine($"causeway client add: error: {e.Message}");
                return ExitCodes.InvalidInput;
            }

            var clients = root.AccessClients(inputs.Access, inputs.Settings.Instance);
            try
            {
                // A name in use is the first thing to say (Add refuses it too, but after the checks below): the
                // registry's own refusal names the client and what to do.
                var registry = clients.ReadRegistry();
                if (registry.FindActive(clientName.Value) is { } existing)
                {
                    registry.Add(existing);
                }
            }
            catch (AccessClientException e)
            {
                Console.Error.WriteLine($"causeway client add: error: {e.Message}");
                return ExitCodes.InvalidInput;
            }

            var path = Path.GetFullPath(parse.GetValue(output) ?? $"{clientName.Value}.ovpn");
            if (OutputProblem(root, path) is { } problem)
            {
                Console.Error.WriteLine($"causeway client add: error: {problem}");
                return ExitCodes.InvalidInput;
            }

            var host = await root.AccessPreflight()
                .ChooseServerHostAsync(inputs.Access, inputs.Sources, cancellationToken);
            if (host.ServerHost is not { } serverHost)
            {
                foreach (var error in host.Errors)
                {
                    Console.Error.WriteLine(error);
                }

                return ExitCodes.InvalidInput;
            }

            AccessClientProfile profile;
            try
            {
                profile = clients.Add(clientName.Value, serverHost);
            }
            catch (AccessClientException e)
            {
                Console.Error.WriteLine($"causeway client add: error: {e.Message}");
                return ExitCodes.InvalidInput;
            }
            catch (AccessPkiException e)
            {
                Console.Error.WriteLine($"causeway client add: error: {e.Message}");
                return ExitCodes.InvalidInput;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // E.g. the PKI's lock held too long by another causeway: nothing was issued.
                Console.Error.WriteLine($"causeway client add: error: {e.Message}");
                return ExitCodes.Failed;
            }

            try
            {
                root.Files.WriteAllTextAtomic(path, profile.Text, PkiFileModes.File);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Its private key exists nowhere else now: revoke it, so that the name can simply be added again.
                clients.Revoke(profile.Name);
                Console.Error.WriteLine(
                    $"causeway client add: error: writing {path}: {e.Message}; client \"{profile.Name}\" was revoked again (its key is lost): fix that and add it again");
                return ExitCodes.Failed;
            }

            var owner = await CallerHandOver.HandOverAsync(root, path, "client add", cancellationToken);
            var remotes = string.Join(", then ", inputs.Access.Servers.Select(s => $"{serverHost} {s.TransportName} {s.Port}"));
            Console.Out.WriteLine($"added client \"{profile.Name}\" (certificate valid until {profile.Record.NotAfter:yyyy-MM-dd})");
            Console.Out.WriteLine($"its profile: {path} (0600{owner}; it holds the client's private key: keep it secret, import it on the device as it is)");
            Console.Out.WriteLine($"it connects to {remotes}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Why the profile cannot go to <paramref name="path"/>, checked before anything is issued; null if it can.</summary>
    private static string? OutputProblem(CompositionRoot root, string path)
    {
        var facts = root.Files.Stat(path);
        if (facts.Exists)
        {
            return $"{path} exists: give another --out, or move it away first (a profile is never overwritten: it may be a client's only key)";
        }

        var directory = Path.GetDirectoryName(path);
        if (directory is null || !root.Files.Stat(directory).IsDirectory)
        {
            return $"the directory of {path} does not exist: create it, or give another --out";
        }

        return null;
    }
}
