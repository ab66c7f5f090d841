namespace GovGuard.Detection.Rules;

/// <summary>A rule file (lexicon, signature, probe list, template) that cannot be used; names its file and line.</summary>
public sealed class RuleFormatException : Exception
{
    public RuleFormatException(string file, int line, string problem)
        : base($"规则文件有误 / bad rule file {file}:{line}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public RuleFormatException()
        : this("?", 0, "unknown")
    {
    }

    public RuleFormatException(string message)
        : this("?", 0, message)
    {
    }

    public RuleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "?";
        Problem = message;
    }

    /// <summary>The rule file as named to the loader.</summary>
    public string File { get; } = "?";

    /// <summary>1-based line, 0 when not known.</summary>
    public int Line { get; }

    /// <summary>What is wrong, in one phrase.</summary>
    public string Problem { get; } = "";
}
