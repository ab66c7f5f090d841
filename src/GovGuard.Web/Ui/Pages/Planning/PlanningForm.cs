using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovGuard.Catalog.Duties;
using GovGuard.Platform.Planning;
using Microsoft.AspNetCore.Http;

namespace GovGuard.Web.Ui.Pages.Planning;

/// <summary>
/// Turns a posted planning form into the payload JSON the service checks, and payloads into what the form and
/// the report show. Inputs are named by the payload's JSON path under <see cref="Prefix"/> (<c>p.devices[0].name</c>),
/// so the service's field errors land beside their inputs. Every value is sent as text; the service reads numbers
/// and dates from it and names the field when it cannot.
/// </summary>
public static partial class PlanningForm
{
    public const string Prefix = "p.";

    /// <summary>Empty rows a list offers beyond the filled ones; save to get more.</summary>
    public const int BlankRows = 2;

    private const int MaxRows = 200;

    public static JsonObject Read(IFormCollection form, Type payloadType)
    {
        ArgumentNullException.ThrowIfNull(form);
        return ReadObject(form, PayloadSchema.Of(payloadType), Prefix);
    }

    /// <summary>A payload as a JSON object, the shape the form and the report read.</summary>
    public static JsonObject Values(IPlanningPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return (JsonObject)JsonSerializer.SerializeToNode(payload, payload.GetType(), PayloadJson.Options)!;
    }

    /// <summary>The text of a scalar value for an input or a report cell; empty when absent.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => string.Empty,
    };

    public static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>A value as a reader sees it: names for codes, 是/否 for flags, the catalog title beside a clause.</summary>
    public static string Show(SchemaField field, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Shape == FieldShape.Flag)
        {
            return Display.YesNo(IsTrue(node));
        }

        var text = Text(node);
        if (text.Length == 0)
        {
            return "—";
        }

        if (field.Shape == FieldShape.Choice)
        {
            var choice = field.Choices.FirstOrDefault(c => c.Code == text);
            return choice.Code is null ? text : Lang.Tr(choice.Name);
        }

        if (field.Attribute.Key && DutyCatalog.Default.TryGet(text, out var duty))
        {
            return $"{text} {Lang.Tr(duty.TitleZh, duty.TitleEn)}";
        }

        return text;
    }

    /// <summary>How many rows a list shows: the filled ones, plus blank ones unless the template fixes the rows.</summary>
    public static int RowCount(SchemaField field, JsonArray? rows, bool editing)
    {
        ArgumentNullException.ThrowIfNull(field);
        var filled = rows?.Count ?? 0;
        return editing && !field.Attribute.FixedRows ? Math.Min(filled + BlankRows, MaxRows) : filled;
    }

    /// <summary>Consecutive scalar fields together (one definition list), groups and lists each on their own.</summary>
    public static IEnumerable<IReadOnlyList<SchemaField>> Runs(IReadOnlyList<SchemaField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var run = new List<SchemaField>();
        foreach (var f in fields)
        {
            if (f.Shape is FieldShape.Group or FieldShape.Rows)
            {
                if (run.Count > 0)
                {
                    yield return run;
                    run = [];
                }

                yield return [f];
            }
            else
            {
                run.Add(f);
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static JsonObject ReadObject(IFormCollection form, IReadOnlyList<SchemaField> fields, string prefix)
    {
        var o = new JsonObject();
        foreach (var f in fields.Where(f => !f.Attribute.Computed))
        {
            var name = prefix + f.Name;
            o[f.Name] = f.Shape switch
            {
                FieldShape.Flag => JsonValue.Create(form[name].Any(v => v == "true")),
                FieldShape.Group => ReadObject(form, f.Children, name + "."),
                FieldShape.Rows => ReadRows(form, f, name),
                _ => form.TryGetValue(name, out var v) && v.Count > 0 ? JsonValue.Create(v[0]) : null,
            };
        }

        return o;
    }

    private static JsonArray ReadRows(IFormCollection form, SchemaField field, string name)
    {
        var last = -1;
        var start = name + "[";
        foreach (var key in form.Keys.Where(k => k.StartsWith(start, StringComparison.Ordinal)))
        {
            var m = RowIndex().Match(key, start.Length);
            if (m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < MaxRows)
            {
                last = Math.Max(last, i);
            }
        }

        var rows = new JsonArray();
        for (var i = 0; i <= last; i++)
        {
            rows.Add(ReadObject(form, field.Children, $"{name}[{i}]."));
        }

        return rows;
    }

    [GeneratedRegex(@"\G(\d{1,3})\]\.", RegexOptions.CultureInvariant)]
    private static partial Regex RowIndex();
}
