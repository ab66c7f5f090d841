using System.Diagnostics;
using GovGuard.Cli.Infrastructure;
using GovGuard.Platform;
using GovGuard.Platform.Access;
using GovGuard.Platform.Data;
using GovGuard.Platform.Organisations;
using GovGuard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Cli.Tests.Audit;

public sealed class AuditVerifyCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await GovGuardCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A database with a few audited changes, made through the platform's own services.</summary>
    private static async Task<TestDatabase> AuditedAsync(string kind)
    {
        var db = await TestDatabase.CreateAsync(kind);
        var services = new ServiceCollection().AddLogging().AddGovGuardPlatform(db.Options).BuildServiceProvider();
        await using (services)
        {
            foreach (var name in new[] { "某市人民政府", "某云计算有限公司", "某测评中心" })
            {
                await using var scope = services.CreateAsyncScope();
                var r = await scope.ServiceProvider.GetRequiredService<OrganisationService>().CreateAsync(Caller.System,
                    new OrganisationInput(name, "cloud_provider", null, null, null, null), CancellationToken.None);
                Assert.True(r.Succeeded);
            }
        }

        return db;
    }

    private static string[] Where(TestDatabase db) =>
        db.Kind == DatabaseKind.Sqlite ? ["--data", db.Folder] : ["--db", db.Options.Postgres!];

    [Theory]
    [Databases]
    public async Task Untouched_database_verifies_and_exits_0(string kind)
    {
        await using var db = await AuditedAsync(kind);
        var (code, stdout, _) = await Run(["audit", "verify", .. Where(db)]);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("3", stdout, StringComparison.Ordinal);
        Assert.Contains("intact", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_altered_with_sqlite3_makes_verify_fail_and_name_the_record()
    {
        await using var db = await AuditedAsync("sqlite");
        var sqlite3 = new ProcessStartInfo("sqlite3", [db.Options.SqlitePath, "UPDATE audit_records SET \"Summary\" = 'edited' WHERE \"Seq\" = 2;"])
        {
            RedirectStandardError = true,
        };
        using (var p = Process.Start(sqlite3)!)
        {
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, await p.StandardError.ReadToEndAsync());
        }

        var (code, stdout, _) = await Run("audit", "verify", "--data", db.Folder);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("record 2", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [Databases]
    public async Task A_deleted_row_makes_verify_fail(string kind)
    {
        await using var db = await AuditedAsync(kind);
        await using (var ctx = db.Context())
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(ctx.Database, "DELETE FROM audit_records WHERE \"Seq\" = 1");
        }

        var (code, stdout, _) = await Run(["audit", "verify", .. Where(db)]);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("record 2", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_database_is_one_sentence_and_exit_1()
    {
        var folder = Path.Combine(Path.GetTempPath(), "govguard-none-" + Guid.NewGuid().ToString("N"));
        var (code, _, stderr) = await Run("audit", "verify", "--data", folder);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Bad_connection_string_is_a_usage_error()
    {
        var (code, _, stderr) = await Run("audit", "verify", "--db", "not a connection string");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--db", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_answers_help_and_refuses_a_bad_address_with_exit_2()
    {
        var (helpCode, help, _) = await Run("serve", "--help");
        Assert.Equal(ExitCodes.Ok, helpCode);
        foreach (var option in new[] { "--urls", "--data", "--db" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }

        var (code, _, stderr) = await Run("serve", "--urls", "ftp://127.0.0.1:21");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Single(stderr.Trim().Split('\n'));
        var (bogus, _, _) = await Run("serve", "--bogus");
        Assert.Equal(ExitCodes.Usage, bogus);
    }
}
