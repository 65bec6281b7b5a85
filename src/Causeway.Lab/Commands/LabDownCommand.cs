using System.CommandLine;

namespace Causeway.Lab.Commands;

/// <summary>`causeway-lab down [world]`: kills every process and removes every namespace and file the world made.</summary>
public static class LabDownCommand
{
    public static Command Create()
    {
        var world = new LabWorldOptions();
        var command = new Command("down", "Remove a lab world: its processes, namespaces and files.");
        world.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (!LabWorldOptions.EnsureRoot("down"))
            {
                return 1;
            }

            var (controller, lifetime) = LabWorldOptions.Compose(Console.Out);
            using var _ = lifetime;
            try
            {
                var report = await controller.DownAsync(world.Read(parse), ct);
                return report.Clean ? 0 : 1;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException)
            {
                await Console.Error.WriteLineAsync($"causeway-lab down: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
