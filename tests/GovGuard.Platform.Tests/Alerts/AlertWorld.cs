using System.Collections.Concurrent;
using GovGuard.Catalog.Roles;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Access;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Notifications;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Tests.Infrastructure;
using GovGuard.Platform.Websites;
using GovGuard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovGuard.Platform.Tests.Alerts;

/// <summary>A clock tests move by hand; timers still run on real time.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>Every log line written, to prove secrets never reach the log.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {exception}");
    }
}

/// <summary>
/// A customer with a website, an engaged provider and an assessor, a local SMTP listener and webhook receiver
/// (127.0.0.1 allow-listed explicitly), and the alerting services over a test database, driven by hand.
/// </summary>
public sealed class AlertWorld : IAsyncDisposable
{
    private AlertWorld(TestDatabase db, Services s, TestClock clock, CapturedLogs logs, SmtpListener smtp, WebhookReceiver hooks)
    {
        Db = db;
        S = s;
        Clock = clock;
        Logs = logs;
        Smtp = smtp;
        Hooks = hooks;
    }

    public TestDatabase Db { get; }

    public Services S { get; }

    public TestClock Clock { get; }

    public CapturedLogs Logs { get; }

    public SmtpListener Smtp { get; }

    public WebhookReceiver Hooks { get; }

    public Caller Owner { get; private set; } = null!;

    public Caller Provider { get; private set; } = null!;

    public Caller Assessor { get; private set; } = null!;

    public Caller Outsider { get; private set; } = null!;

    public WebsiteView Site { get; private set; } = null!;

    public Guid Monitor { get; } = Guid.NewGuid();

    private long _result;

    public static async Task<AlertWorld> CreateAsync(string kind, Action<AlertOptions>? configure = null, string siteName = "市政府门户网站")
    {
        var db = await TestDatabase.CreateAsync(kind);
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var logs = new CapturedLogs();
        var s = new Services(db, clock, services =>
        {
            services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
            services.Configure<FetchOptions>(o => o.AllowedRanges.Add("127.0.0.0/8"));
            services.Configure<AlertOptions>(o =>
            {
                o.RetryDelays.Clear();
                o.RetryDelays.Add(TimeSpan.FromSeconds(10));
                o.RetryDelays.Add(TimeSpan.FromSeconds(60));
                o.PublicBaseUrl = "https://govguard.example.gov.cn";
                configure?.Invoke(o);
            });
        });
        var world = new AlertWorld(db, s, clock, logs, new SmtpListener(), await WebhookReceiver.StartAsync());
        var customer = await s.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var provider = await s.Organisation("某云计算有限公司", OrganisationKind.CloudProvider);
        var assessor = await s.Organisation("某测评中心", OrganisationKind.ThirdPartyAssessor);
        var outsider = await s.Organisation("无关单位", OrganisationKind.CloudProvider);
        world.Owner = await s.User("owner.admin", customer.Id, Accounts.OrgRole.Admin);
        world.Provider = await s.User("provider.admin", provider.Id, Accounts.OrgRole.Admin);
        world.Assessor = await s.User("assessor", assessor.Id);
        world.Outsider = await s.User("outsider", outsider.Id, Accounts.OrgRole.Admin);
        var site = await s.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(world.Owner, Services.Website(siteName), CancellationToken.None));
        Assert.True(site.Succeeded, site.Error?.Message.En);
        world.Site = site.Value!;
        foreach (var (org, role) in new[] { (provider.Id, "provider"), (assessor.Id, "assessor") })
        {
            var e = await s.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(world.Owner, world.Site.Id, new EngagementInput(org, role, null), CancellationToken.None));
            Assert.True(e.Succeeded, e.Error?.Message.En);
        }

        return world;
    }

    public T Get<T>()
        where T : notnull => S.Root.GetRequiredService<T>();

    /// <summary>An observation of the world's monitor, one minute after the last.</summary>
    public MonitorObservation Observe(MonitorHealth health, params Finding[] findings)
    {
        Clock.Advance(TimeSpan.FromMinutes(1));
        return new MonitorObservation(Site.Id, Monitor, MonitorKind.Availability, health, Clock.GetUtcNow(),
            new Common.Text(health == MonitorHealth.Up ? "HTTP 200，120 毫秒" : "连接超时", health == MonitorHealth.Up ? "HTTP 200 in 120 ms" : "connect timed out"),
            findings, Interlocked.Increment(ref _result)) { PreviousResultId = _result == 1 ? null : _result - 1 };
    }

    public static Finding Down(string url = "https://www.example.gov.cn/") =>
        new(Categories.AvailabilityDown, Severity.High, url, url, null, null, "availability.timeout", "网站无法访问", "connect timed out");

    /// <summary>Applies an observation and sends what it queued; returns the deliveries queued.</summary>
    public async Task<int> ApplyAsync(MonitorObservation o)
    {
        var queued = await Get<AlertProcessor>().ProcessAsync(o, CancellationToken.None);
        await Get<NotificationDispatcher>().RunDueAsync(CancellationToken.None);
        return queued;
    }

    public Task<Common.Outcome<ChannelView>> ChannelAsync(Caller caller, ChannelInput input) =>
        S.In(sp => sp.GetRequiredService<ChannelService>().CreateAsync(caller, input, CancellationToken.None));

    /// <summary>The owner's e-mail channel to the local listener.</summary>
    public async Task<ChannelView> EmailChannelAsync(string? password = null)
    {
        var r = await ChannelAsync(Owner, new ChannelInput("值班邮箱", "email", null, "low", true, null, null, "127.0.0.1", Smtp.Port, "none",
            password is null ? null : "alerts", password, "govguard@example.gov.cn", ["duty@example.gov.cn"], null));
        Assert.True(r.Succeeded, r.Error is null ? null : string.Join("; ", r.Error.Fields.Select(f => f.Message.En).Prepend(r.Error.Message.En)));
        return r.Value!;
    }

    /// <summary>The owner's channel of <paramref name="kind"/> posting to <paramref name="path"/> on the receiver.</summary>
    public async Task<ChannelView> HookChannelAsync(string kind, string path, string? secret = null, IReadOnlyList<string>? mobiles = null, Caller? caller = null, Guid? websiteId = null)
    {
        var r = await ChannelAsync(caller ?? Owner, new ChannelInput(kind + " 渠道", kind, websiteId, "low", true, Hooks.Url(path), secret, null, null, null, null, null, null, null, mobiles));
        Assert.True(r.Succeeded, r.Error is null ? null : string.Join("; ", r.Error.Fields.Select(f => f.Message.En).Prepend(r.Error.Message.En)));
        return r.Value!;
    }

    public async ValueTask DisposeAsync()
    {
        await Hooks.DisposeAsync();
        await Smtp.DisposeAsync();
        await S.DisposeAsync();
        await Db.DisposeAsync();
    }
}
