using System.Globalization;
using Causeway.Engine.Seams;

namespace Causeway.Lab.Bench;

/// <summary>/proc/loadavg: the machine is shared, so every result carries how busy it was.</summary>
public sealed record LoadAverage(double One, double Five, double Fifteen)
{
    public static LoadAverage Parse(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double Field(int i) => double.Parse(fields[i], CultureInfo.InvariantCulture);
        return new LoadAverage(Field(0), Field(1), Field(2));
    }

    public static LoadAverage Read(IFileSystem files) => Parse(files.ReadAllText("/proc/loadavg"));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{One:0.00} {Five:0.00} {Fifteen:0.00}");
}
