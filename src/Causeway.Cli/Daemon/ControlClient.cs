using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Causeway.Engine.Daemon;
using Causeway.Engine.Seams;

namespace Causeway.Cli.Daemon;

/// <summary>Asks a running daemon through its root-only control socket (<see cref="ControlApi"/>), through the machine's socket and file seams.</summary>
public sealed class ControlClient(Machine machine)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Every live session on the access servers; null (with why) when no daemon answers.</summary>
    public async Task<(ControlSessionsReport? Report, string? NotRunning)> TryGetSessionsAsync(string socketPath, CancellationToken cancellationToken)
    {
        if (!DaemonHttp.SocketFileExists(machine.Files, socketPath))
        {
            return (null, $"no daemon answers on {socketPath}");
        }

        using var client = DaemonHttp.Create(machine.Sockets, socketPath, Timeout);
        try
        {
            using var response = await client.GetAsync(ControlApi.SessionsPath.TrimStart('/'), cancellationToken);
            return (await ReadAsync(response, cancellationToken), null);
        }
        catch (HttpRequestException e) when (IsNotListening(e))
        {
            return (null, $"no daemon answers on {socketPath}");
        }
    }

    /// <summary>
    /// Ends the live sessions of the client <paramref name="name"/> (`client-kill CID HALT` on whichever server holds
    /// them); null (with why) when no daemon answers.
    /// </summary>
    /// <exception cref="IOException">The daemon answered, but with an error.</exception>
    public async Task<(ControlSessionsReport? Report, string? NotRunning)> TryKillAsync(string socketPath, string name, CancellationToken cancellationToken)
    {
        if (!DaemonHttp.SocketFileExists(machine.Files, socketPath))
        {
            return (null, $"no daemon answers on {socketPath}");
        }

        using var client = DaemonHttp.Create(machine.Sockets, socketPath, Timeout);
        try
        {
            using var response = await client.PostAsync(ControlApi.KillPath(name).TrimStart('/'), content: null, cancellationToken);
            return (await ReadAsync(response, cancellationToken), null);
        }
        catch (HttpRequestException e) when (IsNotListening(e))
        {
            return (null, $"no daemon answers on {socketPath}");
        }
    }

    private static async Task<ControlSessionsReport> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            string message;
            try
            {
                message = (await response.Content.ReadFromJsonAsync(DaemonJsonContext.Default.ControlError, cancellationToken))?.Error ?? response.ReasonPhrase ?? "no reason given";
            }
            catch (JsonException)
            {
                message = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            }

            throw new IOException($"the daemon refused: {message}");
        }

        try
        {
            return await response.Content.ReadFromJsonAsync(DaemonJsonContext.Default.ControlSessionsReport, cancellationToken)
                ?? throw new IOException("the daemon answered nothing");
        }
        catch (JsonException e)
        {
            throw new IOException($"the daemon's answer is not what this causeway reads ({e.Message}): is it another version?", e);
        }
    }

    /// <summary>
    /// A socket file left by a daemon that was killed: nothing listens (or the file is not ours to open). The seam's
    /// failure to connect reaches here as a connection error, its SocketException inside.
    /// </summary>
    private static bool IsNotListening(HttpRequestException e) =>
        e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.AddressNotAvailable or SocketError.AccessDenied }
        || e.InnerException?.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.AddressNotAvailable or SocketError.AccessDenied }
        || e.HttpRequestError == HttpRequestError.ConnectionError;
}
