using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace GovGuard.Detection.Html;

/// <summary>
/// Elements that the page's own inline scripts hide on load by id — a dark-link trick that keeps the markup free of
/// hiding CSS: <c>document.getElementById('x').style.display = 'none'</c>, <c>$('#x').hide()</c>,
/// <c>$('#x').css('display', 'none')</c>. They are styled as if the declaration stood in their style attribute.
/// </summary>
internal static partial class ScriptHiding
{
    private const ulong ScriptKey = (1UL << 62) | 1;

    [GeneratedRegex(@"getElementById\s*\(\s*['""](?<id>[\w\-:.]{1,80})['""]\s*\)\s*\.\s*style\s*\.\s*(?:(?<d>display)\s*=\s*['""]\s*none|(?<v>visibility)\s*=\s*['""]\s*hidden)|\$\s*\(\s*['""]#(?<id>[\w\-]{1,80})['""]\s*\)\s*\.\s*(?:(?<d>hide)\s*\(\s*\)|css\s*\(\s*['""](?:(?<d>display)['""]\s*,\s*['""]none|(?<v>visibility)['""]\s*,\s*['""]hidden))", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex HideById();

    public static void Apply(IReadOnlyList<IElement> elements, Dictionary<IElement, ElementStyle> styles)
    {
        Dictionary<string, IElement>? byId = null;
        foreach (var script in elements)
        {
            if (script.LocalName != "script" || script.HasAttribute("src"))
            {
                continue;
            }

            var text = script.TextContent;
            if (!text.Contains("getElementById", StringComparison.Ordinal) && !text.Contains("$(", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                foreach (Match m in HideById().Matches(text))
                {
                    byId ??= Index(elements);
                    if (!byId.TryGetValue(m.Groups["id"].Value, out var target))
                    {
                        continue;
                    }

                    if (!styles.TryGetValue(target, out var style))
                    {
                        styles[target] = style = new ElementStyle();
                    }

                    if (m.Groups["v"].Success)
                    {
                        style.Apply(CssProperty.Visibility, "hidden", ScriptKey);
                    }
                    else
                    {
                        style.Apply(CssProperty.Display, "none", ScriptKey);
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological script hides nothing more.
            }
        }
    }

    private static Dictionary<string, IElement> Index(IReadOnlyList<IElement> elements)
    {
        var map = new Dictionary<string, IElement>(StringComparer.Ordinal);
        foreach (var e in elements)
        {
            if (e.Id is { Length: > 0 } id)
            {
                map.TryAdd(id, e);
            }
        }

        return map;
    }
}
