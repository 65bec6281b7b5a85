using System.Diagnostics;
using System.Net;
using Causeway.Engine.Daemon;
using Causeway.Engine.Seams;
using Causeway.Lab.Machine;
using Xunit;

namespace Causeway.Integration.Tests.Acceptance;

/// <summary>
/// Duo on the AOT binary: `causeway up` with [access] runs both access servers; `client add` writes a profile that a
/// stock `openvpn --config` uses as it is; `client list` shows who is connected, with bytes, from the running
/// daemon; `client revoke` drops a live client within seconds and keeps it out while another stays connected;
/// `down` removes everything. Bad [access] input changes nothing; the client commands say clearly what they need.
/// </summary>
public sealed class AccessCliTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(10);
    private static readonly string[] Nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Up_serves_udp_and_tcp_clients_are_listed_with_bytes_a_revoked_one_is_dropped_and_kept_out_and_down_removes_it_all()
    {
        await using var world = await DuoGatewayWorld.CreateAsync();
        var before = await NamespaceSnapshot.CaptureAsync(world.Vm, Ct);
        var up = world.StartUp();

        // Both servers up (their supervisors say CONNECTED), listening on UDP 1194 and TCP 443.
        var status = await world.WaitForStatusAsync(up, s => s.Access is { } a && a.Servers.Length == 2 && a.Servers.All(x => x.Up), "both access servers up");
        Assert.Equal(DuoGatewayWorld.PublicAddress, status.Access!.ServerHost);
        var udp = await world.Scope.ExecAsync(world.Vm, "ss", "-H", "-l", "-n", "-u", "sport", "=", ":1194");
        var tcp = await world.Scope.ExecAsync(world.Vm, "ss", "-H", "-l", "-n", "-t", "sport", "=", ":443");
        Assert.Contains(":1194", udp.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(":443", tcp.StandardOutput, StringComparison.Ordinal);

        // Two clients; the laptop's network drops UDP, so the same kind of profile takes it to TCP 443.
        var phoneProfile = Path.Combine(world.Directory, "phone.ovpn");
        var laptopProfile = Path.Combine(world.Directory, "laptop.ovpn");
        var added = await world.CausewayAsync("client", "add", "phone", "--out", phoneProfile, "-c", world.ConfigPath);
        Assert.True(added.Succeeded, $"client add: exit {added.ExitCode}: {added.StandardError}");
        Assert.Contains($"it connects to {DuoGatewayWorld.PublicAddress} udp 1194, then {DuoGatewayWorld.PublicAddress} tcp 443", added.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(phoneProfile));
        Assert.True((await world.CausewayAsync("client", "add", "laptop", "--out", laptopProfile, "-c", world.ConfigPath)).Succeeded);
        await world.BlockUdpAsync(world.PhoneB);

        var phone = world.StartPhone("phone", world.PhoneA, phoneProfile);
        var laptop = world.StartPhone("laptop", world.PhoneB, laptopProfile);
        await phone.WaitForLineAsync("Initialization Sequence Completed", DuoGatewayWorld.Timeout);
        await laptop.WaitForLineAsync("Initialization Sequence Completed", DuoGatewayWorld.Timeout);
        var ping = await world.Scope.TryExecAsync(world.PhoneA, "ping", "-c", "3", "-i", "0.2", "-W", "5", "10.9.0.1");
        Assert.True(ping.Succeeded, $"the phone's tunnel carries nothing: {ping.StandardOutput}{ping.StandardError}");

        // client list, from the running daemon: connected now, over which server, with bytes.
        var listedPhone = await world.WaitForClientAsync("phone", c => c.Connected == true && c.BytesReceived > 0 && c.BytesSent > 0, "connected with bytes");
        var listedLaptop = await world.WaitForClientAsync("laptop", c => c.Connected == true, "connected");
        Assert.Equal(["udp"], listedPhone.Transports);
        Assert.Equal(["tcp"], listedLaptop.Transports);
        Assert.NotNull(listedPhone.LastSeen);
        var list = await world.ClientListAsync();
        Assert.True(list.DaemonRunning);
        Assert.Empty(list.Problems);
        status = await world.WaitForStatusAsync(up, s => s.Access!.Sessions.Length == 2, "both sessions in the status");
        Assert.Equal(["laptop", "phone"], status.Access!.Sessions.Select(s => s.Name).Order());
        var table = await world.CausewayAsync("client", "list", "-c", world.ConfigPath);
        Assert.Contains("yes (udp 10.9.0.2", table.StandardOutput, StringComparison.Ordinal);

        // The world-readable status socket serves none of the control API; the control socket is root's only.
        using (var statusSocket = UnixSocketHttpClient.Create(Path.Combine(world.RunDirectory, "causeway.sock"), Quick))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await statusSocket.GetAsync("v1/access/sessions", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await statusSocket.PostAsync("v1/access/clients/phone/kill", null, Ct)).StatusCode);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(world.RunDirectory, "control")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(world.RunDirectory, "control", "control.sock")));
        Assert.True((await world.ClientListAsync()).Clients.Single(c => c.Name == "phone").Connected);

        // Revoke the phone: the CRL first, then its live session is ended through the daemon (client-kill HALT).
        var clock = Stopwatch.StartNew();
        var revoked = await world.CausewayAsync("client", "revoke", "phone", "-c", world.ConfigPath);
        Assert.True(revoked.Succeeded, $"client revoke: exit {revoked.ExitCode}: {revoked.StandardError}");
        Assert.Contains("ended its session on the udp server", revoked.StandardOutput, StringComparison.Ordinal);
        await phone.WaitForLineAsync("Halt command was pushed by server", TimeSpan.FromSeconds(5));
        await Waiting.UntilAsync(async _ => (await DuoGatewayWorld.OpenVpnPidsAsync(world.PhoneA)).Count == 0, TimeSpan.FromSeconds(5), "the phone's openvpn to exit", TimeProvider.System, Ct);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the phone was dropped only after {clock.Elapsed.TotalSeconds:0.0} s");
        var gone = await world.WaitForClientAsync("phone", c => c.Connected == false, "no longer connected", Quick);
        Assert.NotNull(gone.RevokedAt);

        // It cannot come back with the same profile; the laptop was never touched.
        var again = world.StartPhone("phone again", world.PhoneA, phoneProfile);
        await up.WaitForLogAsync("certificate revoked", DuoGatewayWorld.Timeout);
        Assert.False(again.HasLogged("Initialization Sequence Completed"), again.Log);
        var listed = (await world.ClientListAsync()).Clients;
        Assert.False(listed.Single(c => c.Name == "phone").Connected);
        Assert.True(listed.Single(c => c.Name == "laptop").Connected);
        var laptopPing = await world.Scope.TryExecAsync(world.PhoneB, "ping", "-c", "1", "-W", "5", "10.9.0.129");
        Assert.True(laptopPing.Succeeded, $"the laptop lost its tunnel: {laptopPing.StandardOutput}{laptopPing.StandardError}");

        // down: the daemon stops (leaving the servers to it: they outlive `up`), then down stops both servers, and the
        // namespace is as it was, access rules included.
        var down = await world.CausewayAsync("down", "-c", world.ConfigPath);
        Assert.True(down.Succeeded, $"down: exit {down.ExitCode}: {down.StandardError}");
        Assert.Equal(0, await up.WaitForExitAsync(DuoGatewayWorld.Timeout));
        Assert.Contains("the servers keep running and serving their clients", up.Log, StringComparison.Ordinal);
        Assert.Contains("stopped the access servers: udp (pid ", down.StandardOutput + down.StandardError, StringComparison.Ordinal);
        Assert.Contains("- ip rule IPv4 prio 7271 from all iif tuncw-udp lookup 7270", down.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(await DuoGatewayWorld.OpenVpnPidsAsync(world.Vm));
        var after = await NamespaceSnapshot.CaptureAsync(world.Vm, Ct);
        Assert.True(before.DifferencesTo(after).IsEmpty, $"down left the namespace changed:\n{NamespaceSnapshot.Diff(before, after)}");
        Assert.Empty(Leftovers(Path.Combine(world.RunDirectory, "openvpn")).Concat(Leftovers(Path.Combine(world.RunDirectory, "control"))));

        // The PKI and the registry outlive down: the revocation still holds at the next up.
        Assert.True(File.Exists(Path.Combine(world.AccessDirectory, "clients.json")));
    }

    [Fact]
    public async Task A_stopped_up_leaves_the_servers_serving_the_next_takes_them_over_and_a_changed_config_restarts_them()
    {
        await using var world = await DuoGatewayWorld.CreateAsync();
        var up = world.StartUp();
        await world.WaitForStatusAsync(up, s => s.Access is { } a && a.Servers.All(x => x.Up), "both access servers up");
        var profile = Path.Combine(world.Directory, "phone.ovpn");
        Assert.True((await world.CausewayAsync("client", "add", "phone", "--out", profile, "-c", world.ConfigPath)).Succeeded);
        var phone = world.StartPhone("phone", world.PhoneA, profile);
        await phone.WaitForLineAsync("Initialization Sequence Completed", DuoGatewayWorld.Timeout);
        var servers = ServerPids(world);

        // SIGTERM (what a service manager's stop or restart sends): the daemon goes, the servers keep serving.
        await up.SignalAsync(UnixSignals.Terminate);
        Assert.Equal(0, await up.WaitForExitAsync(DuoGatewayWorld.Timeout));
        Assert.Contains("the servers keep running and serving their clients", up.Log, StringComparison.Ordinal);
        Assert.All(servers, pid => Assert.True(IsAlive(pid), $"the access server {pid} stopped with the daemon"));
        await PingsServerAsync(world);

        // The next up takes them over: the same processes, the phone never reconnected.
        var second = world.StartUp();
        await world.WaitForStatusAsync(second, s => s.Access is { } a && a.Servers.All(x => x.Up), "both access servers taken over");
        Assert.Contains("taking it over", second.Log, StringComparison.Ordinal);
        Assert.Equal(servers, ServerPids(world));
        await world.WaitForClientAsync("phone", c => c.Connected == true, "still connected");
        await PingsServerAsync(world);
        Assert.Equal(1, Count(phone.Log, "Initialization Sequence Completed"));

        // A config that changes what the servers are: the next up restarts them, and the UDP phone is told at once.
        await second.SignalAsync(UnixSignals.Terminate);
        Assert.Equal(0, await second.WaitForExitAsync(DuoGatewayWorld.Timeout));
        var changed = world.WriteFile("changed.toml", world.Config($"public_address = \"{DuoGatewayWorld.PublicAddress}\"\nclient_to_client = true"));
        var third = world.StartUp(changed);
        await world.WaitForStatusAsync(third, s => s.Access is { } a && a.Servers.All(x => x.Up && x.ProcessStarts == 1), "both access servers restarted");
        Assert.Contains("is restarted: its config is not what this `causeway up` writes", third.Log, StringComparison.Ordinal);
        Assert.Empty(ServerPids(world).Intersect(servers));
        Assert.All(servers, pid => Assert.False(IsAlive(pid), $"the old server {pid} still runs"));
        await Waiting.UntilAsync(() => Count(phone.Log, "Initialization Sequence Completed") == 2, DuoGatewayWorld.Timeout, "the phone to reconnect to the new server", TimeProvider.System, Ct);
        await PingsServerAsync(world);

        // down stops them (the daemon no longer does).
        var down = await world.CausewayAsync("down", "-c", changed);
        Assert.True(down.Succeeded, $"down: exit {down.ExitCode}: {down.StandardError}");
        Assert.Equal(0, await third.WaitForExitAsync(DuoGatewayWorld.Timeout));
        Assert.Empty(await DuoGatewayWorld.OpenVpnPidsAsync(world.Vm));
    }

    /// <summary>The access servers' pids from their pid files (UDP, TCP).</summary>
    private static int[] ServerPids(DuoGatewayWorld world) =>
        [.. new[] { "udp", "tcp" }.Select(t => int.Parse(File.ReadAllText(Path.Combine(world.RunDirectory, "openvpn", $"access-{t}.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The phone (on UDP) reaches its server's own address through its tunnel.</summary>
    private static async Task PingsServerAsync(DuoGatewayWorld world)
    {
        var ping = await world.Scope.TryExecAsync(world.PhoneA, "ping", "-c", "3", "-i", "0.2", "-W", "5", "10.9.0.1");
        Assert.True(ping.Succeeded, $"the phone's tunnel carries nothing: {ping.StandardOutput}{ping.StandardError}");
    }

    private static int Count(string text, string what) => text.Split(what).Length - 1;

    /// <summary>Exists and is not a zombie (/proc/PID/stat: the state follows the name in parentheses).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>What is left in a run directory Causeway removes when empty (nothing if it is gone).</summary>
    private static string[] Leftovers(string directory) => Directory.Exists(directory) ? Directory.GetFileSystemEntries(directory) : [];

    [Fact]
    public async Task Without_public_address_a_private_uplink_is_exit_2_and_nothing_changes()
    {
        await using var world = await DuoGatewayWorld.CreateAsync();
        var config = world.WriteFile("no-public-address.toml", world.Config("pool = \"10.9.0.0/24\""));
        var before = await NamespaceSnapshot.CaptureAsync(world.Vm, Ct);

        var up = await world.CausewayAsync("up", "-c", config);

        var after = await NamespaceSnapshot.CaptureAsync(world.Vm, Ct);
        Assert.Equal(2, up.ExitCode);
        var error = Assert.Single(up.StandardError.Split('\n'), l => l.Contains(": error: ", StringComparison.Ordinal));
        Assert.StartsWith($"{config}:14:2: error: access.public_address is not set and this host's uplink address {DuoGatewayWorld.UplinkAddress} is not public", error, StringComparison.Ordinal);
        Assert.Contains("set public_address", error, StringComparison.Ordinal);
        Assert.Contains("nothing was changed on this host", up.StandardError, StringComparison.Ordinal);
        Assert.True(before.DifferencesTo(after).IsEmpty, NamespaceSnapshot.Diff(before, after));
        Assert.False(Directory.Exists(world.RunDirectory), "the run directory was created");
        Assert.False(Directory.Exists(world.StateDirectory), "the state directory (the PKI) was created");
    }

    [Fact]
    public async Task A_pki_key_others_can_read_is_exit_2_naming_it_and_nothing_changes()
    {
        await using var world = await DuoGatewayWorld.CreateAsync();
        Assert.True((await world.CausewayAsync("client", "add", "phone", "--out", Path.Combine(world.Directory, "phone.ovpn"), "-c", world.ConfigPath)).Succeeded);
        var key = Path.Combine(world.AccessDirectory, "ca.key");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = await NamespaceSnapshot.CaptureAsync(world.Vm, Ct);

        var up = await world.CausewayAsync("up", "-c", world.ConfigPath);

        var after = await NamespaceSnapshot.CaptureAsync(world.Vm, Ct);
        Assert.Equal(2, up.ExitCode);
        var error = Assert.Single(up.StandardError.Split('\n'), l => l.Contains(": error: ", StringComparison.Ordinal));
        Assert.StartsWith($"{key}: error: can be read or changed by group or others (mode 0644)", error, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {key}", error, StringComparison.Ordinal);
        Assert.Contains("nothing was changed on this host", up.StandardError, StringComparison.Ordinal);
        Assert.True(before.DifferencesTo(after).IsEmpty, NamespaceSnapshot.Diff(before, after));
        Assert.False(Directory.Exists(world.RunDirectory), "the run directory was created");
    }

    [Fact]
    public async Task An_overlay_address_inside_the_pool_turning_up_while_running_is_shown_in_the_status_and_stops_nothing()
    {
        await using var world = await DuoGatewayWorld.CreateAsync();
        var up = world.StartUp();
        await world.WaitForStatusAsync(up, s => s.Access is { } a && a.Servers.Length == 2 && a.Servers.All(x => x.Up) && a.Problems.IsDefaultOrEmpty, "both access servers up, no problem");

        // Checked at `up` (exit 2) only for what is known then; this turns up later, on the overlay's interface.
        await world.Scope.ExecAsync(world.Vm, "ip", "addr", "add", "10.9.0.200/32", "dev", "ov0");

        // The daemon reads a plain interface overlay again every OverlayWatch.InterfacePollInterval (30 s).
        var status = await world.WaitForStatusAsync(
            up, s => s.Access is { Problems.IsDefaultOrEmpty: false }, "the conflict in the status", OverlayWatch.InterfacePollInterval + DuoGatewayWorld.Timeout);
        var problem = Assert.Single(status.Access!.Problems);
        Assert.Equal("this host's overlay address 10.9.0.200 is inside access.pool 10.9.0.0/24: choose a pool the overlay does not use", problem);
        Assert.All(status.Access.Servers, s => Assert.True(s.Up, $"{s.Transport} stopped"));
        Assert.False(up.HasExited, $"causeway up exited:\n{up.Tail()}");
    }

    [Fact]
    public async Task Client_add_under_sudo_hands_the_profile_to_the_user_who_ran_sudo_and_without_sudo_it_stays_roots()
    {
        await using var world = await DuoGatewayWorld.CreateAsync();
        var phone = Path.Combine(world.Directory, "phone.ovpn");
        var tablet = Path.Combine(world.Directory, "tablet.ovpn");

        var underSudo = await world.CausewayAsAsync(["env", "SUDO_UID=65534", "SUDO_GID=65533"], "client", "add", "phone", "--out", phone, "-c", world.ConfigPath);
        var asRoot = await world.CausewayAsAsync(["env", "-u", "SUDO_UID", "-u", "SUDO_GID"], "client", "add", "tablet", "--out", tablet, "-c", world.ConfigPath);

        Assert.True(underSudo.Succeeded, $"client add under sudo: exit {underSudo.ExitCode}: {underSudo.StandardError}");
        Assert.Contains($"its profile: {phone} (0600, owned by uid 65534, who ran sudo;", underSudo.StandardOutput, StringComparison.Ordinal);
        var owner = await world.Scope.ExecAsync(world.Vm, "stat", "-c", "%u:%g %a", phone);
        Assert.Equal("65534:65533 600", owner.StandardOutput.Trim());
        Assert.True(asRoot.Succeeded, $"client add as root: exit {asRoot.ExitCode}: {asRoot.StandardError}");
        Assert.Contains($"its profile: {tablet} (0600;", asRoot.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("0:0 600", (await world.Scope.ExecAsync(world.Vm, "stat", "-c", "%u:%g %a", tablet)).StandardOutput.Trim());
    }

    [Fact]
    public async Task The_client_commands_say_clearly_what_is_wrong_and_work_without_a_running_daemon()
    {
        await using var world = await DuoGatewayWorld.CreateAsync();
        var profile = Path.Combine(world.Directory, "phone.ovpn");

        var added = await world.CausewayAsync("client", "add", "phone", "--out", profile, "-c", world.ConfigPath);
        var duplicate = await world.CausewayAsync("client", "add", "PHONE", "--out", Path.Combine(world.Directory, "other.ovpn"), "-c", world.ConfigPath);
        var invalid = await world.CausewayAsync("client", "add", "my phone", "-c", world.ConfigPath);
        var overwrite = await world.CausewayAsync("client", "add", "tablet", "--out", profile, "-c", world.ConfigPath);
        var asNobody = await world.CausewayAsAsync(Nobody, "client", "list", "-c", world.ConfigPath);
        var list = await world.CausewayAsync("client", "list", "-c", world.ConfigPath);
        var json = ClientRow.ParseList((await world.CausewayAsync("client", "list", "--json", "-c", world.ConfigPath)).StandardOutput);
        var unknown = await world.CausewayAsync("client", "revoke", "laptop", "-c", world.ConfigPath);
        var revoked = await world.CausewayAsync("client", "revoke", "phone", "-c", world.ConfigPath);
        var twice = await world.CausewayAsync("client", "revoke", "phone", "-c", world.ConfigPath);
        var noAccess = world.WriteFile("uno.toml", world.Config()[..world.Config().IndexOf("[access]", StringComparison.Ordinal)]);
        var withoutAccess = await world.CausewayAsync("client", "list", "-c", noAccess);

        Assert.True(added.Succeeded, $"exit {added.ExitCode}: {added.StandardError}");
        Assert.Equal((2, "causeway client add: error: there is already a client named \"phone\""), (duplicate.ExitCode, duplicate.StandardError[..duplicate.StandardError.IndexOf(" (added", StringComparison.Ordinal)]));
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("client name \"my phone\" may only have letters, digits", invalid.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, overwrite.ExitCode);
        Assert.Contains($"{profile} exists: give another --out", overwrite.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("tablet", (await world.ClientListAsync()).Clients.Select(c => c.Name));

        Assert.Equal(2, asNobody.ExitCode);
        Assert.Contains("causeway client list needs root", asNobody.StandardError, StringComparison.Ordinal);
        Assert.Contains("sudo causeway client list", asNobody.StandardError, StringComparison.Ordinal);

        // No daemon: not an error, and said so.
        Assert.True(list.Succeeded, $"exit {list.ExitCode}: {list.StandardError}");
        Assert.Contains("not running", list.StandardOutput, StringComparison.Ordinal);
        Assert.False(json.DaemonRunning);
        var row = Assert.Single(json.Clients);
        Assert.Equal(("phone", null, null), (row.Name, row.Connected, row.BytesReceived));
        Assert.Contains(json.Problems, p => p.StartsWith("causeway is not running", StringComparison.Ordinal));

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("there is no client named \"laptop\" (clients: phone)", unknown.StandardError, StringComparison.Ordinal);
        Assert.True(revoked.Succeeded, $"exit {revoked.ExitCode}: {revoked.StandardError}");
        Assert.Contains("revoked client \"phone\"", revoked.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("causeway is not running", revoked.StandardOutput, StringComparison.Ordinal);
        Assert.NotNull((await world.ClientListAsync()).Clients.Single().RevokedAt);
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("client \"phone\" was already revoked", twice.StandardError, StringComparison.Ordinal);

        Assert.Equal(2, withoutAccess.ExitCode);
        Assert.Contains($"{noAccess}: error: the config has no [access] section", withoutAccess.StandardError, StringComparison.Ordinal);
    }
}
