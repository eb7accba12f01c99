using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BlazorTrader.Tests.Web.Hostile;

/// <summary>
/// The property: whatever body arrives, a webhook never answers 5xx, and a body that is not answered 200 leaves
/// no signal, position or trade behind. 10,000 generated bodies per run (BT_FUZZ_COUNT / BT_FUZZ_SEED override).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "webhook fuzz (alone: it keeps the engine busy)";
}

[Collection(FuzzCollection.Name)]
public sealed class WebhookFuzzTests(AppFactory app, ITestOutputHelper output) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task NoBody_GetsA5xx_AndRejectedBodiesWriteNothing()
    {
        // Arrange
        var seed = int.TryParse(Environment.GetEnvironmentVariable("BT_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : 20261201;
        var count = int.TryParse(Environment.GetEnvironmentVariable("BT_FUZZ_COUNT"), CultureInfo.InvariantCulture, out var c) ? c : 10_000;
        var (_, path) = await app.CreateRecorderAsync(new
        {
            name = "fuzz", initialPositionSize = 1, addPositionSize = 1, tpUnits = "Ticks",
            tpTargets = new[] { new { value = 10, trim = 100 } }, slEnabled = true, slAmount = 8, slUnits = "Ticks", capital = 100_000,
        });
        var fuzzer = new WebhookBodyFuzzer(seed);
        var bodies = Enumerable.Range(0, count).Select(_ => fuzzer.Next()).ToArray();
        using var client = app.CreateClient();
        var failures = new ConcurrentBag<string>();
        var answered200 = new ConcurrentDictionary<string, byte>();
        var acceptedSignalIds = new ConcurrentDictionary<long, byte>();
        var statuses = new ConcurrentDictionary<int, int>();
        const string warmUp = """{"action":"close","ticker":"MNQ1!","price":21500,"id":"fuzz-warm-up"}""";
        var (warm, _) = await client.PostWebhookAsync(path, warmUp);   // the engine warmed up first; its answer was a 200 too
        Assert.Equal(HttpStatusCode.OK, warm);
        answered200[warmUp] = 0;
        var clock = Stopwatch.StartNew();

        // Act
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, ct) =>
        {
            using var content = new ByteArrayContent(bodies[i]);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
            using var response = await client.PostAsync(path, content, ct);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status >= 500)
                failures.Add($"#{i} -> {status}: {Describe(bodies[i])} :: {await response.Content.ReadAsStringAsync(ct)}");
            if (status != 200) return;
            answered200[Encoding.UTF8.GetString(bodies[i])] = 0;
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            if (json.TryGetProperty("signalId", out var id) && id.ValueKind == JsonValueKind.Number) acceptedSignalIds[id.GetInt64()] = 0;
        });
        output.WriteLine($"seed {seed}: {count} bodies in {clock.Elapsed.TotalSeconds:0.0} s; statuses "
            + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}x{p.Value}")));

        // Assert
        Assert.True(failures.IsEmpty, $"seed {seed}: {failures.Count} bodies got a 5xx, e.g.\n" + string.Join("\n", failures.Take(15)));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>().CreateDbContextAsync();
        var signals = await db.Signals.AsNoTracking().Select(x => new { x.Id, x.RawPayload }).ToListAsync();
        Assert.All(signals, x => Assert.True(answered200.ContainsKey(x.RawPayload), $"signal {x.Id} was kept for a refused body: {x.RawPayload}"));
        var trades = await db.Trades.AsNoTracking().Select(t => new { t.Id, t.SignalId, t.PositionId }).ToListAsync();
        Assert.All(trades, t => Assert.True(t.SignalId is { } sid && acceptedSignalIds.ContainsKey(sid), $"trade {t.Id} has no accepted signal ({t.SignalId})"));
        var positionsWithTrades = trades.Select(t => t.PositionId).ToHashSet();
        var positions = await db.Positions.AsNoTracking().Select(p => p.Id).ToListAsync();
        Assert.All(positions, p => Assert.Contains(p, positionsWithTrades));
        Assert.True(signals.Count > 0, "no generated body was accepted: the generator lost its valid alerts");
    }

    private static string Describe(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Length > 300 ? text[..300] + "..." : text;
    }
}
