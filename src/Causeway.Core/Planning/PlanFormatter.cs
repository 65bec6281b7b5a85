using System.Text;

namespace Causeway.Core.Planning;

/// <summary>A plan as people read it: one line per change, marked + (add), ~ (change), - (remove).</summary>
public static class PlanFormatter
{
    public const string NoChanges = "no changes";

    public static string Format(HostPlan plan)
    {
        var text = new StringBuilder();
        if (plan.IsEmpty)
        {
            text.Append(NoChanges).Append('\n');
        }

        foreach (var change in plan.Changes)
        {
            text.Append(Sign(change.Kind)).Append(' ').Append(change.Description).Append('\n');
            foreach (var detail in change.Details)
            {
                text.Append("    ").Append(detail).Append('\n');
            }
        }

        foreach (var conflict in plan.Conflicts)
        {
            text.Append("! ").Append(conflict).Append('\n');
        }

        if (!plan.IsEmpty)
        {
            var added = plan.Changes.Count(c => c.Kind == HostChangeKind.Add);
            var changed = plan.Changes.Count(c => c.Kind == HostChangeKind.Change);
            var removed = plan.Changes.Count(c => c.Kind == HostChangeKind.Remove);
            text.Append($"{plan.Changes.Length} change{(plan.Changes.Length == 1 ? string.Empty : "s")}: ")
                .Append($"{added} to add, {changed} to change, {removed} to remove\n");
        }

        return text.ToString();
    }

    public static char Sign(HostChangeKind kind) => kind switch
    {
        HostChangeKind.Add => '+',
        HostChangeKind.Change => '~',
        _ => '-',
    };
}
