using System.Security.Cryptography;
using CommandCenter.Grains.Accounts;
using Microsoft.Extensions.Options;

namespace CommandCenter.Auth;

/// <summary>The first start creates the admin account: the configured password, or a generated one handed over once (<see cref="GeneratedPassword"/>).</summary>
public sealed class BootstrapAdmin(IGrainFactory grains, IOptions<AuthOptions> options, IOptions<Storage.StorageOptions> storage, ILogger<BootstrapAdmin> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = grains.GetGrain<IAccountDirectoryGrain>("accounts");
        if (await directory.Find("admin") is not null) return;
        var configured = options.Value.BootstrapAdminPassword;
        var password = string.IsNullOrWhiteSpace(configured) ? GeneratePassword() : configured;
        var added = await directory.AddMissing([new Account("admin", TokenIssuer.Hash(password), Roles.Admin, null, null)]);
        if (added == 1 && string.IsNullOrWhiteSpace(configured))
            GeneratedPassword.Hand(password, "The password of account 'admin' (set Auth:BootstrapAdminPassword to choose one)", "admin-password.txt", storage.Value, log);
        else if (added == 1)
            log.LogInformation("Created account 'admin' with the password from Auth:BootstrapAdminPassword.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(16, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
