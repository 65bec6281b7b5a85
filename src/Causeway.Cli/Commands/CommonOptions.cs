using System.CommandLine;

namespace Causeway.Cli.Commands;

/// <summary>Options several commands share.</summary>
public static class CommonOptions
{
    public const string DefaultConfigPath = "/etc/causeway/causeway.toml";

    public static Option<string> Config() => new("--config", "-c")
    {
        Description = "The config file",
        DefaultValueFactory = _ => DefaultConfigPath,
    };

    public static Option<bool> Json(string description) => new("--json") { Description = description };

    public static Option<bool> Verbose() => new("--verbose")
    {
        Description = "List every line dropped from the provider profile, the routine ones (dev, routes, keepalive …) too",
    };
}
