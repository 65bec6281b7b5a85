using Causeway.Core.Boot;
using Causeway.Core.Model;
using Causeway.Core.Planning;
using Microsoft.Extensions.Logging;

namespace Causeway.Engine.Boot;

/// <summary>
/// `causeway up`'s side of the boot step: after every converged round it plans the kill switch of the config and
/// overlay with the tunnel down, as `up` itself does before OpenVPN starts, and saves those inputs
/// (<see cref="BootKillSwitchStore"/>) when they differ from what it saved last, i.e. at the first round and whenever
/// the config's names, the overlay or [access] change; the tunnel's comings and goings change nothing here. A failed save is logged (once per problem) and tried again next round: the running kill switch is unaffected.
/// </summary>
public sealed class BootKillSwitchRecorder(BootKillSwitchStore store, ILogger logger)
{
    private string? _saved;
    private string? _problem;

    /// <param name="uplinkMtu">As the round read it: the MSS budget is part of the table.</param>
    public void Record(CausewaySettings settings, OverlayFacts overlay, int? uplinkMtu)
    {
        var json = SavedKillSwitchCodec.Write(Planner.Inputs(settings, overlay, TunnelFacts.Down, uplinkMtu));
        if (json == _saved)
        {
            return;
        }

        try
        {
            store.Save(json);
            _saved = json;
            _problem = null;
            logger.LogInformation("saved this kill switch for the next boot ({Path}): `causeway boot` puts it back before the network starts", store.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (e.Message != _problem)
            {
                _problem = e.Message;
                logger.LogWarning(
                    "saving the kill switch for the next boot ({Path}): {Error}; until it is saved, after a reboot client traffic is held only once `causeway up` has converged",
                    store.Path, e.Message);
            }
        }
    }
}
