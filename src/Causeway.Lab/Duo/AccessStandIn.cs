using System.Net;
using Causeway.Core.Config;
using Causeway.Core.Model;
using Causeway.Engine.Access;
using Causeway.Lab.Uno;
using Causeway.Linux.Platform;

namespace Causeway.Lab.Duo;

/// <summary>
/// TEMPORARY, until `causeway up` runs the access servers and `causeway client` exists (the duodaemon branch): the
/// lab starts the two servers itself, from the configs Causeway.Engine.Access renders from the VM's config and with
/// its PKI, and adds, lists and revokes clients with the same engine code. Everything else of the world (the host's
/// rules for the servers' devices included) is `causeway up`'s. A world built this way fails the check
/// `access-by-causeway`, so that no report passes on the stand-in.
/// </summary>
internal sealed class AccessStandIn : IVmAccess
{
    private readonly DuoWorld _w;
    private readonly CausewaySettings _settings;
    private readonly AccessClients _clients;
    private readonly AccessServerSessions _sessions;

    public AccessStandIn(DuoWorld w)
    {
        _w = w;
        var path = w.State.GatewayConfigPath;
        var loaded = ConfigLoader.Load(w.Files.ReadAllText(path), path);
        _settings = loaded.Succeeded && loaded.Settings?.Access is not null
            ? loaded.Settings
            : throw new InvalidOperationException($"{path}: no [access] to stand in for: {string.Join("; ", loaded.Diagnostics)}");
        _clients = new AccessClients(_settings.Access!, _settings.Instance, w.Files, w.Time);
        _sessions = new AccessServerSessions(_settings.Access!, _clients.Paths, w.Files, new UnixSocketConnector(), w.Time);
    }

    public string Description => "the lab's TEMPORARY access stand-in (Causeway.Engine.Access in-process, servers started by the lab)";

    /// <summary>Makes the PKI, writes the servers' configs and starts each server in the VM; returns once each has initialised.</summary>
    public async Task StartServersAsync(CancellationToken ct)
    {
        _clients.Pki.EnsureReady();
        var launches = AccessServerConfigs.Write(_w.Files, _settings.Instance, _settings.Access!, [IPNetwork.Parse(UnoTopology.OverlayCidr)]);
        foreach (var launch in launches)
        {
            var transport = launch.Server.TransportName;
            var log = _w.DuoLayout.StandInServerLog(transport);
            var offset = _w.LogLength(log);
            _w.StartDetached(DuoProcessNames.StandInServer(transport), DuoTopology.Vm, "openvpn", ["--config", launch.ConfigPath], log);
            await _w.WaitForLogAsync(DuoProcessNames.StandInServer(transport), log, offset, "Initialization Sequence Completed", TimeSpan.FromSeconds(30), ct);
        }

        _w.Progress($"vm: TEMPORARY stand-in: the gateway binary has no `causeway client`, so the lab started the access servers ({string.Join(", ", launches.Select(l => l.ConfigPath))})");
    }

    public async Task StopServersAsync(CancellationToken ct)
    {
        foreach (var server in _settings.Access!.Servers)
        {
            await _w.KillAsync(DuoProcessNames.StandInServer(server.TransportName), ct);
        }
    }

    public Task AddAsync(string name, string profilePath, CancellationToken ct)
    {
        var profile = _clients.Add(name, DuoTopology.PublicAddress.ToString());
        _w.Files.WriteAllTextAtomic(profilePath, profile.Text, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<VmClient>> ListAsync(CancellationToken ct)
    {
        var sessions = (await _sessions.ReadAsync(ct)).Sessions;
        var registry = _clients.ReadRegistry();
        return
        [
            .. registry.Clients.Select(c =>
            {
                var active = registry.FindActive(c.Name) is { } a && ReferenceEquals(a, c);
                var mine = active
                    ? sessions.Where(s => s.CommonName == c.Name)
                        .Select(s => new VmClientSession(
                            s.Transport == AccessTransport.Udp ? "udp" : "tcp", s.RealAddress, s.VirtualAddress?.ToString(), s.ConnectedSince?.ToString("u"), s.BytesReceived, s.BytesSent))
                        .ToList()
                    : [];
                return new VmClient(c.Name, c.RevokedAt is not null, mine);
            }),
        ];
    }

    public async Task<string> RevokeAsync(string name, CancellationToken ct)
    {
        var revocation = _clients.Revoke(name);
        var killed = await _sessions.KillAsync(revocation.CommonName, ct);
        return $"revoked {revocation.CommonName} (CRL {revocation.CrlNumber}); ended {killed.Sessions.Length} session(s)"
            + (killed.Unreachable.IsEmpty ? string.Empty : $"; could not ask: {string.Join("; ", killed.Unreachable)}");
    }
}
