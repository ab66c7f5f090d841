namespace GovGuard.Detection.Html;

/// <summary>
/// The cascaded values of the visibility-relevant properties of one element: user-agent hints (hidden attribute,
/// width/height/bgcolor/font colour attributes), then stylesheets by specificity and order, then the style attribute,
/// with !important honoured. Values are lower-case CSS text; inheritance is left to <see cref="HtmlPage.HidingOf"/>.
/// </summary>
public sealed class ElementStyle
{
    private readonly string?[] _values = new string?[CssValues.PropertyCount];
    private readonly ulong[] _keys = new ulong[CssValues.PropertyCount];

    /// <summary>The value of a property set on this element, or null.</summary>
    public string? this[CssProperty property] => _values[(int)property];

    /// <summary>True when nothing is set.</summary>
    public bool IsEmpty => Array.TrueForAll(_values, v => v is null);

    /// <summary>Sets a value when <paramref name="key"/> (importance, origin, specificity, order) beats the current one.</summary>
    internal void Apply(CssProperty property, string value, ulong key)
    {
        int i = (int)property;
        if (_values[i] is null || key >= _keys[i])
        {
            _values[i] = value;
            _keys[i] = key;
        }
    }

    /// <summary>The declarations set, as CSS text, for evidence and tests.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        for (int i = 0; i < _values.Length; i++)
        {
            if (_values[i] is { } v)
            {
                parts.Add($"{Name((CssProperty)i)}:{v}");
            }
        }

        return string.Join(";", parts);
    }

    internal static string Name(CssProperty p) => p switch
    {
        CssProperty.MaxWidth => "max-width",
        CssProperty.MaxHeight => "max-height",
        CssProperty.FontSize => "font-size",
        CssProperty.TextIndent => "text-indent",
        CssProperty.ClipPath => "clip-path",
        CssProperty.BackgroundColor => "background-color",
        CssProperty.BackgroundImage => "background-image",
        CssProperty.MarginLeft => "margin-left",
        CssProperty.MarginTop => "margin-top",
        CssProperty.ZIndex => "z-index",
        _ => p.ToString().ToLowerInvariant(),
    };
}
