using System.CommandLine;
using Causeway.Cli.Daemon;
using Causeway.Core.Access;
using Causeway.Engine.Access;
using Causeway.Engine.Daemon;

namespace Causeway.Cli.Commands;

/// <summary>
/// `causeway client revoke NAME`: the CRL first (the servers read it at every new connection, so the client can
/// never come back), then its live sessions are ended through the running daemon (`client-kill CID HALT`). With
/// no daemon running there is no session to end: the CRL alone does the job.
/// </summary>
public static class ClientRevokeCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var name = new Argument<string>("name") { Description = "The client to revoke, as added" };
        var command = new Command("revoke", "Revoke a client: refused from now on, and disconnected at once") { name, config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var root = CliComposition.Create();
            var inputs = AccessCommandInputs.Read(root, parse.GetValue(config)!, "client revoke", "it updates the access CA's revocation list");
            if (inputs is null)
            {
                return ExitCodes.InvalidInput;
            }

            var clients = root.AccessClients(inputs.Access, inputs.Settings.Instance);
            AccessRevocation revocation;
            try
            {
                revocation = clients.Revoke(parse.GetValue(name)!);
            }
            catch (Exception e) when (e is AccessClientException or AccessPkiException)
            {
                Console.Error.WriteLine($"causeway client revoke: error: {e.Message}");
                return ExitCodes.InvalidInput;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // E.g. the PKI's lock held too long by another causeway: nothing was revoked.
                Console.Error.WriteLine($"causeway client revoke: error: {e.Message}; nothing was revoked");
                return ExitCodes.Failed;
            }

            Console.Out.WriteLine($"revoked client \"{revocation.CommonName}\": the servers refuse its certificate from now on (CRL number {revocation.CrlNumber})");
            try
            {
                var (ended, notRunning) = await new ControlClient(root.Machine).TryKillAsync(ControlApi.SocketPath(inputs.Settings.Instance), revocation.CommonName, cancellationToken);
                if (ended is null)
                {
                    Console.Out.WriteLine($"causeway is not running ({notRunning}): there is no live session to end");
                    return ExitCodes.Ok;
                }

                foreach (var session in ended.Sessions)
                {
                    Console.Out.WriteLine($"ended its session on the {session.Transport} server (from {session.RealAddress}, address {session.VirtualAddress ?? "?"})");
                }

                if (ended.Sessions.IsEmpty)
                {
                    Console.Out.WriteLine("it was not connected");
                }

                foreach (var problem in ended.Unreachable)
                {
                    Console.Error.WriteLine($"warning: {problem} (a server that is not up holds no session; the CRL refuses the client when it comes back)");
                }

                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is IOException or HttpRequestException or TaskCanceledException)
            {
                Console.Error.WriteLine(
                    $"causeway client revoke: ending the live session of \"{revocation.CommonName}\" through the daemon failed: {e.Message} " +
                    "(it is revoked and can never connect again; a session still open ends when `causeway up` is restarted)");
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
