using Causeway.Core.Planning;
using Causeway.Engine.Seams;

namespace Causeway.Engine.HostState;

/// <summary>
/// Carries out a plan, change by change, in its order, and stops at the first failure.
/// Stopping is safe because of how <see cref="HostDiff"/> orders a plan: every prefix of it leaves the host
/// fail-closed. On `up`: the nft table (which drops client traffic bound anywhere but the egress) goes in
/// before forwarding is switched on, and the unreachable defaults before the rules that send client traffic
/// to Causeway's table; on `down`: forwarding is restored first, so that removing the rules and the table
/// afterwards cannot open a path. A partial apply is finished by the next reconcile.
/// </summary>
public sealed class HostApplier(ICommandRunner runner, IFileSystem fileSystem, StateStore stateStore)
{
    public async Task ApplyAsync(HostPlan plan, CancellationToken cancellationToken = default)
    {
        if (plan.Purpose == HostPlanPurpose.Converge && !plan.IsEmpty)
        {
            // So that `down` finds what this `up` adds even if the config changes in between.
            stateStore.RecordOwnedNames(plan.Owned);
        }

        for (var i = 0; i < plan.Changes.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var change = plan.Changes[i];
            try
            {
                await ExecuteAsync(change, cancellationToken);
            }
            catch (Exception e) when (e is CommandFailedException or IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
            {
                throw new HostApplyException(change, i, plan.Changes.Length, e);
            }
        }

        if (plan.Purpose == HostPlanPurpose.Teardown)
        {
            // Everything recorded has been restored or forgotten: nothing is left to undo.
            stateStore.Delete();
        }
    }

    private async Task ExecuteAsync(HostChange change, CancellationToken cancellationToken)
    {
        switch (change.Operation)
        {
            case NftScript nft:
                {
                    var doing = change.Kind == HostChangeKind.Remove ? $"removing {change.Description}" : "applying nft ruleset";
                    var spec = CommandSpec.Of("nft", "-f", "-").WithInput(nft.Script);
                    (await runner.RunAsync(spec, cancellationToken)).EnsureSuccess(doing, spec);
                    break;
                }

            case IpCommand ip:
                {
                    var spec = new CommandSpec("ip", ip.Arguments);
                    (await runner.RunAsync(spec, cancellationToken)).EnsureSuccess($"{Verb(change.Kind)} {change.Description}", spec);
                    break;
                }

            case SysctlWrite write:
                {
                    var path = SysctlNames.ToProcPath(write.Name);
                    var doing = $"setting sysctl {write.Name}={write.Value}";
                    var current = Guard(doing, () => fileSystem.ReadAllText(path).Trim());

                    // Recorded before the change: a crash right after the write must not lose the original.
                    stateStore.RecordSysctl(write.Name, current, write.Value);
                    Guard(doing, () => fileSystem.WriteInPlace(path, write.Value + "\n"));
                    break;
                }

            case SysctlRestore restore:
                {
                    var doing = $"restoring sysctl {restore.Name}={restore.Value}";
                    Guard(doing, () => fileSystem.WriteInPlace(SysctlNames.ToProcPath(restore.Name), restore.Value + "\n"));
                    stateStore.ForgetSysctl(restore.Name);
                    break;
                }

            case SysctlForget forget:
                stateStore.ForgetSysctl(forget.Name);
                break;

            default:
                throw new InvalidOperationException($"applying \"{change}\": the applier does not know {change.Operation.GetType().Name}");
        }
    }

    private static string Verb(HostChangeKind kind) => kind switch
    {
        HostChangeKind.Add => "adding",
        HostChangeKind.Change => "changing",
        _ => "removing",
    };

    private static T Guard<T>(string doing, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var hint = e is UnauthorizedAccessException ? " (run as root?)" : string.Empty;
            throw new IOException($"{doing}: {e.Message}{hint}", e);
        }
    }

    private static void Guard(string doing, Action action) => Guard(doing, () =>
    {
        action();
        return 0;
    });
}
