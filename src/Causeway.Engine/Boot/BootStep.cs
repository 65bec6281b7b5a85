using Causeway.Core.Boot;
using Causeway.Core.Planning;
using Causeway.Engine.HostState;
using Causeway.Engine.Seams;

namespace Causeway.Engine.Boot;

/// <summary>
/// `causeway boot`: at early boot, before the network, ZeroTier or OpenVPN, puts the kill switch `causeway up` last
/// converged with back on the host, both layers: one `nft -f` (the table, replaced whole in one transaction), then
/// the unreachable routes and the rules (<see cref="BootPlan"/>), and nothing else: no look at the host, no sysctl, no
/// file written. `up` then takes over: its first round finds the same table, routes and rules and changes only what
/// differs (the table in one atomic replace), so no moment is left where neither holds. With nothing saved it does
/// nothing.
/// </summary>
public sealed class BootStep(BootKillSwitchStore store, ICommandRunner runner)
{
    /// <exception cref="BootKillSwitchRefusedException">The saved kill switch is not what Causeway writes: nothing was changed.</exception>
    /// <exception cref="HostApplyException">A change failed: the ones before it hold (the plan's order is fail-closed).</exception>
    public async Task<BootStepResult> RunAsync(CancellationToken cancellationToken)
    {
        if (store.Load() is not { } bytes)
        {
            return new BootStepResult(store.Path, null, 0);
        }

        var read = SavedKillSwitchCodec.Read(bytes);
        if (read.Inputs is not { } inputs || !read.Succeeded)
        {
            throw new BootKillSwitchRefusedException(store.Path, $"not a kill switch `causeway up` saved: {string.Join("; ", read.Problems)}");
        }

        var plan = BootPlan.For(inputs);
        var present = 0;
        for (var i = 0; i < plan.Changes.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var change = plan.Changes[i];
            try
            {
                present += await ApplyAsync(change, cancellationToken) ? 0 : 1;
            }
            catch (Exception e) when (e is CommandFailedException or InvalidOperationException or TimeoutException)
            {
                throw new HostApplyException(change, i, plan.Changes.Length, e);
            }
        }

        return new BootStepResult(store.Path, plan, present);
    }

    /// <returns>False when the change was already there (a rule: `ip rule add` has no replace).</returns>
    private async Task<bool> ApplyAsync(HostChange change, CancellationToken cancellationToken)
    {
        switch (change.Operation)
        {
            case NftScript nft:
                {
                    var spec = CommandSpec.Of("nft", "-f", "-").WithInput(nft.Script);
                    (await runner.RunAsync(spec, cancellationToken)).EnsureSuccess($"putting {change.Description} in place", spec);
                    return true;
                }

            case IpCommand ip:
                {
                    var spec = new CommandSpec("ip", ip.Arguments);
                    var result = await runner.RunAsync(spec, cancellationToken);

                    // The kernel refuses an exact duplicate of a rule (EEXIST): it is there, which is what is wanted.
                    if (!result.Succeeded && change.Subject == HostObjectKind.Rule && result.StandardError.Contains("File exists", StringComparison.Ordinal))
                    {
                        return false;
                    }

                    result.EnsureSuccess($"adding {change.Description}", spec);
                    return true;
                }

            default:
                throw new InvalidOperationException($"the boot step applies nft and ip changes only, not \"{change}\"");
        }
    }
}
