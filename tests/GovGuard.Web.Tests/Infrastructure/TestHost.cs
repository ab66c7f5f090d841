using System.Net.Http.Headers;
using System.Net.Http.Json;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Common;
using GovGuard.Platform.Organisations;
using GovGuard.Tests.Shared;
using GovGuard.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Infrastructure;

/// <summary>A real GovGuard server (Kestrel on 127.0.0.1, a free port) over a fresh test database.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly List<HttpClient> _clients = [];
    private bool _disposed;
    private bool _keepDatabase;

    private TestHost(TestDatabase db, WebApplication app, Uri address, string? adminPassword)
    {
        Db = db;
        App = app;
        Address = address;
        AdminOneTimePassword = adminPassword;
    }

    public TestDatabase Db { get; }

    public WebApplication App { get; }

    public Uri Address { get; }

    /// <summary>The first administrator's one-time password, as `serve` prints it.</summary>
    public string? AdminOneTimePassword { get; }

    public static async Task<TestHost> StartAsync(string database = "sqlite", bool requireAdminTwoFactor = false, TestDatabase? reuse = null, IReadOnlyDictionary<string, string?>? settings = null, string urls = "http://127.0.0.1:0", Platform.Monitoring.MonitoringOptions? monitoring = null, TimeProvider? time = null)
    {
        var db = reuse ?? await TestDatabase.CreateAsync(database, migrate: false);
        var options = new GovGuardWebOptions
        {
            Urls = urls,
            Database = db.Options,
            RequireAdminTwoFactor = requireAdminTwoFactor,
            Monitoring = monitoring ?? new(),
            Time = time,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            options.Settings[key] = value;
        }

        var app = GovGuardWebHost.Build(options);
        var password = await GovGuardWebHost.PrepareAsync(app, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(db, app, new Uri(address), password);
    }

    /// <summary>An HTTP client for the API: a bearer token, and the language it asks for.</summary>
    public HttpClient Client(string? token = null, string language = "zh-CN")
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>Runs <paramref name="work"/> with a scope of the server's own services.</summary>
    public async Task<T> In<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task<OrganisationView> Organisation(string name, OrganisationKind kind)
    {
        var r = await In(sp => sp.GetRequiredService<OrganisationService>().CreateAsync(Caller.System,
            new OrganisationInput(name, WireCodes<OrganisationKind>.Code(kind), null, null, null, null), CancellationToken.None));
        Assert.True(r.Succeeded, r.Error?.Message.En);
        return r.Value!;
    }

    /// <summary>A user with a known password and a personal access token.</summary>
    /// <remarks>
    /// With <paramref name="withPassword"/> false the user is stored without a password (and without an audit
    /// record): hashing costs tens of milliseconds, and tests that only call the API with tokens need none.
    /// </remarks>
    public async Task<TestUser> User(string userName, Guid organisationId, OrgRole role = OrgRole.Member, bool platformAdmin = false, bool withPassword = true)
    {
        var password = "Passw0rd-" + userName;
        Guid id;
        if (withPassword)
        {
            var created = await In(sp => sp.GetRequiredService<UserService>().CreateAsync(Caller.System,
                new UserInput(userName, userName, null, null, organisationId, WireCodes<OrgRole>.Code(role), password, platformAdmin), CancellationToken.None));
            Assert.True(created.Succeeded, created.Error is null ? null : string.Join("; ", created.Error.Fields.Select(f => f.Message.En)));
            id = created.Value!.User.Id;
        }
        else
        {
            var user = new User { Id = Guid.NewGuid(), UserName = userName, DisplayName = userName, OrganisationId = organisationId, Role = role, IsPlatformAdmin = platformAdmin, LockoutEnabled = true };
            var r = await In(sp => sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<User>>().CreateAsync(user));
            Assert.True(r.Succeeded);
            id = user.Id;
        }

        var caller = (await In(sp => sp.GetRequiredService<CallerResolver>().ResolveAsync(id, null, false, null, CancellationToken.None)))!;
        var token = await In(sp => sp.GetRequiredService<TokenService>().CreateAsync(caller, "tests", 30, false, CancellationToken.None));
        return new TestUser(caller, userName, password, token.Value!.Secret!, token.Value.Id);
    }

    /// <summary>Stops the server as an outage would, keeping its database for a restart (<c>StartAsync(reuse: …)</c>), which then owns it.</summary>
    public async Task<TestDatabase> StopKeepingDatabaseAsync()
    {
        _keepDatabase = true;
        await DisposeAsync();
        return Db;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var c in _clients)
        {
            c.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        if (!_keepDatabase)
        {
            await Db.DisposeAsync();
        }
    }
}

/// <summary>A seeded user: who they are, how they sign in, and their API token.</summary>
public sealed record TestUser(Caller Caller, string UserName, string Password, string Token, Guid TokenId)
{
    public Guid Id => Caller.UserId;
}

/// <summary>JSON helpers for API calls.</summary>
public static class Http
{
    public static Task<HttpResponseMessage> PostJson<T>(this HttpClient c, string url, T body) => c.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PutJson<T>(this HttpClient c, string url, T body) => c.PutAsJsonAsync(url, body);

    public static async Task<System.Text.Json.JsonElement> Json(this HttpResponseMessage r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return System.Text.Json.JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
    }
}
