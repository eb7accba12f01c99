using BlazorTrader.Engine.Accounts;
using System.Globalization;
using System.Text.Json;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Hosting.Security;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Endpoints;

/// <summary>/api/accounts: CRUD through engine commands; a real account's settings are write-only (encrypted, never echoed).</summary>
public static class AccountEndpoints
{
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/accounts").RequireApiKey();
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapGet("/{id:long}", GetAsync);
        api.MapPut("/{id:long}", UpdateAsync);
        api.MapDelete("/{id:long}", DeleteAsync);
        api.MapGet("/{id:long}/positions", PositionsAsync);
        api.MapGet("/{id:long}/orders", OrdersAsync);
        api.MapPost("/{id:long}/test", TestAsync);
        api.MapPost("/{id:long}/sync", SyncAsync);
        return app;
    }

    /// <summary>"Sync account to recorder": the account is moved to its recorders' positions, entries included.</summary>
    private static async Task<IResult> SyncAsync(long id, ITradingEngine engine, TradingDbContext db, CancellationToken ct)
    {
        if (!await db.Accounts.AnyAsync(a => a.Id == id, ct)) return NotFound(id);
        var outcome = await engine.SendAsync(new SyncAccountToRecorders(id), EngineTimeout, ct);
        return Results.Ok(new { intentIds = outcome.IntentIds, reported = outcome.Reported });
    }

    public sealed record AccountBody(string? Name, string? Broker, bool? Enabled, Dictionary<string, JsonElement>? Settings, RiskLimitSettings? Limits);

    public sealed record Account(long Id, string Name, string Broker, bool Enabled, IReadOnlyDictionary<string, string>? Settings, bool HasSettings,
        RiskLimitSettings Limits, string Connection, DateTime CreatedAt, DateTime UpdatedAt);

    /// <summary>As the broker reports it: quantity signed, short is negative.</summary>
    public sealed record AccountPosition(string Symbol, decimal Quantity, decimal AvgPrice);

    private static async Task<IResult> ListAsync(int? page, int? pageSize, TradingDbContext db, AccountQueries queries, CancellationToken ct)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var error)) return error!;
        var total = await db.Accounts.CountAsync(ct);
        var items = await db.Accounts.AsNoTracking().OrderBy(a => a.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return Results.Ok(new ApiContracts.Paged<Account>(items.Select(a => ToAccount(a, queries)).ToList(), total, paging.Page, paging.PageSize));
    }

    private static async Task<IResult> GetAsync(long id, TradingDbContext db, AccountQueries queries, CancellationToken ct) =>
        await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } a ? Results.Ok(ToAccount(a, queries)) : NotFound(id);

    private static async Task<IResult> CreateAsync(AccountBody? body, ITradingEngine engine, TradingDbContext db, AccountQueries queries, CancellationToken ct)
    {
        if (Validate(body, creating: true) is { } invalid) return invalid;
        var draft = ToDraft(body!);
        if (await db.Accounts.AnyAsync(a => a.Name == draft.Name, ct)) return Conflict(draft.Name);
        var id = await engine.SendAsync(new CreateAccount(draft), EngineTimeout, ct);
        var created = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == id, ct);
        return Results.Created($"/api/accounts/{id}", ToAccount(created, queries));
    }

    private static async Task<IResult> UpdateAsync(long id, AccountBody? body, ITradingEngine engine, TradingDbContext db, AccountQueries queries, CancellationToken ct)
    {
        if (Validate(body, creating: false) is { } invalid) return invalid;
        var current = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (current is null) return NotFound(id);
        var draft = ToDraft(body!, current);
        if (await db.Accounts.AnyAsync(a => a.Name == draft.Name && a.Id != id, ct)) return Conflict(draft.Name);
        if (!await engine.SendAsync(new UpdateAccount(id, draft), EngineTimeout, ct)) return NotFound(id);
        return Results.Ok(ToAccount(await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == id, ct), queries));
    }

    private static async Task<IResult> DeleteAsync(long id, ITradingEngine engine, CancellationToken ct) =>
        await engine.SendAsync(new DeleteAccount(id), EngineTimeout, ct) switch
        {
            null => Results.NoContent(),
            { NotFound: true } => NotFound(id),
            var refusal => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Account in use", detail: refusal.Reason),
        };

    private static async Task<IResult> PositionsAsync(long id, TradingDbContext db, AccountQueries queries, CancellationToken ct)
    {
        if (!await db.Accounts.AnyAsync(a => a.Id == id, ct)) return NotFound(id);
        var positions = await queries.PositionsAsync(id, ct);
        return positions is null
            ? Results.Problem(statusCode: 409, title: "Account not connected", detail: $"Account {id} is disabled or its broker is not connected; enable it to see its positions.")
            : Results.Ok(new ApiContracts.Paged<AccountPosition>([.. positions.Select(p => new AccountPosition(p.Symbol, p.Quantity, p.AvgPrice))],
                positions.Count, 1, Math.Max(positions.Count, 1)));
    }

    private static async Task<IResult> OrdersAsync(long id, string? status, int? page, int? pageSize, TradingDbContext db, CancellationToken ct)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var error)) return error!;
        if (!await db.Accounts.AnyAsync(a => a.Id == id, ct)) return NotFound(id);
        var query = db.OrderIntents.AsNoTracking().Where(i => i.AccountId == id);
        if (status is not null)
        {
            if (!Enum.TryParse<OrderIntentStatus>(status, ignoreCase: true, out var s))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"status must be one of {string.Join(", ", Enum.GetNames<OrderIntentStatus>())}"] });
            query = query.Where(i => i.Status == s);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(i => i.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return Results.Ok(new ApiContracts.Paged<OrderEndpoints.OrderIntent>(items.Select(OrderEndpoints.ToIntent).ToList(), total, paging.Page, paging.PageSize));
    }

    private static async Task<IResult> TestAsync(long id, TradingDbContext db, AccountQueries queries, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return NotFound(id);
        try
        {
            var summary = await queries.SummaryAsync(id, ct);
            // IB: server version and managed accounts of the live session; nothing for the paper broker.
            var test = await queries.TestConnectionAsync(id, ct);
            return Results.Ok(new
            {
                id, broker = account.Broker.ToString(), ok = true, connection = Connection(queries, id), detail = test?.Detail ?? queries.ConnectionDetail(id),
                serverVersion = test?.ServerVersion, managedAccounts = test?.ManagedAccounts, summary,
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A broker that cannot be reached is the answer to the test, not a server error.
            return Results.Ok(new
            {
                id, broker = account.Broker.ToString(), ok = false, connection = Connection(queries, id),
                detail = $"The broker could not be reached: {ex.Message}", serverVersion = (int?)null, managedAccounts = (string[]?)null, summary = (object?)null,
            });
        }
    }

    private static IResult? Validate(AccountBody? body, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if (body is null) errors["body"] = ["The body must be an account JSON object (see docs/api.md)."];
        else if (body.Settings?.Values.Any(v => v.ValueKind is JsonValueKind.Object or JsonValueKind.Array) == true) errors["settings"] = ["settings values must be strings, numbers or booleans"];
        else errors = Services.AccountValidator.Validate(body.Name, body.Broker, body.Settings is null ? null : Flatten(body.Settings), body.Limits, creating);   // shared with the Accounts page
        return errors.Count == 0 ? null : Results.ValidationProblem(errors, detail: string.Join("; ", errors.Values.SelectMany(v => v)), title: "Invalid account");
    }

    private static BrokerKind? Kind(AccountBody body) => Enum.TryParse<BrokerKind>(body.Broker, ignoreCase: true, out var k) ? k : null;

    private static AccountDraft ToDraft(AccountBody body, AccountEntity? current = null) => new(
        (body.Name ?? current?.Name ?? "").Trim(), Kind(body) ?? current?.Broker ?? BrokerKind.Paper, body.Enabled ?? current?.Enabled ?? true,
        body.Settings is null ? null : Flatten(body.Settings), body.Limits);

    private static Dictionary<string, string> Flatten(Dictionary<string, JsonElement>? settings) =>
        settings?.ToDictionary(kv => kv.Key, kv => kv.Value.ValueKind == JsonValueKind.String ? kv.Value.GetString()! : kv.Value.GetRawText()) ?? [];

    private static Account ToAccount(AccountEntity a, AccountQueries queries)
    {
        // Paper settings hold nothing secret; a real account's settings are never sent back.
        var settings = a.SettingsProtected ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(a.Settings);
        return new Account(a.Id, a.Name, a.Broker.ToString(), a.Enabled, settings, a.SettingsProtected || settings is { Count: > 0 }, a.Limits,
            Connection(queries, a.Id), a.CreatedAt, a.UpdatedAt);
    }

    private static string Connection(AccountQueries queries, long id) => queries.ConnectionState(id).ToString().ToLower(CultureInfo.InvariantCulture);

    private static IResult NotFound(long id) => Results.Problem(statusCode: 404, title: "Account not found", detail: $"There is no account {id}.");

    private static IResult Conflict(string name) => Results.Problem(statusCode: 409, title: "Name taken", detail: $"An account named '{name}' already exists; choose another name.");
}
