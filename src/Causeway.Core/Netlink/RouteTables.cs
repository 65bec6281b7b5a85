namespace Causeway.Core.Netlink;

/// <summary>The routing tables every Linux host has, and the names `ip` prints for them.</summary>
public static class RouteTables
{
    public const int Default = 253;
    public const int Main = 254;
    public const int Local = 255;

    /// <summary>
    /// The table id for what `ip` printed: a number, or one of the reserved names. Null for a name from
    /// /etc/iproute2/rt_tables that we cannot resolve without reading that file (the observer asks `ip -N`).
    /// </summary>
    public static int? Resolve(string? table) => table switch
    {
        null => null,
        "main" => Main,
        "local" => Local,
        "default" => Default,
        _ => int.TryParse(table, out var id) ? id : null,
    };

    /// <summary>The name `ip` accepts and prints for a table id.</summary>
    public static string Name(int table) => table switch
    {
        Main => "main",
        Local => "local",
        Default => "default",
        _ => table.ToString(),
    };
}
