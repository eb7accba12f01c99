using System.Security.Cryptography;
using System.Text;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Hosting.Security;

/// <summary>
/// Secrets that come from configuration, or are generated at first start, printed once, and kept
/// only as a SHA-256 hash in the database.
/// </summary>
public sealed class FirstStartSecrets(IDbContextFactory<TradingDbContext> dbFactory, IConfiguration configuration, ILogger<FirstStartSecrets> log)
{
    public const string ApiKeyName = "api-key";
    public const string AdminPasswordName = "admin-password";

    private string? _apiKeyHash;
    private string? _adminPasswordHash;

    /// <summary>The one login of the UI: <c>BlazorTrader:AdminUser</c>, "admin" unless configured.</summary>
    public string AdminUser => configuration["BlazorTrader:AdminUser"] is { Length: > 0 } user ? user : "admin";

    public bool ApiKeyMatches(string? presented) => Matches(presented, _apiKeyHash);

    /// <summary>Constant-time check of a login; the user name is compared case-insensitively.</summary>
    public bool AdminMatches(string? user, string? password) =>
        Matches(password, _adminPasswordHash) & string.Equals(user?.Trim(), AdminUser, StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync(CancellationToken ct)
    {
        _apiKeyHash = await ResolveAsync(ApiKeyName, "BlazorTrader:ApiKey", "REST API key (header X-Api-Key)", ct);
        _adminPasswordHash = await ResolveAsync(AdminPasswordName, "BlazorTrader:AdminPassword", $"Admin password (user '{AdminUser}')", ct);
    }

    private static bool Matches(string? presented, string? expectedHash)
    {
        if (string.IsNullOrEmpty(presented) || expectedHash is null) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(expectedHash));
    }

    /// <summary>The configured value's hash, else the stored hash, else a new secret printed once.</summary>
    internal async Task<string> ResolveAsync(string name, string configKey, string description, CancellationToken ct)
    {
        if (configuration[configKey] is { Length: > 0 } configured) return Hash(configured);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Secrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, ct) is { } stored) return stored.Hash;

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        db.Secrets.Add(new AppSecret { Name = name, Hash = Hash(secret), CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(ct);
        // Printed to the console once: it is never stored in clear and cannot be shown again.
        Console.WriteLine($"""

            ==== BlazorTrader first start ====
            {description}: {secret}
            Keep it now; it is stored only as a hash. Set {configKey} to choose your own.
            ==================================

            """);
        SecretGenerated(log, description, configKey);
        return Hash(secret);
    }

    internal static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static void SecretGenerated(ILogger logger, string description, string configKey) =>
        logger.LogWarning("Generated a new {Description}; it was printed to the console once. Set {ConfigKey} to choose your own.", description, configKey);
}

/// <summary>Resolves the secrets after the database exists and before requests are served.</summary>
internal sealed class FirstStartSecretsInitializer(FirstStartSecrets secrets) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => secrets.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
