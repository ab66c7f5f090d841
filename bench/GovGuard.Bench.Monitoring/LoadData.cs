using System.Diagnostics;
using System.Globalization;
using GovGuard.Catalog.Incidents;
using GovGuard.Catalog.Roles;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Access;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Incidents;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Monitoring.Engine;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Websites;
using GovGuard.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace GovGuard.Bench.Monitoring;

/// <summary>
/// `load-data SITES DAYS INTERVAL_MINUTES SEED DATA_DIR PASSWORD [POSTGRES]`: the data set of bench/load.sh. The
/// schema comes from the application's own migrations (<see cref="GovGuardWebHost.PrepareAsync"/>); then one customer
/// organisation with a sign-in, SITES websites each with an availability monitor and its state, DAYS of check results
/// per site every INTERVAL_MINUTES (bulk: one prepared statement in one transaction on SQLite, binary COPY on
/// PostgreSQL), an alert with its events for every generated outage (the ongoing ones open) and incidents for some of
/// them. Everything random comes from SEED, so a rerun gives the same shape (times are relative to the start).
/// </summary>
public static class LoadData
{
    private const string Columns = "\"MonitorId\", \"WebsiteId\", \"At\", \"DueAt\", \"Health\", \"RawHealth\", \"LatencyMs\", \"StatusCode\", \"SummaryZh\", \"SummaryEn\", \"Manual\"";

    public static async Task<int> RunAsync(int sites, int days, int intervalMinutes, int seed, string dir, string password, string? postgres)
    {
        Directory.CreateDirectory(dir);
        var options = new GovGuardWebOptions
        {
            Database = new DatabaseOptions { DataDirectory = dir, Postgres = postgres },
            RequireAdminTwoFactor = false,
            Monitoring = new MonitoringOptions { Engine = false },
        };
        var app = GovGuardWebHost.Build(options);
        var clock = Stopwatch.StartNew();
        await GovGuardWebHost.PrepareAsync(app, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"schema by the application's migrations in {clock.Elapsed.TotalSeconds:0.0} s"));

        var rng = new Random(seed);
        var interval = TimeSpan.FromMinutes(intervalMinutes);
        // The last slot is a whole interval ago at most: the data set ends now.
        // Each monitor's slots fall where the engine puts them (its phase), the last one within the past interval:
        // the engine's next check of a site is its next slot, as after a year of running.
        var now = DateTimeOffset.UtcNow;
        var count = (int)(TimeSpan.FromDays(days) / interval);
        var start = now - TimeSpan.FromDays(days);
        var plan = Plan(rng, sites, count);

        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var org = (await sp.GetRequiredService<OrganisationService>().CreateAsync(Caller.System,
            new OrganisationInput("某省大数据管理局", WireCodes<OrganisationKind>.Code(OrganisationKind.GovernmentCustomer), null, null, null, null), CancellationToken.None)).Value!;
        var user = new User { Id = Id(rng), UserName = "load", DisplayName = "负载测试值班员", OrganisationId = org.Id, Role = OrgRole.Admin, LockoutEnabled = true, MustChangePassword = false };
        var created = await sp.GetRequiredService<UserManager<User>>().CreateAsync(user, password);
        if (!created.Succeeded)
        {
            Console.Error.WriteLine("the load user could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            return 1;
        }

        var factory = sp.GetRequiredService<IDbContextFactory<GovGuardDbContext>>();
        clock.Restart();
        var websites = new List<(Guid Site, Guid Monitor)>(sites);
        for (var first = 0; first < sites; first += 1000)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(sites, first + 1000); i++)
            {
                var p = plan[i];
                var site = new Website
                {
                    Id = Id(rng),
                    Name = string.Create(CultureInfo.InvariantCulture, $"{Cities[i % Cities.Length]}政务网站 {i:00000}"),
                    Domains = [string.Create(CultureInfo.InvariantCulture, $"site{i:00000}.bench.invalid")],
                    ProtectionLevel = 2,
                    ServiceModel = ServiceModel.Iaas,
                    DeploymentModel = Catalog.Lifecycle.DeploymentModel.GovCloud,
                    Phase = Catalog.Lifecycle.LifecycleState.Operation,
                    CustomerId = org.Id,
                    CreatedAt = start,
                    UpdatedAt = start,
                    Version = 1,
                };
                var monitor = new Platform.Monitoring.Monitor
                {
                    Id = Id(rng),
                    WebsiteId = site.Id,
                    Kind = MonitorKind.Availability,
                    Name = "首页",
                    Target = string.Create(CultureInfo.InvariantCulture, $"https://site{i:00000}.bench.invalid/"),
                    IntervalSeconds = (int)interval.TotalSeconds,
                    Enabled = true,
                    FailuresBeforeDown = 2,
                    SuccessesBeforeUp = 1,
                    TimeoutSeconds = 10,
                    Settings = "{\"expectedStatusMin\":200,\"expectedStatusMax\":399,\"keyword\":null,\"maxLatencyMs\":null,\"followRedirects\":true}",
                    CreatedAt = start,
                    UpdatedAt = start,
                    Version = 1,
                };
                db.Websites.Add(site);
                db.Monitors.Add(monitor);
                websites.Add((site.Id, monitor.Id));
            }

            await db.SaveChangesAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sites} websites and monitors in {clock.Elapsed.TotalSeconds:0.0} s"));
        // For the load script: which pages to ask for.
        await File.WriteAllLinesAsync(Path.Combine(dir, "load-ids.txt"), websites.Select(w => $"{w.Site} {w.Monitor}"));

        // Results in the order of the (MonitorId, At) index, so both databases append to it.
        clock.Restart();
        var order = Enumerable.Range(0, sites).OrderBy(i => websites[i].Monitor.ToString(), StringComparer.Ordinal).ToArray();
        var states = new MonitorState[sites];
        var rows = postgres is null
            ? await SqliteResultsAsync(options.Database.SqlitePath, order, websites, plan, now, interval, count, states)
            : await PostgresResultsAsync(postgres, order, websites, plan, now, interval, count, states);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows} check results ({sites} sites x {days} days x one per {intervalMinutes} min) in {clock.Elapsed.TotalSeconds:0.0} s ({rows / clock.Elapsed.TotalSeconds:0} rows/s)"));

        clock.Restart();
        var (alerts, incidents) = await AlertsAsync(factory, rng, org.Id, user, websites, plan, start, interval, states);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{alerts} alerts ({plan.Sum(p => p.Ongoing ? 1 : 0)} open), {incidents} incidents and {sites} monitor states in {clock.Elapsed.TotalSeconds:0.0} s"));
        await app.DisposeAsync();
        return 0;
    }

    private static readonly string[] Cities = ["省政府", "市人民政府", "区人民政府", "县人民政府", "市教育局", "市卫生健康委", "市公安局", "市人社局", "市税务局", "市住建局"];

    private static readonly Func<DateTimeOffset, long> Binary = new DateTimeOffsetToBinaryConverter().ConvertToProviderExpression.Compile();

    /// <summary>A random GUID from the seeded generator (reproducible, unlike Guid.NewGuid).</summary>
    private static Guid Id(Random rng)
    {
        Span<byte> b = stackalloc byte[16];
        rng.NextBytes(b);
        b[7] = (byte)((b[7] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b);
    }

    /// <summary>One site's year: its usual latency, its outages (slot ranges, down) and whether the last one is still on.</summary>
    private sealed record SitePlan(int Seed, int BaseLatency, (int From, int To)[] Outages, bool Ongoing, bool Incomplete);

    private static SitePlan[] Plan(Random rng, int sites, int slots)
    {
        var plan = new SitePlan[sites];
        for (var i = 0; i < sites; i++)
        {
            // About three outages a year, one to six slots long; 1 % of the sites down now, 0.5 % not checkable now.
            var outages = new List<(int, int)>();
            var n = rng.Next(0, 7);
            for (var k = 0; k < n; k++)
            {
                var from = rng.Next(0, Math.Max(1, slots - 8));
                outages.Add((from, from + rng.Next(1, 7)));
            }

            var ongoing = rng.NextDouble() < 0.01;
            if (ongoing)
            {
                outages.Add((slots - rng.Next(1, 4), slots));
            }

            plan[i] = new SitePlan(rng.Next(), rng.Next(40, 400), [.. outages.OrderBy(o => o.Item1)], ongoing, !ongoing && rng.NextDouble() < 0.005);
        }

        return plan;
    }

    private readonly record struct Row(DateTimeOffset At, DateTimeOffset DueAt, string Health, int? Latency, int? Status, string Zh, string En);

    private static IEnumerable<Row> Rows(SitePlan p, Guid monitor, DateTimeOffset now, TimeSpan interval, int slots)
    {
        var rng = new Random(p.Seed);
        var last = MonitorSchedule.NextSlot(monitor, interval, now - interval);
        for (var s = 0; s < slots; s++)
        {
            var due = last - ((slots - 1 - s) * interval);
            var down = p.Outages.Any(o => s >= o.From && s < o.To);
            if (down)
            {
                var timeout = rng.Next(2) == 0;
                yield return timeout
                    ? new Row(due.AddSeconds(10), due, "Down", null, null, "连接超时（10 秒）", "Connection timed out (10 s)")
                    : new Row(due.AddMilliseconds(80), due, "Down", 80, 503, "HTTP 503，不在期望范围 200–399", "HTTP 503, outside 200-399");
                continue;
            }

            if (p.Incomplete && s == slots - 1)
            {
                yield return new Row(due, due, "Incomplete", null, null, "检查未完成：域名无法解析", "Check incomplete: the name does not resolve");
                continue;
            }

            var latency = (int)(p.BaseLatency * (0.7 + (rng.NextDouble() * 0.8)));
            yield return new Row(due.AddMilliseconds(latency), due, "Up", latency, 200,
                string.Create(CultureInfo.InvariantCulture, $"HTTP 200，{latency} ms"), string.Create(CultureInfo.InvariantCulture, $"HTTP 200, {latency} ms"));
        }
    }

    private static MonitorState State(Guid monitor, Row last, long id, int failures) => new()
    {
        MonitorId = monitor,
        Health = Enum.Parse<MonitorHealth>(last.Health),
        Since = last.At,
        ConsecutiveFailures = failures,
        ConsecutiveSuccesses = last.Health == "Up" ? 1 : 0,
        LastCheckAt = last.At,
        LastDueAt = last.DueAt,
        LastResultId = id,
        LastLatencyMs = last.Latency,
        LastSummaryZh = last.Zh,
        LastSummaryEn = last.En,
    };

    private static async Task<long> SqliteResultsAsync(string path, int[] order, List<(Guid Site, Guid Monitor)> websites, SitePlan[] plan,
        DateTimeOffset now, TimeSpan interval, int count, MonitorState[] states)
    {
        await using var c = new SqliteConnection($"Data Source={path}");
        await c.OpenAsync();
        await using (var pragma = c.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;";
            await pragma.ExecuteNonQueryAsync();
        }

        long id = 0;
        var tx = c.BeginTransaction();
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO check_results ({Columns}) VALUES ($m, $w, $at, $due, $h, $h, $lat, $st, $zh, $en, 0)";
        var ps = new[] { "$m", "$w", "$at", "$due", "$h", "$lat", "$st", "$zh", "$en" }.Select(n => cmd.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        cmd.Prepare();
        foreach (var i in order)
        {
            var (site, monitor) = websites[i];
            ps[0].Value = monitor.ToString().ToUpperInvariant();
            ps[1].Value = site.ToString().ToUpperInvariant();
            Row last = default;
            var failures = 0;
            foreach (var r in Rows(plan[i], monitor, now, interval, count))
            {
                ps[2].Value = Binary(r.At);
                ps[3].Value = Binary(r.DueAt);
                ps[4].Value = r.Health;
                ps[5].Value = (object?)r.Latency ?? DBNull.Value;
                ps[6].Value = (object?)r.Status ?? DBNull.Value;
                ps[7].Value = r.Zh;
                ps[8].Value = r.En;
                await cmd.ExecuteNonQueryAsync();
                id++;
                failures = r.Health == "Up" ? 0 : failures + 1;
                last = r;
            }

            states[i] = State(monitor, last, id, failures);
            if (id % 500_000 < 1500)
            {
                // Commit now and then: one transaction for everything would hold the whole year in the WAL.
                await tx.CommitAsync();
                tx = c.BeginTransaction();
                cmd.Transaction = tx;
            }
        }

        await tx.CommitAsync();
        await cmd.DisposeAsync();
        await tx.DisposeAsync();
        return id;
    }

    private static async Task<long> PostgresResultsAsync(string connection, int[] order, List<(Guid Site, Guid Monitor)> websites, SitePlan[] plan,
        DateTimeOffset now, TimeSpan interval, int count, MonitorState[] states)
    {
        // No command timeout: a year of results for 10,000 sites is one COPY of millions of rows, and the ANALYZE
        // after it reads the whole table; Npgsql's default 30 s would cut either short.
        var unlimited = new NpgsqlConnectionStringBuilder(connection) { CommandTimeout = 0 };
        await using var c = new NpgsqlConnection(unlimited.ConnectionString);
        await c.OpenAsync();
        long id = 0;
        await using (var copy = await c.BeginBinaryImportAsync($"COPY check_results ({Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var i in order)
            {
                var (site, monitor) = websites[i];
                Row last = default;
                var failures = 0;
                foreach (var r in Rows(plan[i], monitor, now, interval, count))
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(monitor, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(site, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(r.DueAt, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(r.Health, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(r.Health, NpgsqlDbType.Varchar);
                    await Nullable(copy, r.Latency);
                    await Nullable(copy, r.Status);
                    await copy.WriteAsync(r.Zh, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(r.En, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                    id++;
                    failures = r.Health == "Up" ? 0 : failures + 1;
                    last = r;
                }

                states[i] = State(monitor, last, id, failures);
            }

            await copy.CompleteAsync();
        }

        await using var analyse = new NpgsqlCommand("ANALYZE", c) { CommandTimeout = 0 };
        await analyse.ExecuteNonQueryAsync();
        return id;
    }

    private static async Task Nullable(NpgsqlBinaryImporter copy, int? v)
    {
        if (v is { } x)
        {
            await copy.WriteAsync(x, NpgsqlDbType.Integer);
        }
        else
        {
            await copy.WriteNullAsync();
        }
    }

    private static async Task<(int Alerts, int Incidents)> AlertsAsync(IDbContextFactory<GovGuardDbContext> factory, Random rng, Guid org, User user,
        List<(Guid Site, Guid Monitor)> websites, SitePlan[] plan, DateTimeOffset start, TimeSpan interval, MonitorState[] states)
    {
        var alerts = 0;
        var incidents = 0;
        for (var first = 0; first < websites.Count; first += 1000)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(websites.Count, first + 1000); i++)
            {
                var (site, monitor) = websites[i];
                db.MonitorStates.Add(states[i]);
                db.MonitorAlertStates.Add(new MonitorAlertState { MonitorId = monitor, WebsiteId = site, LastHealth = states[i].Health ?? MonitorHealth.Up, LastCheckedAt = states[i].LastCheckAt ?? start });
                var fingerprint = AlertProcessor.Fingerprint(monitor, "monitor.down", nameof(MonitorKind.Availability), null);
                for (var k = 0; k < plan[i].Outages.Length; k++)
                {
                    var (from, to) = plan[i].Outages[k];
                    var open = plan[i].Ongoing && k == plan[i].Outages.Length - 1;
                    var opened = start + ((from + 1) * interval);
                    var a = new Alert
                    {
                        Id = Id(rng),
                        WebsiteId = site,
                        MonitorId = monitor,
                        MonitorKind = MonitorKind.Availability,
                        Source = AlertSource.Down,
                        Fingerprint = fingerprint,
                        Category = Categories.AvailabilityDown,
                        Rule = "monitor.down",
                        Severity = Severity.High,
                        State = open ? AlertState.Open : AlertState.Resolved,
                        SummaryZh = "首页 无法访问（连续 2 次失败）",
                        SummaryEn = "Home page is down (2 failures in a row)",
                        OpenedAt = opened,
                        LastSeenAt = open ? states[i].LastCheckAt!.Value : start + (to * interval),
                        Count = Math.Max(1, to - from - 1),
                        Version = 1,
                        ResolvedAt = open ? null : start + (to * interval),
                        NotifyCount = 1,
                        LastNotifiedAt = opened,
                    };
                    db.Alerts.Add(a);
                    db.AlertEvents.Add(new AlertEvent { AlertId = a.Id, At = opened, Kind = AlertEventKind.Opened, Health = MonitorHealth.Down });
                    if (!open)
                    {
                        db.AlertEvents.Add(new AlertEvent { AlertId = a.Id, At = a.ResolvedAt!.Value, Kind = AlertEventKind.Recovered, Health = MonitorHealth.Up });
                    }

                    alerts++;
                    // One outage in fifty became an incident (GB/T 38249 7.3 c); the ongoing ones are still being handled.
                    if (open ? rng.Next(4) == 0 : rng.Next(50) == 0)
                    {
                        var incident = new Incident
                        {
                            Id = Id(rng),
                            WebsiteId = site,
                            Title = "网站首页无法访问",
                            Description = "监测发现首页连续无法访问，值班员已确认。",
                            Category = IncidentCategory.Availability,
                            Grade = IncidentGrade.General,
                            Stage = open ? IncidentStage.Analysed : IncidentStage.Closed,
                            DetectedAt = opened,
                            AnalysedAt = opened.AddMinutes(20),
                            RecoveredAt = a.ResolvedAt,
                            ClosedAt = a.ResolvedAt?.AddHours(2),
                            CreatedByUserId = user.Id,
                            CreatedByName = user.DisplayName,
                            CreatedByOrganisationId = org,
                            CreatedAt = opened,
                            Version = 1,
                        };
                        db.Incidents.Add(incident);
                        db.Set<IncidentAlert>().Add(new IncidentAlert { IncidentId = incident.Id, AlertId = a.Id, LinkedAt = opened });
                        incidents++;
                    }
                }
            }

            await db.SaveChangesAsync();
        }

        return (alerts, incidents);
    }

    /// <summary>The size of the data set on disk: the SQLite file (with its WAL) or the PostgreSQL database.</summary>
    public static async Task<int> SizeAsync(string dir, string? postgres)
    {
        long bytes;
        if (postgres is null)
        {
            bytes = Directory.GetFiles(Path.GetFullPath(dir), "govguard.db*").Sum(f => new FileInfo(f).Length);
        }
        else
        {
            await using var c = new NpgsqlConnection(postgres);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT pg_database_size(current_database())", c);
            bytes = (long)(await cmd.ExecuteScalarAsync())!;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0} MB"));
        return 0;
    }

}
