namespace GovGuard.Platform.Common;

/// <summary>Maps an enum to the snake_case codes used on the API and in files, and back.</summary>
public static class WireCodes<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> ToCode = Enum.GetValues<TEnum>().ToDictionary(v => v, Snake);

    /// <summary>Every code, for parsing (ordinal, case-sensitive as on the wire).</summary>
    public static IReadOnlyDictionary<string, TEnum> ByCode { get; } =
        ToCode.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Code(TEnum value) => ToCode[value];

    private static string Snake(TEnum value)
    {
        var name = value.ToString();
        var chars = new List<char>(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    chars.Add('_');
                }

                chars.Add(char.ToLowerInvariant(c));
            }
            else
            {
                chars.Add(c);
            }
        }

        return new string([.. chars]);
    }
}
