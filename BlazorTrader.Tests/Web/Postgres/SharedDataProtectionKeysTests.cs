using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Persistence.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BlazorTrader.Tests.Web.Postgres;

/// <summary>With Database:Provider=Postgres the Data Protection keys live in the database: whichever instance leads can decrypt account settings.</summary>
public sealed class SharedDataProtectionKeysTests
{
    [SkippableFact]
    public async Task AccountSettingsEncryptedByOneInstance_AreDecryptedByAnother_AndTheKeysAreEncryptedWithTheCertificate()
    {
        Skip.If(PostgresCluster.Admin is null, PostgresCluster.SkipReason);

        // Arrange: two instances with their own data directories on one database, both given the same certificate
        await using var cluster = await PostgresCluster.CreateAsync();
        var certificate = Path.Combine(Directory.CreateTempSubdirectory("bt-cert-").FullName, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=BlazorTrader keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificate, made.Export(X509ContentType.Pfx, "pfx-password"));
        }
        var keys = new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = certificate, ["DataProtection:CertificatePassword"] = "pfx-password" };
        ClusterInstance? a = null, b = null;
        a = cluster.Instance("a", () => b!, keys);
        await a.LeadsAsync();

        // Act: a stores an Interactive Brokers account (settings encrypted); b, started afterwards, reads it
        using var client = a.ApiClient();
        var created = await client.PostAsync("/api/accounts", JsonContent.Create(new
        {
            name = "IB", broker = "InteractiveBrokers", enabled = false, settings = new { host = "10.0.0.5", password = "hunter2" },
        }));
        created.EnsureSuccessStatusCode();
        b = cluster.Instance("b", () => a, keys);
        await b.FollowsAsync();
        var stored = await cluster.DbAsync(db => db.Accounts.AsNoTracking().SingleAsync(x => x.Name == "IB"));
        var readByB = b.Services.GetRequiredService<AccountSettingsProtector>().Read(stored);
        var roundTrip = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test")
            .Unprotect(b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("from b"));
        var keyXml = await KeyXmlAsync(cluster.ConnectionString);

        // Assert
        Assert.True(stored.SettingsProtected);
        Assert.DoesNotContain("hunter2", stored.Settings);
        Assert.Equal("hunter2", readByB["password"]);
        Assert.Equal("10.0.0.5", readByB["host"]);
        Assert.Equal("from b", roundTrip);
        Assert.Single(keyXml);
        Assert.Contains("EncryptedData", keyXml[0]);
        Assert.DoesNotContain("<masterKey", keyXml[0]);
        Assert.False(Directory.Exists(Path.Combine(a.DataDirectory, "keys")));
    }

    private static async Task<List<string>> KeyXmlAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT \"Xml\" FROM \"{DataProtectionKeysContext.Table}\"", connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
