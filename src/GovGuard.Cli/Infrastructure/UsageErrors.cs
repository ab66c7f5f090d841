using System.CommandLine;

namespace GovGuard.Cli.Infrastructure;

/// <summary>Condenses System.CommandLine's parse errors into the one sentence the contract asks for.</summary>
public static class UsageErrors
{
    /// <summary>One sentence naming the bad input and pointing at --help.</summary>
    public static string OneSentence(ParseResult parse)
    {
        // An unknown token explains a missing command or argument better than the reverse.
        var first = (parse.UnmatchedTokens.Count > 0
            ? parse.Errors.FirstOrDefault(e => e.Message.Contains(parse.UnmatchedTokens[0], StringComparison.Ordinal)) ?? parse.Errors[0]
            : parse.Errors[0]).Message.TrimEnd('.');
        var command = parse.CommandResult.Command;
        var path = command is RootCommand ? "govguard" : "govguard " + CommandPath(command, parse);
        return $"用法错误 / usage error: {first}; see `{path} --help`.";
    }

    private static string CommandPath(Command command, ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (r.Command is RootCommand)
            {
                break;
            }

            names.Add(r.Command.Name);
        }

        names.Reverse();
        return names.Count == 0 ? command.Name : string.Join(' ', names);
    }
}
