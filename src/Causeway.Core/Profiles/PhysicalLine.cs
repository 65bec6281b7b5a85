namespace Causeway.Core.Profiles;

/// <summary>One "\n"-terminated line of a config file, as fgets() hands it to OpenVPN.</summary>
/// <param name="Number">1-based line number.</param>
/// <param name="Text">The line without its "\n" (a "\r" stays: OpenVPN treats it as whitespace).</param>
/// <param name="EndsWithNewline">False only for a last line without a newline.</param>
/// <param name="ExtraBytes">Bytes OpenVPN reads but the text no longer holds (a skipped UTF-8 BOM).</param>
internal readonly record struct PhysicalLine(int Number, string Text, bool EndsWithNewline, int ExtraBytes);
