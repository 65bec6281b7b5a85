using System.Collections.Immutable;
using System.Globalization;

namespace Causeway.Core.Management;

/// <summary>Parsers for the lines of a `status` reply (without END).</summary>
public static class OpenVpnStatusParser
{
    /// <summary>A client's `OpenVPN STATISTICS` block; null if the lines are not one.</summary>
    public static ClientStatistics? ParseClientStatistics(IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0 || list[0] != "OpenVPN STATISTICS")
        {
            return null;
        }

        var values = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var line in list.Skip(1))
        {
            var comma = line.LastIndexOf(',');
            if (comma > 0)
            {
                values[line[..comma]] = line[(comma + 1)..];
            }
        }

        long Number(string name) =>
            values.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : 0;

        return new ClientStatistics(
            values.GetValueOrDefault("Updated"),
            Number("TUN/TAP read bytes"),
            Number("TUN/TAP write bytes"),
            Number("TCP/UDP read bytes"),
            Number("TCP/UDP write bytes"),
            Number("Auth read bytes"),
            values.ToImmutable());
    }

    /// <summary>
    /// A server's `status 2` or `status 3` reply. Columns are found by name from the `HEADER,CLIENT_LIST,...` and
    /// `HEADER,ROUTING_TABLE,...` lines, so added columns in a later OpenVPN do not shift anything. With commas
    /// (`status 2`) a field containing a comma (a common name) cannot be told apart; `status 3` uses tabs.
    /// </summary>
    public static ServerStatus ParseServerStatus(IEnumerable<string> lines)
    {
        string? title = null;
        DateTimeOffset? time = null;
        var headers = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var clients = ImmutableArray.CreateBuilder<ServerStatusClient>();
        var routes = ImmutableArray.CreateBuilder<ServerStatusRoute>();
        var stats = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var fields = line.Split(line.Contains('\t', StringComparison.Ordinal) ? '\t' : ',');
            switch (fields[0])
            {
                case "TITLE" when fields.Length > 1:
                    title = string.Join(',', fields.Skip(1));
                    break;
                case "TIME" when fields.Length > 1:
                    time = fields.Length > 2 && UnixTime.TryParse(fields[2], out var t) ? t : null;
                    break;
                case "HEADER" when fields.Length > 2:
                    headers[fields[1]] = fields[2..];
                    break;
                case "CLIENT_LIST":
                    clients.Add(ToClient(Named(headers.GetValueOrDefault("CLIENT_LIST"), fields)));
                    break;
                case "ROUTING_TABLE":
                    routes.Add(ToRoute(Named(headers.GetValueOrDefault("ROUTING_TABLE"), fields)));
                    break;
                case "GLOBAL_STATS" when fields.Length > 2:
                    stats[fields[1]] = fields[2];
                    break;
            }
        }

        return new ServerStatus(title, time, clients.ToImmutable(), routes.ToImmutable(), stats.ToImmutable());
    }

    private static ImmutableDictionary<string, string> Named(string[]? header, string[] fields)
    {
        var named = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < fields.Length; i++)
        {
            var name = header is not null && i - 1 < header.Length ? header[i - 1] : $"#{i}";
            named[name] = fields[i];
        }

        return named.ToImmutable();
    }

    private static ServerStatusClient ToClient(ImmutableDictionary<string, string> f)
    {
        string Text(string name) => f.GetValueOrDefault(name) ?? string.Empty;
        return new ServerStatusClient(
            Text("Common Name"),
            Text("Real Address"),
            AddressText.TryParse(Text("Virtual Address")),
            AddressText.TryParse(Text("Virtual IPv6 Address")),
            Long(Text("Bytes Received")) ?? 0,
            Long(Text("Bytes Sent")) ?? 0,
            UnixTime.TryParse(Text("Connected Since (time_t)"), out var since) ? since : null,
            Text("Username"),
            Long(Text("Client ID")),
            Long(Text("Peer ID")),
            Text("Data Channel Cipher"),
            f);
    }

    private static ServerStatusRoute ToRoute(ImmutableDictionary<string, string> f)
    {
        string Text(string name) => f.GetValueOrDefault(name) ?? string.Empty;
        return new ServerStatusRoute(
            Text("Virtual Address"),
            Text("Common Name"),
            Text("Real Address"),
            UnixTime.TryParse(Text("Last Ref (time_t)"), out var lastRef) ? lastRef : null,
            f);
    }

    private static long? Long(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
