using System.Collections.Immutable;
using System.Globalization;
using Tomlyn.Syntax;

namespace Causeway.Core.Config;

/// <summary>
/// Walks the parsed TOML (syntax tree, with exact positions) before it is bound: records where every section, key
/// and array element is, reports unknown sections and keys (with "did you mean") and values of the wrong TOML type,
/// and takes each offending node out of the tree. What is left binds cleanly, so the
/// semantic checks still run and all errors are reported in one go, not the first only.
/// </summary>
internal sealed class ConfigSyntaxChecker
{
    private readonly string _file;
    private readonly ImmutableDictionary<string, ConfigSourceEntry>.Builder _entries =
        ImmutableDictionary.CreateBuilder<string, ConfigSourceEntry>(StringComparer.Ordinal);
    private readonly List<ConfigDiagnostic> _diagnostics = [];
    private readonly HashSet<string> _reportedSections = new(StringComparer.Ordinal);
    private readonly List<Action> _removals = [];
    private readonly HashSet<string> _removedPaths = new(StringComparer.Ordinal);

    public ConfigSyntaxChecker(string file)
    {
        _file = file;
    }

    public IReadOnlyList<ConfigDiagnostic> Diagnostics => _diagnostics;

    /// <summary>Nodes were taken out of the tree: its text no longer matches the file's positions.</summary>
    public bool RemovedAny { get; private set; }

    public ConfigSourceMap Sources => new(_file, _entries.ToImmutable());

    /// <summary>Known keys and array elements that were written but taken out for their type (already reported).</summary>
    public IReadOnlySet<string> RemovedPaths => _removedPaths;

    /// <summary>Checks the document and removes what cannot be bound; call once.</summary>
    public void Check(DocumentSyntax document)
    {
        foreach (var keyValue in document.KeyValues)
        {
            var list = document.KeyValues;
            VisitKeyValue([], keyValue, () => list.RemoveChild(keyValue));
        }

        foreach (var table in document.Tables)
        {
            var tables = document.Tables;
            if (!VisitTableHeader(table))
            {
                _removals.Add(() => tables.RemoveChild(table));
                continue;
            }

            var prefix = KeyParts(table.Name!);
            foreach (var keyValue in table.Items)
            {
                var items = table.Items;
                VisitKeyValue(prefix, keyValue, () => items.RemoveChild(keyValue));
            }
        }

        foreach (var removal in _removals)
        {
            removal();
        }

        RemovedAny = _removals.Count > 0;
    }

    /// <summary>Records a [section] header; false if the whole table must go.</summary>
    private bool VisitTableHeader(TableSyntaxBase table)
    {
        var name = table.Name!;
        var parts = KeyParts(name);
        var at = At(name);
        var section = parts[0];
        if (!IsKnownSection(section, at))
        {
            return false;
        }

        if (table is TableArraySyntax)
        {
            Error(at, $"[[{Join(parts)}]]: {section} is a table, not an array of tables", $"write [{section}]");
            return false;
        }

        RecordSection(section, at);
        if (parts.Length == 1)
        {
            return true;
        }

        // [instance.something]: a sub-table of a section, which Causeway has none of.
        ReportBadSubKey(section, parts[1], $"[{Join(parts)}]", at);
        return false;
    }

    private void VisitKeyValue(string[] prefix, KeyValueSyntax keyValue, Action remove)
    {
        var parts = prefix.Concat(KeyParts(keyValue.Key!)).ToArray();
        var keyAt = At(keyValue.Key!);
        var value = keyValue.Value;
        var valueAt = value is null ? keyAt : At(value);

        if (parts.Length == 1)
        {
            VisitTopLevel(parts[0], keyValue, keyAt, remove);
            return;
        }

        var section = parts[0];
        if (!IsKnownSection(section, keyAt))
        {
            _removals.Add(remove);
            return;
        }

        // `overlay.interface = "wg0"` at the top level also opens [overlay]: point the section at its first use.
        if (!_entries.ContainsKey(section))
        {
            RecordSection(section, keyAt);
        }

        if (parts.Length > 2)
        {
            ReportBadSubKey(section, parts[1], Join(parts), keyAt);
            _removals.Add(remove);
            return;
        }

        var keyName = parts[1];
        ConfigSchema.TryGetSection(section, out var keys);
        var spec = ConfigSchema.FindKey(keys, keyName);
        if (spec is null)
        {
            ReportUnknownKey(section, keyName, keys, keyAt);
            _removals.Add(remove);
            return;
        }

        var path = $"{section}.{keyName}";
        _entries[path] = new ConfigSourceEntry(keyAt, valueAt);
        if (!HasKind(value, spec.Kind))
        {
            Error(valueAt, $"{path}: expected {Expected(spec.Kind)}, found {Describe(value)}", TypeFix(keyName, spec.Kind, value));
            _removedPaths.Add(path);
            _removals.Add(remove);
            return;
        }

        if (value is ArraySyntax array)
        {
            VisitStringArray(path, array);
        }
    }

    /// <summary>A key with no section: `instance = { ... }` (an inline section), or a key that belongs in one.</summary>
    private void VisitTopLevel(string name, KeyValueSyntax keyValue, ConfigSourcePosition at, Action remove)
    {
        if (ConfigSchema.TryGetSection(name, out _))
        {
            if (!IsKnownSection(name, at))
            {
                _removals.Add(remove);
                return;
            }

            if (keyValue.Value is not InlineTableSyntax inline)
            {
                Error(At(keyValue.Value ?? (SyntaxNode)keyValue.Key!), $"{name}: expected a table ([{name}]), found {Describe(keyValue.Value)}");
                _removals.Add(remove);
                return;
            }

            RecordSection(name, at);
            foreach (var item in inline.Items)
            {
                var items = inline.Items;
                VisitKeyValue([name], item.KeyValue!, () => items.RemoveChild(item));
            }

            return;
        }

        var homes = ConfigSchema.SectionsHaving(name).ToList();
        if (homes.Count > 0)
        {
            Error(at, $"{name}: a key outside any section", $"move it under [{homes[0]}]");
        }
        else
        {
            var sections = ConfigSchema.Sections.Select(s => s.Key).ToList();
            var close = KeySuggestions.Closest(name, sections);
            Error(at, $"unknown key \"{name}\" outside any section", close is null
                ? $"settings go under [{string.Join("], [", sections)}]"
                : $"did you mean [{close}]?");
        }

        _removals.Add(remove);
    }

    private void VisitStringArray(string path, ArraySyntax array)
    {
        var index = 0;
        foreach (var item in array.Items)
        {
            var element = ConfigKeys.Element(path, index++);
            var at = item.Value is null ? At(item) : At(item.Value);
            _entries[element] = new ConfigSourceEntry(at, at);
            if (item.Value is not StringValueSyntax)
            {
                var fix = item.Value is IntegerValueSyntax or FloatValueSyntax or BooleanValueSyntax
                    ? $"quote it: \"{RawText(item.Value)}\""
                    : null;
                Error(at, $"{element}: expected a string, found {Describe(item.Value)}", fix);
                var items = array.Items;
                _removedPaths.Add(element);
                _removals.Add(() => items.RemoveChild(item));
            }
        }
    }

    /// <summary>True for sections Causeway reads; reports unknown sections (once each) otherwise.</summary>
    private bool IsKnownSection(string section, ConfigSourcePosition at)
    {
        if (ConfigSchema.TryGetSection(section, out _))
        {
            return true;
        }

        if (_reportedSections.Add(section))
        {
            var known = ConfigSchema.Sections.Select(s => s.Key).ToList();
            var close = KeySuggestions.Closest(section, known);
            Error(at, $"unknown section [{section}]", close is null
                ? $"Causeway reads [{string.Join("], [", known)}]"
                : $"did you mean [{close}]?");
        }

        return false;
    }

    /// <param name="written">The dotted key or table header as written, to start the message with.</param>
    private void ReportBadSubKey(string section, string keyName, string written, ConfigSourcePosition at)
    {
        ConfigSchema.TryGetSection(section, out var keys);
        var spec = ConfigSchema.FindKey(keys, keyName);
        if (spec is null)
        {
            ReportUnknownKey(section, keyName, keys, at);
        }
        else
        {
            Error(at, $"{written}: {section}.{keyName} is {Expected(spec.Kind)}, not a table", $"write {keyName} = ... under [{section}]");
        }
    }

    private void ReportUnknownKey(string section, string keyName, ImmutableArray<ConfigKeySpec> keys, ConfigSourcePosition at)
    {
        var close = KeySuggestions.Closest(keyName, keys.Select(k => k.Name));
        var elsewhere = ConfigSchema.SectionsHaving(keyName).FirstOrDefault();
        var fix = close is not null ? $"did you mean \"{close}\"?"
            : elsewhere is not null ? $"{keyName} belongs under [{elsewhere}]"
            : $"[{section}] has {string.Join(", ", keys.Select(k => k.Name))}";
        Error(at, $"unknown key \"{keyName}\" in [{section}]", fix);
    }

    private void RecordSection(string section, ConfigSourcePosition at)
    {
        if (!_entries.ContainsKey(section))
        {
            _entries[section] = new ConfigSourceEntry(at, at);
        }
    }

    private void Error(ConfigSourcePosition at, string message, string? fix = null) =>
        _diagnostics.Add(ConfigDiagnostic.Error(_file, at, message, fix));

    private static bool HasKind(ValueSyntax? value, ConfigValueKind kind) => kind switch
    {
        ConfigValueKind.String => value is StringValueSyntax,
        ConfigValueKind.Integer => value is IntegerValueSyntax,
        ConfigValueKind.Boolean => value is BooleanValueSyntax,
        ConfigValueKind.StringArray => value is ArraySyntax,
        _ => false,
    };

    private static string Expected(ConfigValueKind kind) => kind switch
    {
        ConfigValueKind.String => "a string",
        ConfigValueKind.Integer => "an integer",
        ConfigValueKind.Boolean => "a boolean (true or false)",
        ConfigValueKind.StringArray => "an array of strings",
        _ => kind.ToString(),
    };

    private static string Describe(ValueSyntax? value) => value switch
    {
        StringValueSyntax s => $"a string (\"{s.Value}\")",
        IntegerValueSyntax => $"an integer ({RawText(value)})",
        FloatValueSyntax => $"a float ({RawText(value)})",
        BooleanValueSyntax => $"a boolean ({RawText(value)})",
        DateTimeValueSyntax => "a date-time",
        ArraySyntax => "an array",
        InlineTableSyntax => "a table",
        _ => "nothing",
    };

    /// <summary>The likely fix for a value of the wrong type, when there is one ("remove the quotes", "quote it").</summary>
    private static string? TypeFix(string keyName, ConfigValueKind kind, ValueSyntax? value)
    {
        switch (kind)
        {
            case ConfigValueKind.Integer when value is StringValueSyntax s
                && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                return $"remove the quotes: {keyName} = {number}";
            case ConfigValueKind.Boolean when value is StringValueSyntax s && s.Value is "true" or "false":
                return $"remove the quotes: {keyName} = {s.Value}";
            case ConfigValueKind.String when value is IntegerValueSyntax or FloatValueSyntax or BooleanValueSyntax:
                return $"quote it: {keyName} = \"{RawText(value)}\"";
            case ConfigValueKind.StringArray when value is StringValueSyntax s:
                return $"make it an array: {keyName} = [\"{s.Value}\"]";
            default:
                return null;
        }
    }

    /// <summary>A scalar as written (so that 0x1C62 stays 0x1C62 and a network id keeps its leading zeros).</summary>
    private static string RawText(ValueSyntax? value) => value switch
    {
        IntegerValueSyntax i => i.Token?.Text ?? i.Value.ToString(CultureInfo.InvariantCulture),
        FloatValueSyntax f => f.Token?.Text ?? f.Value.ToString(CultureInfo.InvariantCulture),
        BooleanValueSyntax b => b.Value ? "true" : "false",
        _ => value?.ToString()?.Trim() ?? string.Empty,
    };

    private static string[] KeyParts(KeySyntax key)
    {
        var parts = new List<string> { KeyText(key.Key) };
        foreach (var dotted in key.DotKeys)
        {
            parts.Add(KeyText(dotted.Key));
        }

        return [.. parts];
    }

    private static string KeyText(BareKeyOrStringValueSyntax? key) => key switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? string.Empty,
        StringValueSyntax quoted => quoted.Value ?? string.Empty,
        _ => string.Empty,
    };

    private static string Join(string[] parts) => string.Join('.', parts);

    /// <summary>Tomlyn's positions are 0-based; people count from 1.</summary>
    private static ConfigSourcePosition At(SyntaxNode node) => new(node.Span.Start.Line + 1, node.Span.Start.Column + 1);
}
