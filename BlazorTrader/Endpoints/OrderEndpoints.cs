using System.Text.Json;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Hosting.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Endpoints;

/// <summary>Manual trading (docs/api.md): orders, close one position, flatten, kill switch, recorder limits. Each is one engine command.</summary>
public static class OrderEndpoints
{
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireApiKey();
        api.MapPost("/orders", PlaceAsync);
        api.MapPost("/positions/{id:long}/close", CloseAsync);
        api.MapPost("/positions/{id:long}/roll", RollAsync);
        api.MapPost("/accounts/{id:long}/positions/{symbol}/close", CloseAccountPositionAsync);
        api.MapPost("/orders/{id:long}/cancel", CancelAsync);
        api.MapPost("/flatten", FlattenAsync);
        api.MapGet("/kill-switch", (IKillSwitchStatus killSwitch) => Results.Ok(killSwitch.State));
        api.MapPost("/kill-switch", SetKillSwitchAsync);
        api.MapGet("/recorders/{id:long}/limits", GetLimitsAsync);
        api.MapPut("/recorders/{id:long}/limits", SetLimitsAsync);
        return app;
    }

    public sealed record OrderBody(JsonElement? Account, string? Ticker, string? Side, decimal? Quantity, string? Type, decimal? LimitPrice,
        decimal? StopPrice, decimal? Price, decimal? TakeProfitPrice, decimal? StopLossPrice, string? RequestId, IReadOnlyList<LegBody>? Legs = null);

    /// <summary>One leg of a combo order: the order's quantity times <c>ratio</c> trades <c>side</c> on <c>ticker</c>.</summary>
    public sealed record LegBody(string? Ticker, string? Side, int? Ratio);

    public sealed record OrderReply(string Status, long? IntentId);

    public sealed record OrderIntent(long Id, string IdempotencyKey, long AccountId, long? RecorderId, string Source, string Ticker, string Side,
        decimal Quantity, string Type, decimal? LimitPrice, decimal? StopPrice, string Status, string? BrokerOrderId, decimal FilledQuantity,
        decimal? AvgFillPrice, decimal RealizedPnl, string? Reason, DateTime CreatedAt, DateTime? SubmittedAt, DateTime? CompletedAt, DateTime UpdatedAt);

    public sealed record RequestBody(string? RequestId, string? Reason);

    public sealed record KillSwitchBody(bool? On, string? Reason, bool? Flatten = null, string? RequestId = null);

    public sealed record RecorderLimits(decimal? MaxDailyLoss, decimal? MaxPositionSize);

    internal static OrderIntent ToIntent(OrderIntentEntity i) => new(i.Id, i.IdempotencyKey, i.AccountId, i.RecorderId, i.Source, i.Ticker,
        i.Action.ToString().ToLowerInvariant(), i.Quantity, i.Type.ToString().ToLowerInvariant(), i.LimitPrice, i.StopPrice,
        JsonNamingPolicy.CamelCase.ConvertName(i.Status.ToString()), i.BrokerOrderId, i.FilledQuantity, i.AvgFillPrice, i.RealizedPnl, i.Reason,
        i.CreatedAt, i.SubmittedAt, i.CompletedAt, i.UpdatedAt);

    private static async Task<IResult> PlaceAsync(OrderBody? body, ITradingEngine engine, TradingDbContext db, [FromServices] InstrumentCatalog instruments, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body is null) return Invalid(new() { ["body"] = ["The body must be an order JSON object (see docs/api.md)."] });
        // A lone surrogate cannot be read as text (nor sent to the database): a 400 naming the field, never a 500.
        if (body.Account is { } raw && BlazorTrader.Engine.Signals.JsonTextCheck.FirstInvalidText(raw) is not null)
            return Invalid(new() { ["account"] = ["account contains invalid text (a lone UTF-16 surrogate)"] });
        var accountId = await ResolveAccountAsync(body.Account, db, ct);
        if (accountId is null) errors["account"] = ["account must be an existing account id or name"];
        ParsedTicker? ticker = null;
        if (!instruments.TryParse(body.Ticker, out var parsed, out var tickerError)) errors["ticker"] = [tickerError];
        else ticker = parsed;
        var action = ParseSide(body.Side);
        if (action is null) errors["side"] = ["side must be buy or sell"];
        if (body.Quantity is not { } qty || qty <= 0 || qty != decimal.Truncate(qty)) errors["quantity"] = ["quantity must be a positive whole number of contracts"];
        var type = OrderType.Market;
        if (body.Type is not null && !Enum.TryParse(body.Type, ignoreCase: true, out type)) errors["type"] = ["type must be market, limit or stop"];
        if (type == OrderType.Limit && body.LimitPrice is not > 0) errors["limitPrice"] = ["a limit order needs a positive limitPrice"];
        if (type == OrderType.Stop && body.StopPrice is not > 0) errors["stopPrice"] = ["a stop order needs a positive stopPrice"];
        if (string.IsNullOrWhiteSpace(body.RequestId) || body.RequestId.Length > 200) errors["requestId"] = ["requestId is required (at most 200 characters): create it when the order form is shown, and resend the same one on retry"];
        var legs = new List<ComboLeg>();
        foreach (var leg in body.Legs ?? [])
        {
            var legAction = ParseSide(leg.Side);
            if (!instruments.TryParse(leg.Ticker, out var legTicker, out _) || legAction is null || leg.Ratio is not > 0)
                errors["legs"] = ["each leg needs a known ticker, side buy or sell, and a positive whole ratio"];
            else legs.Add(new ComboLeg(legTicker.Symbol, legAction.Value, leg.Ratio.Value));
        }
        if (legs.Count > 0 && type != OrderType.Market) errors["type"] = ["combo orders are market orders"];
        if (errors.Count > 0) return Invalid(errors);

        var bracket = body.TakeProfitPrice is null && body.StopLossPrice is null ? null : new Bracket(body.TakeProfitPrice, body.StopLossPrice);
        var ticket = new OrderTicket(accountId!.Value, ticker!.Symbol, action!.Value, body.Quantity!.Value, type, body.RequestId!, "manual",
            body.LimitPrice, body.StopPrice, body.Price ?? body.LimitPrice, bracket, legs.Count > 0 ? legs : null);
        var outcome = await engine.SendAsync(new PlaceOrder(ticket), EngineTimeout, ct);
        return outcome.Status switch
        {
            PlaceOrderStatus.Accepted => Results.Ok(new OrderReply("accepted", outcome.IntentId)),
            PlaceOrderStatus.Duplicate => Results.Ok(new OrderReply("duplicate", outcome.IntentId)),
            PlaceOrderStatus.Denied => Results.Problem(statusCode: 422, title: "Order blocked", detail: outcome.Reason),
            _ => Results.Problem(statusCode: 400, title: "Invalid order", detail: outcome.Reason),
        };
    }

    private static async Task<IResult> CloseAsync(long id, RequestBody? body, ITradingEngine engine, CancellationToken ct)
    {
        var requestId = body?.RequestId is { Length: > 0 and <= 200 } r ? r : Guid.NewGuid().ToString("N");
        var outcome = await engine.SendAsync(new ClosePosition(id, requestId), EngineTimeout, ct);
        return outcome.Status switch
        {
            ClosePositionStatus.NotFound => Results.Problem(statusCode: 404, title: "Position not found", detail: outcome.Reason),
            ClosePositionStatus.AlreadyClosed => Results.Problem(statusCode: 409, title: "Position not open", detail: outcome.Reason),
            _ => Results.Ok(new { status = outcome.Status == ClosePositionStatus.Duplicate ? "duplicate" : "accepted", intentIds = outcome.IntentIds ?? [] }),
        };
    }

    /// <summary>Rolls a due futures position to the next month; idempotent per position and month pair (no request id needed).</summary>
    private static async Task<IResult> RollAsync(long id, ITradingEngine engine, CancellationToken ct)
    {
        var outcome = await engine.SendAsync(new RollPosition(id), EngineTimeout, ct);
        return outcome.Status switch
        {
            RollPositionStatus.NotFound => Results.Problem(statusCode: 404, title: "Position not found", detail: outcome.Reason),
            RollPositionStatus.NotOpen => Results.Problem(statusCode: 409, title: "Position not open", detail: outcome.Reason),
            RollPositionStatus.NotDue => Results.Problem(statusCode: 409, title: "Not due to roll", detail: outcome.Reason),
            RollPositionStatus.Blocked => Results.Problem(statusCode: 422, title: "Roll blocked", detail: outcome.Reason),
            _ => Results.Ok(new
            {
                status = outcome.Status == RollPositionStatus.Duplicate ? "duplicate" : "rolled", from = outcome.From, to = outcome.To,
                positionId = outcome.OpenedPositionId, intentIds = outcome.IntentIds ?? [],
            }),
        };
    }

    private static async Task<IResult> CloseAccountPositionAsync(long id, string symbol, RequestBody? body, ITradingEngine engine,
        [FromServices] InstrumentCatalog instruments, CancellationToken ct)
    {
        if (!instruments.TryParse(symbol, out var ticker, out var error)) return Invalid(new() { ["symbol"] = [error] });
        var requestId = body?.RequestId is { Length: > 0 and <= 200 } r ? r : Guid.NewGuid().ToString("N");
        var outcome = await engine.SendAsync(new CloseAccountPosition(id, ticker.Symbol, requestId), EngineTimeout, ct);
        return outcome.Status switch
        {
            ClosePositionStatus.NotFound => Results.Problem(statusCode: 404, title: "Account not found", detail: outcome.Reason),
            ClosePositionStatus.AlreadyClosed => Results.Problem(statusCode: 409, title: "Nothing to close", detail: outcome.Reason),
            _ => Results.Ok(new { status = outcome.Status == ClosePositionStatus.Duplicate ? "duplicate" : "accepted", intentIds = outcome.IntentIds ?? [] }),
        };
    }

    private static async Task<IResult> CancelAsync(long id, ITradingEngine engine, CancellationToken ct)
    {
        var outcome = await engine.SendAsync(new CancelOrder(id), EngineTimeout, ct);
        return outcome.Status switch
        {
            CancelOrderStatus.NotFound => Results.Problem(statusCode: 404, title: "Order not found", detail: outcome.Reason),
            CancelOrderStatus.NotOpen => Results.Problem(statusCode: 409, title: "Order not working", detail: outcome.Reason),
            _ => Results.Ok(new { status = "sent" }),
        };
    }

    private static async Task<IResult> FlattenAsync(RequestBody? body, ITradingEngine engine, CancellationToken ct)
    {
        var requestId = body?.RequestId is { Length: > 0 and <= 200 } r ? r : Guid.NewGuid().ToString("N");
        var outcome = await engine.SendAsync(new FlattenAll(requestId, body?.Reason ?? "flatten all"), EngineTimeout, ct);
        return Results.Ok(new
        {
            status = outcome.Duplicate ? "duplicate" : "accepted", ordersCancelled = outcome.OrdersCancelled,
            recorderPositionsClosed = outcome.RecorderPositionsClosed, intentIds = outcome.IntentIds,
        });
    }

    private static async Task<IResult> SetKillSwitchAsync(KillSwitchBody? body, ITradingEngine engine, CancellationToken ct)
    {
        if (body?.On is not { } on) return Invalid(new() { ["on"] = ["on (true or false) is required"] });
        // "flatten": true also closes everything (the trades' exit reason "kill switch"); the request id makes a retry harmless.
        var flattenKey = on && body.Flatten == true ? body.RequestId is { Length: > 0 and <= 200 } r ? r : Guid.NewGuid().ToString("N") : null;
        return Results.Ok(await engine.SendAsync(new SetKillSwitch(on, body.Reason, flattenKey), EngineTimeout, ct));
    }

    private static async Task<IResult> GetLimitsAsync(long id, TradingDbContext db, CancellationToken ct)
    {
        if (!await db.Recorders.AnyAsync(r => r.Id == id, ct)) return RecorderNotFound(id);
        var limits = await db.RecorderLimits.AsNoTracking().FirstOrDefaultAsync(l => l.RecorderId == id, ct);
        return Results.Ok(new RecorderLimits(limits?.MaxDailyLoss, limits?.MaxPositionSize));
    }

    private static async Task<IResult> SetLimitsAsync(long id, RecorderLimits? body, ITradingEngine engine, CancellationToken ct)
    {
        if (body is null || body.MaxDailyLoss < 0 || body.MaxPositionSize < 0)
            return Invalid(new() { ["limits"] = ["send {\"maxDailyLoss\": number|null, \"maxPositionSize\": number|null}, not negative"] });
        return await engine.SendAsync(new SetRecorderLimits(id, body.MaxDailyLoss, body.MaxPositionSize), EngineTimeout, ct)
            ? Results.Ok(body) : RecorderNotFound(id);
    }

    private static async Task<long?> ResolveAccountAsync(JsonElement? account, TradingDbContext db, CancellationToken ct)
    {
        switch (account)
        {
            case { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var id):
                return await db.Accounts.AnyAsync(a => a.Id == id, ct) ? id : null;
            case { ValueKind: JsonValueKind.String } s:
                var name = s.GetString();
                var found = await db.Accounts.AsNoTracking().Where(a => a.Name == name).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
                return found ?? (long.TryParse(name, out var parsed) && await db.Accounts.AnyAsync(a => a.Id == parsed, ct) ? parsed : null);
            default:
                return null;
        }
    }

    private static OrderAction? ParseSide(string? side) =>
        side?.ToLowerInvariant() switch { "buy" or "long" => OrderAction.Buy, "sell" or "short" => OrderAction.Sell, _ => null };

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, detail: string.Join("; ", errors.Values.SelectMany(v => v)), title: "Invalid order");

    private static IResult RecorderNotFound(long id) => Results.Problem(statusCode: 404, title: "Recorder not found", detail: $"There is no recorder {id}.");
}
