using System.CommandLine;
using System.Text.Json;
using Causeway.Cli.Views;
using Causeway.Core.Doctor;
using Causeway.Engine.Doctor;

namespace Causeway.Cli.Commands;

/// <summary>
/// `causeway doctor`: a preflight of this host for Causeway, each finding with what was checked, what was seen and
/// the fix. Reads, never changes; runs as any user and says what it could not check without root. Exit code: 0 when
/// no finding is a problem (warnings and unchecked ones allowed), 1 when one is, 2 when the config is bad input.
/// </summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var json = CommonOptions.Json("Print the findings as JSON (docs/doctor.md)");
        var command = new Command("doctor",
            "Check this host for what Causeway needs: /dev/net/tun, ip, nft and openvpn, forwarding and rp_filter, ZeroTier, "
            + "other firewalls (ufw, firewalld, Docker) and policy rules in the way, the clock, socket buffers. Each finding "
            + "has its fix. Changes nothing. Exit code: 0 no problem (warnings allowed), 1 a problem found, 2 bad config")
        {
            config,
            json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var root = CliComposition.Create();
            using var doctor = root.Doctor();
            var request = new DoctorRequest(parse.GetValue(config)!, parse.GetResult(config)?.Implicit ?? true, BuildInfo.BuildDate);
            var facts = await doctor.GatherAsync(request, cancellationToken);
            var report = DoctorEvaluator.Report(facts);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(report, DoctorJsonContext.Default.DoctorReport));
            }
            else
            {
                DoctorView.Render(Console.Out, report);
            }

            return facts.Config.State == DoctorConfigState.Invalid ? ExitCodes.InvalidInput
                : report.HasProblems ? ExitCodes.Failed
                : ExitCodes.Ok;
        });
        return command;
    }
}
