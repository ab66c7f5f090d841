using System.Text.Json;

namespace GovGuard.Catalog.Duties;

/// <summary>The wire form of duties (`govguard catalog list --format json`, the REST API): snake_case fields.</summary>
public static class DutyJson
{
    /// <summary>Writes the duties as one JSON array.</summary>
    public static void WriteArray(Utf8JsonWriter writer, IEnumerable<Duty> duties)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(duties);
        writer.WriteStartArray();
        foreach (var duty in duties)
        {
            Write(writer, duty);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes one duty as a JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, Duty duty)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(duty);
        writer.WriteStartObject();
        writer.WriteString("id", duty.Id);
        writer.WriteString("section", duty.Section.Id);
        writer.WriteString("section_title_zh", duty.Section.TitleZh);
        writer.WriteString("section_title_en", duty.Section.TitleEn);
        writer.WriteString("phase", duty.Phase.ToWire());
        WriteCodes(writer, "roles", duty.Roles);
        writer.WriteString("title_zh", duty.TitleZh);
        writer.WriteString("title_en", duty.TitleEn);
        writer.WriteString("description_zh", duty.DescriptionZh);
        writer.WriteString("description_en", duty.DescriptionEn);
        writer.WriteStartArray("evidence");
        foreach (var e in duty.Evidence)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", e.Kind.ToWire());
            writer.WriteString("note_zh", e.NoteZh);
            writer.WriteString("note_en", e.NoteEn);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (duty.Automatic is { } a)
        {
            writer.WriteStartObject("automatic");
            WriteCodes(writer, "monitors", a.Monitors);
            writer.WriteStartArray("clear_of");
            foreach (var c in a.ClearOf)
            {
                writer.WriteStringValue(c);
            }

            writer.WriteEndArray();
            // A null string value is written as JSON null.
            writer.WriteString("record", a.Record?.ToWire());
            if (a.WithinDays is { } days)
            {
                writer.WriteNumber("within_days", days);
            }
            else
            {
                writer.WriteNull("within_days");
            }

            writer.WriteBoolean("each_incident_category", a.EachIncidentCategory);
            writer.WriteString("note_zh", a.NoteZh);
            writer.WriteString("note_en", a.NoteEn);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("automatic");
        }

        writer.WriteEndObject();
    }

    private static void WriteCodes<T>(Utf8JsonWriter writer, string name, IEnumerable<T> values)
        where T : struct, Enum
    {
        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            writer.WriteStringValue(v.ToWire());
        }

        writer.WriteEndArray();
    }
}
