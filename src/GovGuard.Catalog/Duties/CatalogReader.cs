using System.Globalization;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Catalog.Roles;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GovGuard.Catalog.Duties;

/// <summary>
/// Reads the catalog YAML through YamlDotNet's node model (so every problem has a line) and checks it:
/// ids in the contract's scheme, unique and in the standard's order, sections known, phase matching the
/// chapter, known roles, evidence and monitor codes, titles and descriptions in both languages.
/// </summary>
internal sealed class CatalogReader(string source)
{
    private readonly List<CatalogError> _errors = [];
    private readonly Dictionary<string, CatalogSection> _sections = new(StringComparer.Ordinal);
    private readonly List<CatalogSection> _sectionList = [];
    private readonly List<Duty> _duties = [];
    private readonly HashSet<string> _dutyIds = new(StringComparer.Ordinal);

    public DutyCatalog Read(TextReader text)
    {
        var yaml = new YamlStream();
        var scanner = new Scanner(text);
        var parser = new Parser(scanner);
        try
        {
            yaml.Load(parser);
        }
        catch (YamlException e)
        {
            throw new CatalogFormatException(source, [new CatalogError(e.Start.Line, e.Start.Column, Reason(e))]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some malformed input
            // (an unclosed flow sequence at the end of a line); its position is still known.
            var at = scanner.CurrentPosition;
            throw new CatalogFormatException(source, [new CatalogError(at.Line, at.Column, "the YAML cannot be read here (an unclosed bracket or quote?)")]);
        }
        catch (ArgumentException)
        {
            // YamlDotNet's document loader throws this for an event it cannot place (malformed nesting).
            var at = parser.Current?.Start ?? scanner.CurrentPosition;
            throw new CatalogFormatException(source, [new CatalogError(at.Line, at.Column, "the YAML structure cannot be read here")]);
        }

        if (yaml.Documents.Count != 1 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new CatalogFormatException(source, [new CatalogError(1, 1, "the file must hold one mapping with `sections` and `duties`")]);
        }

        var top = new Fields(this, root, "the catalog");
        top.Text("standard");
        ReadList(top.Sequence("sections"), "section", ReadSection);
        ReadList(top.Sequence("duties"), "duty", ReadDuty);
        top.RefuseOthers();
        if (_errors.Count > 0)
        {
            throw new CatalogFormatException(source, _errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
        }

        return new DutyCatalog(_sectionList, _duties);
    }

    private void Error(YamlNode at, string message) => _errors.Add(new CatalogError(at.Start.Line, at.Start.Column, message));

    private void Error(Scalar at, string message) => Error(at.Node, message);

    private static string Reason(YamlException e)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the position is reported separately.
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 && message.StartsWith('(') ? message[(cut + 3)..] : message).TrimEnd('.');
    }

    private void ReadList(YamlSequenceNode? list, string what, Action<YamlMappingNode> read)
    {
        foreach (var node in list?.Children ?? [])
        {
            if (node is YamlMappingNode map)
            {
                read(map);
            }
            else
            {
                Error(node, $"each {what} must be a mapping of fields");
            }
        }
    }

    private void ReadSection(YamlMappingNode node)
    {
        var f = new Fields(this, node, "section");
        var id = f.Text("id", required: true);
        var zh = f.Text("title_zh", required: true);
        var en = f.Text("title_en", required: true);
        f.RefuseOthers();
        if (id is null)
        {
            return;
        }

        var at = id.Node;
        if (!DutyId.TryParse(id.Value, out var number) || number.Value.Letter is not null || !Phases.TryFromChapter(number.Value.Chapter, out _))
        {
            Error(at, $"section id '{id.Value}' is not a clause number of chapters 5 to 8 (e.g. 5.3.4)");
            return;
        }

        var section = new CatalogSection(id.Value, zh?.Value ?? string.Empty, en?.Value ?? string.Empty);
        if (_sections.ContainsKey(section.Id))
        {
            Error(at, $"section {section.Id} is listed twice");
            return;
        }

        if (section.ParentId is { } parent && !_sections.ContainsKey(parent))
        {
            Error(at, $"section {section.Id} comes before its parent section {parent} (or the parent is missing)");
        }

        if (_sectionList.Count > 0 && Compare(_sectionList[^1].Id, section.Id) >= 0)
        {
            Error(at, $"section {section.Id} is out of order: it follows {_sectionList[^1].Id}");
        }

        _sections.Add(section.Id, section);
        _sectionList.Add(section);
    }

    private void ReadDuty(YamlMappingNode node)
    {
        var f = new Fields(this, node, "duty");
        var idText = f.Text("id", required: true);
        var what = idText is null ? "duty" : $"duty {idText.Value}";
        f.What = what;
        var sectionText = f.Text("section", required: true);
        var phaseText = f.Text("phase", required: true);
        var roles = ReadRoles(f, what);
        var titleZh = f.Text("title_zh", required: true);
        var titleEn = f.Text("title_en", required: true);
        var descZh = f.Text("description_zh", required: true);
        var descEn = f.Text("description_en", required: true);
        var evidence = ReadEvidence(f, what);
        var automatic = f.Mapping("automatic") is { } a ? ReadAutomatic(a, what) : null;
        f.RefuseOthers();
        if (idText is null)
        {
            return;
        }

        if (!DutyId.TryParse(idText.Value, out var parsed) || !Phases.TryFromChapter(parsed.Value.Chapter, out var chapterPhase))
        {
            Error(idText, $"duty id '{idText.Value}' does not follow the scheme clause[.letter[.number]] of chapters 5 to 8 (e.g. 5.2.1.a, 5.4.a.1, 5.3.3)");
            return;
        }

        var id = parsed.Value;
        if (!_dutyIds.Add(id.Text))
        {
            Error(idText, $"duty id {id.Text} is used twice");
            return;
        }

        if (_duties.Count > 0 && _duties[^1].Key.CompareTo(id) >= 0)
        {
            Error(idText, $"duty {id.Text} is out of order: it follows {_duties[^1].Id}");
        }

        if (phaseText is not null)
        {
            if (!Terms.TryParse<Phase>(phaseText.Value, out var phase))
            {
                Error(phaseText, $"{what}: phase '{phaseText.Value}' is not one of {Terms.CodeList<Phase>()}");
            }
            else if (phase != chapterPhase)
            {
                Error(phaseText, $"{what}: phase '{phaseText.Value}' does not match chapter {id.Chapter}, whose phase is {chapterPhase.ToWire()}");
            }
        }

        CatalogSection? section = null;
        if (sectionText is not null)
        {
            if (!string.Equals(sectionText.Value, id.Clause, StringComparison.Ordinal))
            {
                Error(sectionText, $"{what}: section '{sectionText.Value}' must be the clause the id is numbered under, {id.Clause}");
            }
            else if (!_sections.TryGetValue(id.Clause, out section))
            {
                Error(sectionText, $"{what}: section {id.Clause} is not in the `sections` list");
            }
        }

        if (section is not null && roles is not null && evidence is not null && titleZh is not null && titleEn is not null
            && descZh is not null && descEn is not null)
        {
            _duties.Add(new Duty(id, section, roles, (titleZh.Value, titleEn.Value), (descZh.Value, descEn.Value), evidence, automatic));
        }
    }

    private List<Role>? ReadRoles(Fields f, string what)
    {
        var list = f.Scalars("roles", required: true);
        if (list is null)
        {
            return null;
        }

        var roles = new List<Role>();
        foreach (var item in list)
        {
            if (!Terms.TryParse<Role>(item.Value, out var role))
            {
                Error(item, $"{what}: unknown role '{item.Value}'; expected one of {Terms.CodeList<Role>()}");
            }
            else if (roles.Contains(role))
            {
                Error(item, $"{what}: role {item.Value} is listed twice");
            }
            else
            {
                roles.Add(role);
            }
        }

        if (list.Count == 0)
        {
            Error(f.NodeOf("roles")!, $"{what}: roles must name at least one role");
        }

        return roles.Count == list.Count && roles.Count > 0 ? roles : null;
    }

    private List<EvidenceItem>? ReadEvidence(Fields f, string what)
    {
        var list = f.Sequence("evidence", required: true);
        if (list is null)
        {
            return null;
        }

        var items = new List<EvidenceItem>();
        var ok = list.Children.Count > 0;
        if (!ok)
        {
            Error(list, $"{what}: evidence must name at least one kind");
        }

        foreach (var node in list.Children)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, $"{what}: each evidence item must be a mapping with kind, note_zh and note_en");
                ok = false;
                continue;
            }

            var e = new Fields(this, map, what + " evidence");
            var kind = e.Text("kind", required: true);
            var zh = e.Text("note_zh", required: true);
            var en = e.Text("note_en", required: true);
            e.RefuseOthers();
            if (kind is not null && !Terms.TryParse<EvidenceKind>(kind.Value, out _))
            {
                Error(kind, $"{what}: evidence kind '{kind.Value}' is not one of {Terms.CodeList<EvidenceKind>()}");
                ok = false;
            }
            else if (kind is null || zh is null || en is null)
            {
                ok = false;
            }
            else
            {
                Terms.TryParse<EvidenceKind>(kind.Value, out var k);
                items.Add(new EvidenceItem(k, zh.Value, en.Value));
            }
        }

        return ok ? items : null;
    }

    private AutomaticEvidence? ReadAutomatic(YamlMappingNode node, string what)
    {
        var f = new Fields(this, node, what + " automatic");
        var monitorNodes = f.Scalars("monitors") ?? [];
        var clearNodes = f.Scalars("clear_of") ?? [];
        var recordText = f.Text("record");
        var withinText = f.Text("within_days");
        var eachText = f.Text("each_incident_category");
        var zh = f.Text("note_zh", required: true);
        var en = f.Text("note_en", required: true);
        f.RefuseOthers();
        var errors = _errors.Count;

        var monitors = new List<MonitorKind>();
        foreach (var m in monitorNodes)
        {
            if (Terms.TryParse<MonitorKind>(m.Value, out var kind))
            {
                monitors.Add(kind);
            }
            else
            {
                Error(m, $"{what}: unknown monitor '{m.Value}'; expected one of {Terms.CodeList<MonitorKind>()}");
            }
        }

        foreach (var c in clearNodes)
        {
            if (!MonitorKinds.TryOwnerOf(c.Value, out var owner))
            {
                Error(c, $"{what}: '{c.Value}' is not a findings category of the CLI contract");
            }
            else if (!monitors.Contains(owner))
            {
                Error(c, $"{what}: category {c.Value} is raised by monitor {owner.ToWire()}, which `monitors` does not list");
            }
        }

        RecordKind? record = null;
        if (recordText is not null)
        {
            if (Terms.TryParse<RecordKind>(recordText.Value, out var r))
            {
                record = r;
            }
            else
            {
                Error(recordText, $"{what}: unknown record '{recordText.Value}'; expected one of {Terms.CodeList<RecordKind>()}");
            }
        }

        int? within = null;
        if (withinText is not null)
        {
            if (!int.TryParse(withinText.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days <= 0)
            {
                Error(withinText, $"{what}: within_days must be a positive whole number of days, not '{withinText.Value}'");
            }
            else if (recordText is null)
            {
                Error(withinText, $"{what}: within_days needs a record");
            }
            else
            {
                within = days;
            }
        }

        var each = false;
        if (eachText is not null && (!bool.TryParse(eachText.Value, out each) || each && record != RecordKind.Drill))
        {
            Error(eachText, $"{what}: each_incident_category must be true or false, and true only with record: drill");
        }

        if (monitors.Count == 0 && recordText is null)
        {
            Error(node, $"{what}: automatic evidence needs monitors, a record, or both");
        }

        return _errors.Count == errors && zh is not null && en is not null
            ? new AutomaticEvidence(monitors, clearNodes.Select(c => c.Value).ToArray(), record, within, each, zh.Value, en.Value)
            : null;
    }

    private static int Compare(string a, string b)
    {
        DutyId.TryParse(a, out var x);
        DutyId.TryParse(b, out var y);
        return x!.Value.CompareTo(y!.Value);
    }

    /// <summary>A non-empty scalar value and the node it came from (for the line of a problem).</summary>
    private sealed record Scalar(string Value, YamlScalarNode Node);

    /// <summary>The fields of one mapping: typed access that reports missing, empty and unknown keys.</summary>
    private sealed class Fields(CatalogReader reader, YamlMappingNode node, string what)
    {
        private readonly HashSet<string> _read = new(StringComparer.Ordinal);

        public string What { get; set; } = what;

        public YamlNode? NodeOf(string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        /// <summary>A non-empty scalar with its node.</summary>
        public Scalar? Text(string key, bool required = false)
        {
            var value = Get(key, required);
            switch (value)
            {
                case null:
                    return null;
                case YamlScalarNode { Value: { } text } s when !string.IsNullOrWhiteSpace(text):
                    return new Scalar(text.Trim(), s);
                case YamlScalarNode:
                    reader.Error(value, $"{What}: {key} is empty");
                    return null;
                default:
                    reader.Error(value, $"{What}: {key} must be a single value");
                    return null;
            }
        }

        public YamlSequenceNode? Sequence(string key, bool required = false)
        {
            var value = Get(key, required);
            if (value is null or YamlSequenceNode)
            {
                return (YamlSequenceNode?)value;
            }

            reader.Error(value, $"{What}: {key} must be a list");
            return null;
        }

        public YamlMappingNode? Mapping(string key)
        {
            var value = Get(key, required: false);
            if (value is null or YamlMappingNode)
            {
                return (YamlMappingNode?)value;
            }

            reader.Error(value, $"{What}: {key} must be a mapping of fields");
            return null;
        }

        /// <summary>A list of non-empty scalars.</summary>
        public List<Scalar>? Scalars(string key, bool required = false)
        {
            var list = Sequence(key, required);
            if (list is null)
            {
                return null;
            }

            var items = new List<Scalar>();
            foreach (var item in list.Children)
            {
                if (item is YamlScalarNode { Value: { } text } s && !string.IsNullOrWhiteSpace(text))
                {
                    items.Add(new Scalar(text.Trim(), s));
                }
                else
                {
                    reader.Error(item, $"{What}: each item of {key} must be a single value");
                }
            }

            return items;
        }

        public void RefuseOthers()
        {
            foreach (var key in node.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (!_read.Contains(name))
                {
                    reader.Error(key, $"{What}: unknown field '{name}'");
                }
            }
        }

        private YamlNode? Get(string key, bool required)
        {
            _read.Add(key);
            var value = NodeOf(key);
            if (value is null && required)
            {
                reader.Error(node, $"{What}: {key} is missing");
            }

            return value;
        }
    }
}
