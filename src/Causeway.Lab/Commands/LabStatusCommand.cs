using System.CommandLine;
using System.Text.Json;
using Causeway.Lab.Json;
using Causeway.Lab.Status;
using Spectre.Console;

namespace Causeway.Lab.Commands;

/// <summary>`causeway-lab status [world] [--json]`: namespaces, processes, addresses and the gateway's status.</summary>
public static class LabStatusCommand
{
    public static Command Create()
    {
        var world = new LabWorldOptions();
        var json = new Option<bool>("--json") { Description = "Print the status as JSON." };
        var command = new Command("status", "Show a lab world: namespaces, addresses, processes and the gateway's Causeway status.");
        world.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            if (!LabWorldOptions.EnsureRoot("status"))
            {
                return 1;
            }

            var (controller, lifetime) = LabWorldOptions.Compose(Console.Error);
            using var _ = lifetime;
            try
            {
                var report = await controller.StatusAsync(world.Read(parse), ct);
                if (parse.GetValue(json))
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(report, LabJsonContext.Default.LabStatusReport));
                }
                else
                {
                    Render(report);
                }

                return report.IsUp ? 0 : 3;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException)
            {
                await Console.Error.WriteLineAsync($"causeway-lab status: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static void Render(LabStatusReport report)
    {
        AnsiConsole.MarkupLine(report.IsUp
            ? $"world [bold]{Markup.Escape(report.World)}[/] is up; files in {Markup.Escape(report.Directory)}"
            : $"world [bold]{Markup.Escape(report.World)}[/] is [red]not up[/]");

        var namespaces = new Table().Border(TableBorder.Rounded).AddColumn("node").AddColumn("namespace").AddColumn("interface").AddColumn("state").AddColumn("addresses");
        foreach (var ns in report.Namespaces)
        {
            if (!ns.Exists)
            {
                namespaces.AddRow(Markup.Escape(ns.Node), Markup.Escape(ns.Name), "[red]missing[/]", string.Empty, string.Empty);
                continue;
            }

            var first = true;
            foreach (var link in ns.Interfaces)
            {
                namespaces.AddRow(
                    first ? Markup.Escape(ns.Node) : string.Empty,
                    first ? Markup.Escape(ns.Name) : string.Empty,
                    Markup.Escape(link.Name),
                    Markup.Escape(link.State),
                    Markup.Escape(string.Join(", ", link.Addresses)));
                first = false;
            }
        }

        AnsiConsole.Write(namespaces);

        var processes = new Table().Border(TableBorder.Rounded).AddColumn("process").AddColumn("namespace").AddColumn("pid").AddColumn("alive").AddColumn("log (in the world's directory)");
        foreach (var process in report.Processes)
        {
            processes.AddRow(
                Markup.Escape(process.Name),
                Markup.Escape(process.Namespace),
                process.Pid.ToString(),
                process.Alive ? "[green]yes[/]" : "[red]no[/]",
                Markup.Escape(Path.GetRelativePath(report.Directory, process.LogFile)));
        }

        AnsiConsole.Write(processes);

        RenderHost("gateway", report.Gateway, report.GatewayError);
        foreach (var host in report.OtherHosts ?? [])
        {
            RenderHost(host.Node, host.Status, host.Error);
        }
    }

    /// <summary>One host's `causeway status`: its tunnel (if it has one), reconcile, kill switch and hops.</summary>
    private static void RenderHost(string label, GatewayStatus? gateway, string? error)
    {
        if (gateway is null)
        {
            AnsiConsole.MarkupLine($"{Markup.Escape(label)}: [yellow]{Markup.Escape(error ?? "no status")}[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("what").AddColumn("value");
        var tunnel = gateway.Tunnel;
        table.AddRow(Markup.Escape(label), Markup.Escape($"{gateway.Instance} (pid {gateway.Pid})"));
        if (tunnel is not null)
        {
            table.AddRow("tunnel", tunnel.Connected ? $"[green]{Markup.Escape(tunnel.State ?? "?")}[/]" : $"[red]{Markup.Escape(tunnel.State ?? "?")}[/]");
            table.AddRow("addresses", Markup.Escape($"local {tunnel.LocalAddress ?? "?"}, gateway {tunnel.VpnGateway ?? "?"}, pushed DNS {string.Join(", ", tunnel.PushedDns ?? [])}"));
            table.AddRow("traffic", Markup.Escape($"in {tunnel.BytesIn ?? 0} B, out {tunnel.BytesOut ?? 0} B, {tunnel.Reconnects ?? 0} reconnects, {tunnel.ProcessStarts ?? 0} OpenVPN starts"));
        }

        table.AddRow("reconcile", gateway.Reconcile?.Converged == true ? $"[green]converged[/], {gateway.Reconcile.Repairs ?? 0} repairs" : "[yellow]not converged[/]");
        if (gateway.KillSwitch is { } ks)
        {
            table.AddRow("kill switch", Markup.Escape($"routes {(ks.RouteLayer ? "in place" : "MISSING")}, nftables {(ks.NftLayer ? "in place" : "MISSING")}, {ks.DroppedPackets ?? 0} dropped"));
        }

        if (gateway.Hops is { } hops)
        {
            table.AddRow("hops", hops.FirstFailed is null ? $"[green]{Markup.Escape(hops.Summary ?? "all up")}[/]" : $"[red]{Markup.Escape(hops.Summary ?? hops.FirstFailed)}[/]");
            foreach (var hop in hops.Items ?? [])
            {
                var state = hop.State == "up" ? $"[green]{Markup.Escape(hop.Describe())}[/]" : $"[red]{Markup.Escape(hop.Describe())}[/]";
                table.AddRow(Markup.Escape($"  {hop.Name ?? hop.Id}"), state);
            }
        }

        if ((tunnel?.LastError ?? gateway.Reconcile?.LastError) is { } last)
        {
            table.AddRow("last error", $"[yellow]{Markup.Escape(last)}[/]");
        }

        AnsiConsole.Write(table);
    }
}
