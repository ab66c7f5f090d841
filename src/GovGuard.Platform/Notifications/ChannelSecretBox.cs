using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace GovGuard.Platform.Notifications;

/// <summary>Keeps channel secrets encrypted at rest with ASP.NET Data Protection (keys in the data folder).</summary>
public sealed class ChannelSecretBox(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("GovGuard.Notifications.ChannelSecrets.v1");

    public string Protect(ChannelSecrets secrets) => _protector.Protect(JsonSerializer.Serialize(secrets));

    public ChannelSecrets Unprotect(string protectedSecrets) =>
        JsonSerializer.Deserialize<ChannelSecrets>(_protector.Unprotect(protectedSecrets)) ?? new ChannelSecrets();
}
