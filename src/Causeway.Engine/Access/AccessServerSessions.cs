using System.Collections.Immutable;
using Causeway.Core.Access;
using Causeway.Core.Management;
using Causeway.Core.Model;
using Causeway.Engine.OpenVpn;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Access;

/// <summary>
/// The access servers' live sessions, through their management sockets: read them (`status 3`) for
/// `causeway client list` and the daemon's last-seen times, and end those of a revoked client (`client-kill CID
/// HALT`, which tells the client to stop, unlike `kill`, which only drops it on the server's side).
/// </summary>
public sealed class AccessServerSessions
{
    private readonly AccessSettings _access;
    private readonly AccessPaths _paths;
    private readonly IFileSystem _files;
    private readonly IUnixSocketConnector _connector;
    private readonly TimeProvider _time;

    public AccessServerSessions(AccessSettings access, AccessPaths paths, IFileSystem files, IUnixSocketConnector connector, TimeProvider time)
    {
        _access = access;
        _paths = paths;
        _files = files;
        _connector = connector;
        _time = time;
    }

    /// <summary>How long one server may take to answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Every live session on every server that answers; the servers that did not, with why.</summary>
    public async Task<AccessSessionsReport> ReadAsync(CancellationToken cancellationToken = default)
    {
        var sessions = ImmutableArray.CreateBuilder<AccessSession>();
        var unreachable = ImmutableArray.CreateBuilder<string>();
        foreach (var server in _access.Servers)
        {
            var read = await ReadServerAsync(server, cancellationToken);
            if (read.Problem is { } problem)
            {
                unreachable.Add(problem);
            }
            else
            {
                sessions.AddRange(read.Sessions);
            }
        }

        return new AccessSessionsReport(sessions.ToImmutable(), unreachable.ToImmutable());
    }

    /// <summary>
    /// Ends every session of <paramref name="commonName"/> on every server that answers. Returns the sessions ended
    /// and the servers that could not be asked (their clients are still refused at their next connection by the CRL).
    /// </summary>
    public async Task<AccessSessionsReport> KillAsync(string commonName, CancellationToken cancellationToken = default)
    {
        var killed = ImmutableArray.CreateBuilder<AccessSession>();
        var unreachable = ImmutableArray.CreateBuilder<string>();
        foreach (var server in _access.Servers)
        {
            var socket = _paths.ManagementSocket(server);
            if (!_files.Stat(socket).Exists)
            {
                unreachable.Add(NotRunning(server, socket));
                continue;
            }

            try
            {
                await using var client = await ManagementClient.ConnectAsync(_connector, socket, _time, Timeout, cancellationToken);
                var status = await StatusAsync(client, cancellationToken);
                var sessions = AccessClientReport.Sessions(server.Transport, status);
                foreach (var session in sessions.Where(s => s.ClientId is not null && s.CommonName == commonName))
                {
                    var command = AccessClientReport.KillCommands([session], commonName)[0];
                    (await client.SendAsync(command, cancellationToken)).EnsureSuccess(command);
                    killed.Add(session);
                }
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                unreachable.Add($"the {server.TransportName} server ({socket}): {e.Message}");
            }
        }

        return new AccessSessionsReport(killed.ToImmutable(), unreachable.ToImmutable());
    }

    private async Task<(ImmutableArray<AccessSession> Sessions, string? Problem)> ReadServerAsync(AccessServerSettings server, CancellationToken cancellationToken)
    {
        var socket = _paths.ManagementSocket(server);
        if (!_files.Stat(socket).Exists)
        {
            return ([], NotRunning(server, socket));
        }

        try
        {
            await using var client = await ManagementClient.ConnectAsync(_connector, socket, _time, Timeout, cancellationToken);
            return (AccessClientReport.Sessions(server.Transport, await StatusAsync(client, cancellationToken)), null);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            return ([], $"the {server.TransportName} server ({socket}): {e.Message}");
        }
    }

    private static async Task<ServerStatus> StatusAsync(ManagementClient client, CancellationToken cancellationToken)
    {
        const string command = "status 3";
        var reply = (await client.SendAsync(command, cancellationToken)).EnsureSuccess(command);
        return OpenVpnStatusParser.ParseServerStatus(reply.Lines);
    }

    private static string NotRunning(AccessServerSettings server, string socket) =>
        $"the {server.TransportName} server is not running (no {socket}): is `causeway up` running?";
}
