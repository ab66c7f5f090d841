using GovGuard.Tests.Shared;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Websites;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Infrastructure;

/// <summary>The platform's real service container over a test database, with helpers to seed organisations and users.</summary>
public sealed class Services : IAsyncDisposable
{
    private readonly ServiceProvider _root;

    public Services(TestDatabase db, TimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddGovGuardPlatform(db.Options);
        configure?.Invoke(services);
        _root = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>The root container, for singletons (background workers).</summary>
    public IServiceProvider Root => _root;

    /// <summary>Runs <paramref name="work"/> in its own scope (one request's worth of services).</summary>
    public async Task<T> In<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = _root.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task<OrganisationView> Organisation(string name, OrganisationKind kind) =>
        await In(async sp => (await sp.GetRequiredService<OrganisationService>().CreateAsync(Caller.System,
            new OrganisationInput(name, WireCodesOf(kind), null, null, null, null), CancellationToken.None)).Value!);

    /// <summary>Creates a user and returns them as a <see cref="Caller"/>.</summary>
    public async Task<Caller> User(string userName, Guid organisationId, OrgRole role = OrgRole.Member)
    {
        var created = await In(async sp => await sp.GetRequiredService<UserService>().CreateAsync(Caller.System,
            new UserInput(userName, userName, null, null, organisationId, Common.WireCodes<OrgRole>.Code(role), "Passw0rd-" + userName), CancellationToken.None));
        Assert.True(created.Succeeded, created.Error?.Message.En);
        return (await In(sp => sp.GetRequiredService<CallerResolver>().ResolveAsync(created.Value!.User.Id, null, false, "127.0.0.1", CancellationToken.None)))!;
    }

    public static WebsiteInput Website(string name, Guid? customerId = null, int level = 2, string deployment = "gov_cloud") =>
        new(name, [$"{Guid.NewGuid():N}"[..12] + ".example.gov.cn"], null, null, null, level, "iaas", deployment, customerId);

    private static string WireCodesOf(OrganisationKind kind) => Common.WireCodes<OrganisationKind>.Code(kind);

    public ValueTask DisposeAsync() => _root.DisposeAsync();
}
