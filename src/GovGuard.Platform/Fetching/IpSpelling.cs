using System.Globalization;
using System.Net;

namespace GovGuard.Platform.Fetching;

/// <summary>
/// Reads host names the way the C library's inet_aton does, so that decimal (2130706433), octal
/// (0177.0.0.1, 017700000001), hex (0x7f000001, 0x7f.1) and short (127.1) spellings of an address
/// are recognised as that address. System.Uri already folds most of them; what it leaves as a DNS
/// name ("127.0.0.1.", "4294967296") still reaches this reader before any resolver does.
/// </summary>
internal static class IpSpelling
{
    /// <summary>What a host name is, read as an IPv4 spelling.</summary>
    public enum Kind
    {
        /// <summary>An ordinary DNS name.</summary>
        Name,

        /// <summary>An IPv4 address in one of its spellings.</summary>
        Address,

        /// <summary>Looks numeric (its last label is a number) but is no valid address: never resolve it.</summary>
        Invalid,
    }

    public static Kind Read(string host, out IPAddress? address)
    {
        address = null;
        var h = host.AsSpan();
        if (h.EndsWith('.'))
        {
            h = h[..^1];
        }

        if (h.IsEmpty)
        {
            return Kind.Name;
        }

        var lastDot = h.LastIndexOf('.');
        if (!LooksNumeric(h[(lastDot + 1)..]))
        {
            // WHATWG URL: a host whose last label is not a number is a domain name.
            return Kind.Name;
        }

        Span<ulong> parts = stackalloc ulong[4];
        var count = 0;
        foreach (var range in h.Split('.'))
        {
            if (count == 4 || !TryPart(h[range], out parts[count]))
            {
                return Kind.Invalid;
            }

            count++;
        }

        ulong value = 0;
        for (var i = 0; i < count - 1; i++)
        {
            if (parts[i] > 255)
            {
                return Kind.Invalid;
            }

            value = (value << 8) | parts[i];
        }

        var restBits = 8 * (5 - count);
        if (parts[count - 1] >= (1UL << restBits))
        {
            return Kind.Invalid;
        }

        value = (value << restBits) | parts[count - 1];
        address = new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
        return Kind.Address;
    }

    private static bool LooksNumeric(ReadOnlySpan<char> label)
    {
        if (label.IsEmpty)
        {
            return false;
        }

        if (label.Length >= 2 && label[0] == '0' && (label[1] | 0x20) == 'x')
        {
            return label[2..].ContainsOnlyHex();
        }

        return label.ContainsOnlyDigits();
    }

    private static bool TryPart(ReadOnlySpan<char> part, out ulong value)
    {
        value = 0;
        if (part.IsEmpty || part.Length > 34)
        {
            return false;
        }

        if (part.Length >= 2 && part[0] == '0' && (part[1] | 0x20) == 'x')
        {
            return part.Length == 2 || ulong.TryParse(part[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        if (part.Length > 1 && part[0] == '0')
        {
            foreach (var c in part[1..])
            {
                if (c is < '0' or > '7' || value > (ulong.MaxValue >> 3))
                {
                    return false;
                }

                value = (value << 3) | (uint)(c - '0');
            }

            return true;
        }

        return part.ContainsOnlyDigits() && ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> s) => !s.IsEmpty && !s.ContainsAnyExceptInRange('0', '9');

    private static bool ContainsOnlyHex(this ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
