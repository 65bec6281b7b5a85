namespace Causeway.Core.Model;

/// <summary>
/// Fixed offsets from <see cref="InstanceSettings.RulePriority"/>. Exceptions (overlay-to-overlay, listed LANs)
/// must sit above the catch-all `iif` rule, or they would never be reached.
/// </summary>
public static class RulePriorities
{
    /// <summary>`iif &lt;client interface&gt; to &lt;overlay subnet or allowed LAN&gt; lookup main`.</summary>
    public const int ExceptionOffset = 0;

    /// <summary>`iif &lt;client interface&gt; lookup &lt;Causeway's table&gt;`: tunnel default over an unreachable default.</summary>
    public const int CatchAllOffset = 1;
}
