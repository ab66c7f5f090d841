using GovGuard.Detection.Content;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Rules;

namespace GovGuard.Detection.Tests.Content;

public sealed class LexiconTests
{
    private static RuleFormatException Bad(string text) =>
        Assert.Throws<RuleFormatException>(() => Lexicon.Parse([("user.txt", text)]));

    [Fact]
    public void Terms_take_the_category_and_default_weight_above_them()
    {
        var lex = Lexicon.Parse([("a.txt", "# c\n@category gambling\n@weight 7\n百家乐\n赌博\t3\n\n@category porn_x\n@label 色情 | porn\n@severity medium\n裸聊\n")]);
        Assert.Equal(
            [("gambling", "百家乐", 7, 4), ("gambling", "赌博", 3, 5), ("porn_x", "裸聊", 5, 10)],
            lex.Terms.Select(t => (t.Category, t.Term, t.Weight, t.Line)));
        Assert.Equal(("色情", "porn", Severity.Medium), (lex.Categories["porn_x"].LabelZh, lex.Categories["porn_x"].LabelEn, lex.Categories["porn_x"].Severity));
        Assert.Equal("赌博", lex.Categories["gambling"].LabelZh);
    }

    [Fact]
    public void Whitelist_and_context_sections_are_read()
    {
        var lex = Lexicon.Parse([("w.txt", "@whitelist\n福利彩票\n@context before 30\n打击\n@context after 5\n犯罪\r\n")]);
        Assert.Equal(["福利彩票"], lex.Whitelist);
        Assert.Equal([new ContextWord("打击", ContextSide.Before, 30), new ContextWord("犯罪", ContextSide.After, 5)], lex.Context);
    }

    [Fact]
    public void Files_are_merged_by_category()
    {
        var lex = Lexicon.Parse([("a.txt", "@category gambling\n百家乐\n"), ("user.txt", "@category gambling\n某某娱乐城\t10\n")]);
        Assert.Single(lex.Categories);
        Assert.Equal(["百家乐", "某某娱乐城"], lex.Terms.Select(t => t.Term));
        Assert.Equal("user.txt", lex.Terms[1].File);
    }

    [Theory]
    [InlineData("@category gambling\n赌博\t0\n", 2, "weight")]
    [InlineData("@category gambling\n赌博\t101\n", 2, "weight")]
    [InlineData("@category gambling\n赌博\tten\n", 2, "weight")]
    [InlineData("@category gambling\n\n\n赌博\t5\textra\n", 4, "at most one weight")]
    [InlineData("赌博\n", 1, "before any @category")]
    [InlineData("@category Gambling!\n", 1, "@category")]
    [InlineData("@category gambling\n@colour red\n", 2, "unknown directive")]
    [InlineData("@category gambling\n★ ☆\n", 2, "nothing left to match")]
    [InlineData("@whitelist\n福利彩票\t3\n", 2, "no weight")]
    [InlineData("@context sideways 3\n", 1, "@context")]
    [InlineData("@context before 999\n", 1, "@context")]
    [InlineData("@label 赌博 | gambling\n", 1, "before any @category")]
    [InlineData("@category gambling\n@label 赌博\n", 2, "@label")]
    [InlineData("@category gambling\n@severity extreme\n", 2, "@severity")]
    public void Bad_line_is_refused_with_file_and_line(string text, int line, string problem)
    {
        var e = Bad(text);
        Assert.Equal("user.txt", e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.Contains("user.txt:" + line, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_term_is_refused() =>
        Assert.Equal(2, Bad("@category gambling\n" + new string('赌', Lexicon.MaxTermLength + 1) + "\n").Line);

    [Fact]
    public void Shipped_lexicons_parse_and_cover_every_category()
    {
        var lex = ShippedLexicons.Lexicon;
        Assert.Equal(["fake_documents", "fraud", "gambling", "lottery_fraud", "pornography"], lex.Categories.Keys.Order(StringComparer.Ordinal));
        Assert.True(lex.Terms.Count >= 250, $"{lex.Terms.Count} terms");
        Assert.NotEmpty(lex.Whitelist);
        Assert.Contains(lex.Context, c => c.Word == "打击" && c.Side == ContextSide.Before);
        // No term is listed twice in one category.
        Assert.Empty(lex.Terms.GroupBy(t => (t.Category, t.Term)).Where(g => g.Count() > 1).Select(g => g.Key));
    }
}
