using System.Collections.Immutable;

namespace Causeway.Core.Traffic;

/// <summary>`[egress] monthly_budget_gb`: when this month's counted bytes (<see cref="EgressUsage.CountedBytes"/>) warn.</summary>
public static class EgressBudget
{
    /// <summary>Decimal gigabytes, as cloud providers bill them.</summary>
    public const long BytesPerGigabyte = 1_000_000_000;

    /// <summary>Percent of the budget at which the daemon warns, once per month each.</summary>
    public static readonly ImmutableArray<int> Thresholds = [80, 100];

    public static long Threshold(long budgetBytes, int percent) => budgetBytes / 100 * percent;

    /// <summary>The warning for the highest threshold reached, for the log and the status; null below the first.</summary>
    public static string? Warning(EgressUsage usage, long budgetBytes)
    {
        var counted = usage.CountedBytes;
        var reached = Thresholds.Where(t => counted >= Threshold(budgetBytes, t)).DefaultIfEmpty(0).Max();
        if (reached == 0)
        {
            return null;
        }

        var percent = Math.Round(100.0 * counted / budgetBytes, 1);
        return reached >= 100
            ? $"egress budget exceeded: {Gigabytes(counted)} GB sent in {usage.Month} (UTC), {percent}% of [egress] monthly_budget_gb = {Gigabytes(budgetBytes)}; the cloud may bill or throttle what follows"
            : $"egress budget {reached}% used: {Gigabytes(counted)} GB sent in {usage.Month} (UTC), {percent}% of [egress] monthly_budget_gb = {Gigabytes(budgetBytes)}";
    }

    private static string Gigabytes(long bytes) =>
        Math.Round((double)bytes / BytesPerGigabyte, 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
