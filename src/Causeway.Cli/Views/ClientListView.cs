using Causeway.Cli.Output;
using Spectre.Console;

namespace Causeway.Cli.Views;

/// <summary>`causeway client list` for people: one row per client, revoked ones last in grey.</summary>
public static class ClientListView
{
    public static void Render(IAnsiConsole console, ClientListReport report, DateTimeOffset now)
    {
        if (report.Clients.IsEmpty)
        {
            console.WriteLine("no clients yet: add one with `sudo causeway client add NAME --out NAME.ovpn`");
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("name").AddColumn("created").AddColumn("last seen").AddColumn("connected now").AddColumn("bytes in / out");
            foreach (var client in report.Clients.OrderBy(c => c.RevokedAt is null ? 0 : 1))
            {
                var revoked = client.RevokedAt is { } at;
                var name = revoked ? $"[grey]{Markup.Escape(client.Name)} (revoked {client.RevokedAt:yyyy-MM-dd})[/]" : Markup.Escape(client.Name);
                var lastSeen = client.LastSeen is { } seen ? $"{DisplayFormat.Age(now - seen)} ago" : "never";
                var connected = client.Connected switch
                {
                    null => "[yellow]not running[/]",
                    true => $"[green]yes[/] ({Markup.Escape(string.Join(", ", client.Sessions.Select(s => $"{s.Transport} {s.VirtualAddress} from {s.RealAddress}")))})",
                    false => "no",
                };
                var bytes = client.BytesReceived is { } received && client.BytesSent is { } sent && client.Connected == true
                    ? $"{DisplayFormat.Bytes(received)} / {DisplayFormat.Bytes(sent)}"
                    : "-";
                table.AddRow(name, client.Created.ToString("yyyy-MM-dd HH:mm"), lastSeen, connected, bytes);
            }

            console.Write(table);
        }

        foreach (var problem in report.Problems)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(problem)}[/]");
        }
    }
}
