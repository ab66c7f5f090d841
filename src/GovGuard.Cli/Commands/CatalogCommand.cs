using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GovGuard.Catalog;
using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Catalog.Roles;
using Spectre.Console;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard catalog list`: the duty catalog of GB/T 38249-2019 chapters 5 to 8.</summary>
public static class CatalogCommand
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // A CLI's stdout, not HTML: Chinese and punctuation stay as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
    };

    public static Command Create()
    {
        var cmd = new Command("catalog", "GB/T 38249-2019 安全职责目录 / the duty catalog of GB/T 38249-2019");
        cmd.Subcommands.Add(CreateList());
        return cmd;
    }

    private static Command CreateList()
    {
        var format = OneOf("--format", "输出格式 / output format", ["json", "table"]);
        format.DefaultValueFactory = _ => "json";
        var phase = OneOf("--phase", "只列出该阶段的职责 / only duties of this phase", Terms.Codes<Phase>());
        var role = OneOf("--role", "只列出该角色的职责，agent 含三类代理商 / only duties of this role, agent covering its three kinds", Terms.Codes<Role>());
        var cmd = new Command("list", "列出政府网站云计算服务各阶段的安全职责 / list the security duties of every phase")
        {
            format, phase, role,
        };
        cmd.SetAction((ParseResult r, CancellationToken ct) =>
        {
            Phase? p = Terms.TryParse<Phase>(r.GetValue(phase), out var pv) ? pv : null;
            Role? ro = Terms.TryParse<Role>(r.GetValue(role), out var rv) ? rv : null;
            var duties = DutyCatalog.Default.Select(p, ro);
            var config = r.InvocationConfiguration;
            if (r.GetValue(format) == "table")
            {
                // Tables go to stderr unless stdout is a terminal (CLI contract).
                var terminal = ReferenceEquals(config.Output, Console.Out) && !Console.IsOutputRedirected;
                WriteTable(terminal ? config.Output : config.Error, terminal, duties);
            }
            else
            {
                config.Output.Write(ToJson(duties));
            }

            return Task.FromResult(0);
        });
        return cmd;
    }

    /// <summary>
    /// An option taking one of a few codes. The check is ours rather than AcceptOnlyFromAmong so that a bad
    /// value gives one line naming the allowed codes (the contract's one sentence), not a multi-line list.
    /// </summary>
    private static Option<string?> OneOf(string name, string description, IReadOnlyList<string> codes)
    {
        var list = string.Join('|', codes);
        var option = new Option<string?>(name) { Description = description, HelpName = list };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !codes.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"{name} '{value}' is not one of {string.Join(", ", codes)}");
            }
        });
        return option;
    }

    internal static string ToJson(IEnumerable<Duty> duties)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * 1024);
        using (var w = new Utf8JsonWriter(buffer, JsonOptions))
        {
            DutyJson.WriteArray(w, duties);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void WriteTable(TextWriter writer, bool terminal, IReadOnlyList<Duty> duties)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 160;
        }

        if (duties.Count == 0)
        {
            console.MarkupLine("没有符合条件的职责 / no duties match");
            return;
        }

        var t = new Table().AddColumns("条款 clause", "阶段 phase", "角色 roles", "职责 duty", "自动证据 automatic");
        foreach (var d in duties)
        {
            t.AddRow(
                new Text(d.Id),
                new Text(d.Phase.ToWire()),
                new Text(string.Join(", ", d.Roles.Select(x => x.ToWire()))),
                new Markup($"{Markup.Escape(d.TitleZh)}\n[dim]{Markup.Escape(d.TitleEn)}[/]"),
                new Text(Automatic(d.Automatic)));
        }

        console.Write(t);
        console.MarkupLine($"共 {duties.Count} 项职责 / {duties.Count} duties");
    }

    private static string Automatic(AutomaticEvidence? a)
    {
        if (a is null)
        {
            return "—";
        }

        var parts = a.Monitors.Select(m => m.ToWire()).ToList();
        if (a.Record is { } record)
        {
            parts.Add(a.WithinDays is { } days ? $"{record.ToWire()} ≤{days}d" : record.ToWire());
        }

        return string.Join(", ", parts);
    }
}
