using System.Collections.Immutable;
using System.Text.Json;
using Causeway.Core.Netlink;
using Causeway.Core.Traffic;
using Causeway.Engine.Daemon;
using Causeway.Engine.Seams;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.Traffic;

/// <summary>
/// The bytes and rates of the devices clients' traffic crosses (<see cref="StatusReport.Traffic"/>), and this month's
/// egress per device and per access client (<see cref="StatusReport.EgressUsage"/>). Every
/// <see cref="SampleInterval"/> it reads /proc/net/dev (one file, no process: the daemon's idle footprint matters) and
/// the access sessions the access servers last published; rates are over the time between two readings on the
/// <see cref="TimeProvider"/>. The month's counts are kept in the state directory (<see cref="Save"/>: every
/// <see cref="SaveInterval"/>, at a budget threshold and at stop; atomic, bounded by <see cref="EgressMeter.MaxClients"/>),
/// so a restart loses at most that interval; a new UTC month starts them from zero. With `[egress] monthly_budget_gb`
/// each threshold is logged once a month.
/// </summary>
public sealed class TrafficWatch : IAsyncDisposable
{
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(5);

    /// <summary>How often the month's counts are written (an SD card on a Raspberry Pi wears with every write).</summary>
    public static readonly TimeSpan SaveInterval = TimeSpan.FromMinutes(5);

    /// <summary>How far back <see cref="TrafficReport.History"/> goes: 60 readings.</summary>
    public static readonly TimeSpan HistoryLength = TimeSpan.FromMinutes(5);

    /// <summary>A larger file is not Causeway's (ours is bounded far below): it is ignored, and counting starts again.</summary>
    public const long MaxUsageFileBytes = 1024 * 1024;

    // Replaced whole by a reload (Reconfigure); a reading takes the reference once, so it sees one settings or the other.
    private TrafficWatchSettings _settings;
    private readonly IFileSystem _files;
    private readonly StatusBoard _status;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BackgroundLoop _loop;
    private readonly Lock _gate = new();

    // Guarded by _gate.
    private ImmutableDictionary<string, InterfaceCounters>? _previous;
    private ImmutableArray<TrafficPoint> _history = [];
    private DateTimeOffset _previousAt;
    private EgressUsage? _usage;
    private DateTimeOffset _savedAt;
    private bool _dirty;
    private bool _warnedRead;
    private bool _warnedSave;

    public TrafficWatch(TrafficWatchSettings settings, IFileSystem files, StatusBoard status, TimeProvider time, ILogger logger)
    {
        _settings = settings;
        _files = files;
        _status = status;
        _time = time;
        _logger = logger;
        _loop = new BackgroundLoop(RunAsync);
    }

    /// <summary>Starts the loop: a reading at once, then one every <see cref="SampleInterval"/>.</summary>
    public void Start() => _loop.Start();

    /// <summary>Stops the loop and writes the month's counts (the daemon stops).</summary>
    public async Task StopAsync()
    {
        await _loop.StopAsync();
        Save();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _loop.DisposeAsync();
    }

    /// <summary>
    /// A reload: from the next reading the devices are <paramref name="settings"/>'s (a renamed `egress.device` is read
    /// under its new name; its rate starts again, and the month's count goes on from the new device's counters). Where
    /// the counts are kept and the budget stay as at start: they restart the daemon (<see cref="Core.Reload.ReloadKeys"/>).
    /// </summary>
    public void Reconfigure(TrafficWatchSettings settings) =>
        _settings = settings with { UsagePath = _settings.UsagePath, BudgetBytes = _settings.BudgetBytes };

    /// <summary>One reading: the devices' counters and rates, the month's counts, the budget; published in the status.</summary>
    public void Sample()
    {
        ImmutableDictionary<string, InterfaceCounters> counters;
        try
        {
            counters = ProcNetDev.Parse(_files.ReadAllText(ProcNetDev.Path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lock (_gate)
            {
                if (!_warnedRead)
                {
                    _warnedRead = true;
                    _logger.LogWarning("reading the devices' counters ({Path}): {Error}; the status shows no traffic until it can", ProcNetDev.Path, e.Message);
                }
            }

            return;
        }

        var current = _status.Current;
        var now = _time.GetUtcNow();
        var devices = Devices(current);
        TrafficReport traffic;
        EgressUsageReport? usageReport = null;
        bool save;
        lock (_gate)
        {
            var elapsed = _previous is null ? (TimeSpan?)null : now - _previousAt;
            ImmutableArray<TrafficDeviceReport> reports = [.. devices.Select(d => Report(d, counters.GetValueOrDefault(d.Device), _previous?.GetValueOrDefault(d.Device), elapsed))];
            _history = Remember(_history, reports, now);
            traffic = new TrafficReport(now, elapsed is { } e ? Math.Round(e.TotalSeconds, 3) : null, reports) { History = _history };
            _previous = counters;
            _previousAt = now;

            save = CountMonth(current, devices, counters, now);
            if (_usage is { } usage)
            {
                usageReport = UsageReport(usage);
            }
        }

        _status.Update(s => s with { Traffic = traffic, EgressUsage = usageReport ?? s.EgressUsage });
        if (save)
        {
            Save();
        }
    }

    /// <summary>The history with this reading's egress rates added, and what is older than <see cref="HistoryLength"/> gone.</summary>
    private static ImmutableArray<TrafficPoint> Remember(ImmutableArray<TrafficPoint> history, ImmutableArray<TrafficDeviceReport> reports, DateTimeOffset now)
    {
        var egress = reports.FirstOrDefault(r => r.Role == TrafficDeviceReport.EgressRole);
        return [.. history.Where(p => p.At > now - HistoryLength), new TrafficPoint(now, egress?.UpstreamBytesPerSecond, egress?.DownstreamBytesPerSecond)];
    }

    /// <summary>Writes the month's counts now, if they changed since the last write (atomically, 0600).</summary>
    public void Save()
    {
        string json;
        lock (_gate)
        {
            if (_usage is not { } usage || !_dirty)
            {
                return;
            }

            // Into the state directory only once the daemon has made it (its first reconcile does).
            if (!_files.Stat(Path.GetDirectoryName(_settings.UsagePath)!).IsDirectory)
            {
                return;
            }

            json = JsonSerializer.Serialize(usage, TrafficJsonContext.Default.EgressUsage);
            _dirty = false;
            _savedAt = _time.GetUtcNow();
        }

        try
        {
            _files.WriteAllTextAtomic(_settings.UsagePath, json + "\n", FileModes.PrivateFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotWritableException)
        {
            lock (_gate)
            {
                _dirty = true;
                if (!_warnedSave)
                {
                    _warnedSave = true;
                    _logger.LogWarning("writing this month's egress counts to {Path}: {Error}; they are kept in memory and written again later", _settings.UsagePath, e.Message);
                }
            }
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                try
                {
                    Sample();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Only the status's traffic stops being fresh: never the daemon.
                    _logger.LogError("reading traffic: {Error}", e.Message);
                }

                await Task.Delay(SampleInterval, _time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>The devices to read: the egress first, then the overlay (when it is a client side), then the access servers.</summary>
    private ImmutableArray<WatchedDevice> Devices(StatusReport current)
    {
        var settings = _settings;
        var devices = ImmutableArray.CreateBuilder<WatchedDevice>();
        var overlay = current.Overlay?.Interface;
        if ((settings.TunnelDevice ?? overlay) is { } egress)
        {
            devices.Add(new WatchedDevice(egress, TrafficDeviceReport.EgressRole, settings.EgressHop, null));
        }

        if (settings.TunnelDevice is not null && overlay is not null)
        {
            devices.Add(new WatchedDevice(overlay, TrafficDeviceReport.OverlayRole, null, null));
        }

        foreach (var (transport, device) in settings.AccessDevices)
        {
            devices.Add(new WatchedDevice(device, TrafficDeviceReport.AccessRole, null, transport));
        }

        return devices.ToImmutable();
    }

    private static TrafficDeviceReport Report(WatchedDevice device, InterfaceCounters? now, InterfaceCounters? before, TimeSpan? elapsed)
    {
        if (now is null)
        {
            return new TrafficDeviceReport(device.Device, device.Role, device.Hop, device.Transport, false, 0, 0, 0, 0, null, null, null, null);
        }

        double? received = before is null || elapsed is null ? null : CounterDelta.PerSecond(before.ReceivedBytes, now.ReceivedBytes, elapsed.Value);
        double? sent = before is null || elapsed is null ? null : CounterDelta.PerSecond(before.SentBytes, now.SentBytes, elapsed.Value);
        var egress = device.Role == TrafficDeviceReport.EgressRole;
        return new TrafficDeviceReport(
            device.Device,
            device.Role,
            device.Hop,
            device.Transport,
            true,
            now.ReceivedBytes,
            now.SentBytes,
            now.ReceivedPackets,
            now.SentPackets,
            received,
            sent,
            egress ? sent : received,
            egress ? received : sent);
    }

    /// <summary>Advances the month's counts (under the gate); true when they should be written now.</summary>
    private bool CountMonth(StatusReport current, ImmutableArray<WatchedDevice> devices, ImmutableDictionary<string, InterfaceCounters> counters, DateTimeOffset now)
    {
        if (devices.FirstOrDefault(d => d.Role == TrafficDeviceReport.EgressRole) is not { } egress)
        {
            return false;
        }

        _usage ??= Load(now);
        _savedAt = _savedAt == default ? now : _savedAt;
        var sessions = current.Access?.Sessions is { IsDefault: false } live
            ? live.Select(s => new SessionBytes(
                $"{s.Transport}/{s.Name}/{s.ConnectedSince?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}",
                s.Name,
                s.ConnectedSince,
                new ByteCount(s.BytesSent, s.BytesReceived))).ToList()
            : [];
        var month = _usage.Month;
        var usage = EgressMeter.Advance(_usage, now, egress.Device, counters.GetValueOrDefault(egress.Device), sessions);
        var urgent = usage.Month != month;
        if (_settings.BudgetBytes is { } budget && !EgressMeter.NewlyReached(ref usage, budget).IsEmpty)
        {
            _logger.LogWarning("{Warning}", EgressBudget.Warning(usage, budget));
            urgent = true;
        }

        // Every reading moves the baselines: the file is always behind, and written when due.
        _dirty = true;
        _usage = usage;
        return urgent || now - _savedAt >= SaveInterval;
    }

    /// <summary>The counts a previous `up` kept, or none: a missing, unreadable or foreign file starts them again.</summary>
    private EgressUsage Load(DateTimeOffset now)
    {
        var path = _settings.UsagePath;
        try
        {
            var facts = _files.Stat(path);
            if (!facts.Exists)
            {
                return EgressUsage.Empty(now);
            }

            if (!facts.IsRegularFile || facts.Length > MaxUsageFileBytes)
            {
                _logger.LogWarning("{Path} is not this month's egress counts as Causeway writes them (not a file, or over {Max} bytes): counting starts again", path, MaxUsageFileBytes);
                return EgressUsage.Empty(now);
            }

            var usage = JsonSerializer.Deserialize(_files.ReadAllText(path), TrafficJsonContext.Default.EgressUsage);
            return usage is { Month: not null, Clients: not null, DeviceBaselines: not null, SessionBaselines: not null, Egress: not null } && !usage.ThresholdsWarned.IsDefault
                ? usage
                : EgressUsage.Empty(now);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            _logger.LogWarning("reading this month's egress counts from {Path}: {Error}; counting starts again", path, e.Message);
            return EgressUsage.Empty(now);
        }
    }

    private EgressUsageReport UsageReport(EgressUsage usage)
    {
        var budget = _settings.BudgetBytes;
        var counted = usage.CountedBytes;
        return new EgressUsageReport(
            usage.Month,
            usage.CountingSince,
            usage.SampledAt,
            usage.Device,
            usage.Egress.Sent,
            usage.Egress.Received,
            [.. usage.Clients.Select(c => new ClientUsageReport(c.Key, c.Value.Sent, c.Value.Received))],
            counted,
            budget,
            budget is { } b ? Math.Round(100.0 * counted / b, 1) : null,
            budget is { } limit ? [.. EgressBudget.Thresholds.Where(t => counted >= EgressBudget.Threshold(limit, t))] : [],
            budget is { } bytes ? EgressBudget.Warning(usage, bytes) : null);
    }

    private sealed record WatchedDevice(string Device, string Role, string? Hop, string? Transport);
}
