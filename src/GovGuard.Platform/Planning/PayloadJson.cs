using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GovGuard.Catalog;
using GovGuard.Detection.Manifest;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Planning;

/// <summary>
/// How payloads travel and are stored. The canonical form of a payload is its typed record written with
/// <see cref="Options"/>: properties in declaration order, camelCase names, enums as wire codes, dates as
/// yyyy-MM-dd, no whitespace, UTF-8 with Chinese written as itself. The digest is SM3 (GB/T 32905) of those bytes.
/// </summary>
public static class PayloadJson
{
    /// <summary>Longest canonical payload stored: a planning document, not a file store (evidence files go elsewhere).</summary>
    public const int MaxLength = 256 * 1024;

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        WriteIndented = false,
        Converters = { new CodeEnumConverterFactory() },
        MaxDepth = 16,
    };

    /// <summary>The wire code of an enum value: its <see cref="TermAttribute"/> code, else snake_case of its name.</summary>
    public static string CodeOf(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var term = value.GetType().GetField(value.ToString())?.GetCustomAttribute<TermAttribute>();
        return term?.Code ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
    }

    public static string Canonical(IPlanningPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return JsonSerializer.Serialize(payload, payload.GetType(), Options);
    }

    public static string Digest(string canonical) =>
        Convert.ToHexStringLower(Sm3Hash.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));

    public static IPlanningPayload Read(string json, Type type) =>
        (IPlanningPayload)(JsonSerializer.Deserialize(json, type, Options) ?? throw new JsonException("null payload"));

    /// <summary>
    /// Reads a caller's payload into its record: strings trimmed, empty strings as absent, rows that are
    /// entirely empty dropped. A value of the wrong type becomes a field error that names the field.
    /// </summary>
    public static Outcome<IPlanningPayload> Parse(JsonNode? node, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (node is not JsonObject obj)
        {
            return Error.Invalid([new FieldError("payload", "required", new Text("内容（payload）必须是一个 JSON 对象。", "The content (payload) must be a JSON object."))]);
        }

        var clean = Normalise(obj);
        try
        {
            return Outcome<IPlanningPayload>.Ok((IPlanningPayload)clean.Deserialize(type, Options)!);
        }
        catch (JsonException e)
        {
            var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            return Error.Invalid([TypeError(type, path.Length == 0 ? "payload" : path)]);
        }
    }

    private static FieldError TypeError(Type root, string path)
    {
        var field = PayloadSchema.At(root, path);
        var label = field?.Label ?? new Text(path, path);
        return field?.Shape switch
        {
            FieldShape.Choice => new FieldError(path, "one_of", new Text(
                $"{label.Zh}（{path}）必须是以下之一：{string.Join(", ", field.Choices.Select(c => c.Code))}。",
                $"{label.En} ({path}) must be one of: {string.Join(", ", field.Choices.Select(c => c.Code))}.")),
            FieldShape.Integer => new FieldError(path, "integer", new Text($"{label.Zh}（{path}）必须是整数。", $"{label.En} ({path}) must be a whole number.")),
            FieldShape.Decimal => new FieldError(path, "number", new Text($"{label.Zh}（{path}）必须是数字。", $"{label.En} ({path}) must be a number.")),
            FieldShape.Date => new FieldError(path, "date", new Text($"{label.Zh}（{path}）必须是日期（yyyy-MM-dd）。", $"{label.En} ({path}) must be a date (yyyy-MM-dd).")),
            FieldShape.Flag => new FieldError(path, "boolean", new Text($"{label.Zh}（{path}）必须是 true 或 false。", $"{label.En} ({path}) must be true or false.")),
            _ => new FieldError(path, "type", new Text($"{label.Zh}（{path}）的类型不正确。", $"{label.En} ({path}) has the wrong type.")),
        };
    }

    private static JsonNode? Normalise(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                return new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Normalise(p.Value?.DeepClone()))));
            case JsonArray a:
                var rows = a.Select(n => Normalise(n?.DeepClone())).Where(n => !IsBlank(n)).ToList();
                return new JsonArray([.. rows]);
            case JsonValue v when v.TryGetValue<string>(out var s):
                var t = s.Trim();
                return t.Length == 0 ? null : JsonValue.Create(t);
            default:
                return node;
        }
    }

    /// <summary>A row with nothing filled in (checkboxes off count as nothing).</summary>
    private static bool IsBlank(JsonNode? n) => n switch
    {
        null => true,
        JsonObject o => o.All(p => p.Value is null || (p.Value is JsonValue v && v.TryGetValue<bool>(out var b) && !b) || (p.Value is JsonArray arr && arr.Count == 0)),
        _ => false,
    };

    /// <summary>Writes enums as their wire codes and reads only exact codes.</summary>
    private sealed class CodeEnumConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(CodeEnumConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class CodeEnumConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByCode = Enum.GetValues<T>().ToDictionary(v => CodeOf(v), v => v, StringComparer.Ordinal);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && ByCode.TryGetValue(reader.GetString()!, out var v)
                ? v
                : throw new JsonException("not a known code");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(CodeOf(value));
        }
    }
}
