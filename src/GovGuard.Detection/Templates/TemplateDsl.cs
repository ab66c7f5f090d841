using System.Globalization;
using System.Text;

namespace GovGuard.Detection.Templates;

/// <summary>
/// A DSL matcher expression in the small safe subset GovGuard evaluates: <c>status_code</c>,
/// <c>content_length</c> and <c>len(body)</c> compared with numbers; <c>contains</c>, <c>contains_all</c>,
/// <c>contains_any</c> over <c>body</c>, <c>header</c> (or <c>all_headers</c>), <c>response</c>, optionally
/// through <c>tolower(…)</c>; <c>!</c>, <c>&amp;&amp;</c>, <c>||</c> and parentheses. Anything else is refused
/// at load (<see cref="FormatException"/>), never silently ignored.
/// </summary>
public sealed class TemplateDsl
{
    private readonly Func<ResponseParts, bool> _eval;

    private TemplateDsl(string source, Func<ResponseParts, bool> eval)
    {
        Source = source;
        _eval = eval;
    }

    /// <summary>The expression as written.</summary>
    public string Source { get; }

    internal bool Evaluate(ResponseParts r) => _eval(r);

    /// <summary>Parses an expression; throws <see cref="FormatException"/> naming what is not supported.</summary>
    public static TemplateDsl Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var p = new Parser(Tokenize(source));
        var e = p.Or();
        return p.AtEnd ? new TemplateDsl(source, e) : throw new FormatException($"unexpected '{p.Peek.Text}' after a complete expression");
    }

    private enum Kind
    {
        Ident,
        Number,
        String,
        Op,
        End,
    }

    private readonly record struct Token(Kind Kind, string Text);

    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(Kind.Ident, s[start..i]));
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }

                tokens.Add(new Token(Kind.Number, s[start..i]));
            }
            else if (c is '"' or '\'')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= s.Length)
                    {
                        throw new FormatException("a string is not closed");
                    }

                    if (s[i] == c)
                    {
                        i++;
                        break;
                    }

                    if (s[i] == '\\' && i + 1 < s.Length)
                    {
                        i++;
                        sb.Append(s[i] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var x => x });
                    }
                    else
                    {
                        sb.Append(s[i]);
                    }

                    i++;
                }

                tokens.Add(new Token(Kind.String, sb.ToString()));
            }
            else
            {
                var two = i + 1 < s.Length ? s.Substring(i, 2) : "";
                if (two is "&&" or "||" or "==" or "!=" or "<=" or ">=")
                {
                    tokens.Add(new Token(Kind.Op, two));
                    i += 2;
                }
                else if (c is '(' or ')' or ',' or '!' or '<' or '>')
                {
                    tokens.Add(new Token(Kind.Op, c.ToString()));
                    i++;
                }
                else
                {
                    throw new FormatException($"'{c}' is not supported in DSL expressions");
                }
            }
        }

        tokens.Add(new Token(Kind.End, ""));
        return tokens;
    }

    private sealed class Parser(List<Token> tokens)
    {
        private static readonly string Supported =
            "status_code, content_length, len(body), contains/contains_all/contains_any(body|header|all_headers|response, \"…\"), tolower(), !, &&, ||";

        private int _at;

        public Token Peek => tokens[_at];

        public bool AtEnd => Peek.Kind == Kind.End;

        public Func<ResponseParts, bool> Or()
        {
            var left = And();
            while (Accept("||"))
            {
                var l = left;
                var r = And();
                left = x => l(x) || r(x);
            }

            return left;
        }

        private Func<ResponseParts, bool> And()
        {
            var left = Not();
            while (Accept("&&"))
            {
                var l = left;
                var r = Not();
                left = x => l(x) && r(x);
            }

            return left;
        }

        private Func<ResponseParts, bool> Not()
        {
            if (Accept("!"))
            {
                var inner = Not();
                return x => !inner(x);
            }

            if (Accept("("))
            {
                var inner = Or();
                Expect(")");
                return inner;
            }

            if (Peek is { Kind: Kind.Ident, Text: "contains" or "contains_all" or "contains_any" })
            {
                return Contains();
            }

            var left = Number();
            var op = Peek.Text;
            if (Peek.Kind != Kind.Op || op is not ("==" or "!=" or "<" or "<=" or ">" or ">="))
            {
                throw new FormatException($"expected a comparison after a number, found '{Peek.Text}'");
            }

            _at++;
            var right = Number();
            return op switch
            {
                "==" => x => left(x) == right(x),
                "!=" => x => left(x) != right(x),
                "<" => x => left(x) < right(x),
                "<=" => x => left(x) <= right(x),
                ">" => x => left(x) > right(x),
                _ => x => left(x) >= right(x),
            };
        }

        private Func<ResponseParts, bool> Contains()
        {
            var fn = tokens[_at++].Text;
            Expect("(");
            var part = Part();
            var needles = new List<string>();
            do
            {
                Expect(",");
                needles.Add(Peek.Kind == Kind.String ? tokens[_at++].Text : throw new FormatException($"{fn} takes quoted strings after the part, found '{Peek.Text}'"));
            }
            while (Peek.Text == ",");
            Expect(")");
            if (fn == "contains" && needles.Count != 1)
            {
                throw new FormatException("contains takes one string (use contains_all or contains_any for several)");
            }

            var (read, lower) = part;
            var wanted = lower ? needles.Select(n => n.ToLowerInvariant()).ToArray() : [.. needles];
            bool Has(ResponseParts x, string n) =>
                read(x).Contains(n, lower ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            return fn == "contains_any" ? x => wanted.Any(n => Has(x, n)) : x => wanted.All(n => Has(x, n));
        }

        private (Func<ResponseParts, string> Read, bool Lower) Part()
        {
            if (Peek is { Kind: Kind.Ident, Text: "tolower" })
            {
                _at++;
                Expect("(");
                var inner = Part();
                Expect(")");
                return (inner.Read, true);
            }

            var name = Peek.Kind == Kind.Ident ? tokens[_at++].Text : throw new FormatException($"expected body, header or response, found '{Peek.Text}'");
            return name switch
            {
                "body" => (x => x.Body, false),
                "header" or "all_headers" => (x => x.Header, false),
                "response" or "raw" => (x => x.All, false),
                _ => throw new FormatException($"'{name}' is not supported in DSL expressions (supported: {Supported})"),
            };
        }

        private Func<ResponseParts, long> Number()
        {
            var t = tokens[_at];
            if (t.Kind == Kind.Number)
            {
                _at++;
                var n = long.Parse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture);
                return _ => n;
            }

            if (t.Kind == Kind.Ident)
            {
                _at++;
                switch (t.Text)
                {
                    case "status_code":
                        return x => x.Response.Status;
                    case "content_length":
                        return x => long.TryParse(x.Response.Header("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var cl) ? cl : x.Response.Body.Length;
                    case "len":
                        Expect("(");
                        var name = Peek.Kind == Kind.Ident ? tokens[_at++].Text : "";
                        Expect(")");
                        return name == "body" ? x => x.Response.Body.Length : throw new FormatException("only len(body) is supported");
                }

                throw new FormatException($"'{t.Text}' is not supported in DSL expressions (supported: {Supported})");
            }

            throw new FormatException($"expected a number, status_code, content_length or len(body), found '{t.Text}'");
        }

        private bool Accept(string op)
        {
            if (Peek.Kind == Kind.Op && Peek.Text == op)
            {
                _at++;
                return true;
            }

            return false;
        }

        private void Expect(string op)
        {
            if (!Accept(op))
            {
                throw new FormatException($"expected '{op}', found '{(Peek.Kind == Kind.End ? "end of expression" : Peek.Text)}'");
            }
        }
    }
}
