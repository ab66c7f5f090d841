using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GovGuard.Catalog.Duties;

/// <summary>
/// A catalog id as the CLI contract forms it: the clause number (<c>5.3.3</c>), then the lettered item
/// (<c>5.2.1.a</c>), then the numbered sub-item or bullet (<c>5.4.a.1</c>). Compares in the standard's order.
/// </summary>
public readonly partial record struct DutyId : IComparable<DutyId>
{
    private DutyId(string text, int[] clause, char? letter, int? item)
    {
        Text = text;
        ClauseNumbers = clause;
        Letter = letter;
        Item = item;
    }

    /// <summary>The id as written.</summary>
    public string Text { get; }

    /// <summary>The clause part, e.g. <c>5.3.4.3</c> of <c>5.3.4.3.a</c>.</summary>
    public string Clause => string.Join('.', ClauseNumbers);

    /// <summary>The lettered item, if any.</summary>
    public char? Letter { get; }

    /// <summary>The numbered sub-item or bullet of the lettered item, if any.</summary>
    public int? Item { get; }

    /// <summary>The chapter: 5 to 8 for duties.</summary>
    public int Chapter => ClauseNumbers[0];

    private IReadOnlyList<int> ClauseNumbers { get; }

    /// <summary>Parses the contract's scheme; clause numbers have one to four parts and no leading zeros.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out DutyId? id)
    {
        id = null;
        var m = text is null ? null : Scheme().Match(text);
        if (m is null || !m.Success)
        {
            return false;
        }

        // A number too large for an int is not a clause of the standard: not an id, like any other mismatch.
        var parts = m.Groups["clause"].Value.Split('.');
        var clause = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out clause[i]))
            {
                return false;
            }
        }

        char? letter = m.Groups["letter"].Success ? m.Groups["letter"].Value[0] : null;
        int? item = null;
        if (m.Groups["item"].Success)
        {
            if (!int.TryParse(m.Groups["item"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return false;
            }

            item = n;
        }

        id = new DutyId(text!, clause, letter, item);
        return true;
    }

    public int CompareTo(DutyId other)
    {
        for (var i = 0; i < Math.Min(ClauseNumbers.Count, other.ClauseNumbers.Count); i++)
        {
            var c = ClauseNumbers[i].CompareTo(other.ClauseNumbers[i]);
            if (c != 0)
            {
                return c;
            }
        }

        var byLength = ClauseNumbers.Count.CompareTo(other.ClauseNumbers.Count);
        if (byLength != 0)
        {
            return byLength;
        }

        var byLetter = (Letter ?? '\0').CompareTo(other.Letter ?? '\0');
        return byLetter != 0 ? byLetter : (Item ?? 0).CompareTo(other.Item ?? 0);
    }

    public bool Equals(DutyId other) => string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text ?? string.Empty);

    public override string ToString() => Text;

    public static bool operator <(DutyId left, DutyId right) => left.CompareTo(right) < 0;

    public static bool operator >(DutyId left, DutyId right) => left.CompareTo(right) > 0;

    public static bool operator <=(DutyId left, DutyId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(DutyId left, DutyId right) => left.CompareTo(right) >= 0;

    [GeneratedRegex(@"^(?<clause>[1-9][0-9]*(?:\.[1-9][0-9]*){0,3})(?:\.(?<letter>[a-z])(?:\.(?<item>[1-9][0-9]*))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();
}
