using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Calendar;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution.Paper;

/// <summary>
/// The paper broker's matching and bookkeeping, run on the engine loop (the only writer of paper state).
/// Accepts orders (one per client reference), fills them from the price cache after the account's latency
/// with its slippage, activates bracket children when the parent fills and cancels the other one (OCO).
/// Each step commits before the broker reports it, like a real venue.
/// </summary>
internal sealed partial class PaperVenue(
    BrokerRegistry brokers,
    PriceCache prices,
    InstrumentCatalog instruments,
    TimeProvider time,
    PaperOptionMarket options)
{
    // Each copied order comes here twice (accepted, filled) with a few small queries each (CompiledPerModel says why compiled).
    private static readonly CompiledPerModel<Func<TradingDbContext, long, string, CancellationToken, Task<PaperOrderEntity?>>> Known = new(() =>
        EF.CompileAsyncQuery((TradingDbContext db, long accountId, string clientOrderRef, CancellationToken ct) =>
            db.PaperOrders.AsNoTracking().FirstOrDefault(o => o.AccountId == accountId && o.ClientOrderRef == clientOrderRef)));

    private static readonly CompiledPerModel<Func<TradingDbContext, long, DateTime, IAsyncEnumerable<PaperOrderEntity>>> Due = new(() =>
        EF.CompileAsyncQuery<TradingDbContext, long, DateTime, PaperOrderEntity>((db, accountId, now) =>
            db.PaperOrders.Where(o => o.AccountId == accountId && o.Status == PaperOrderStatus.Working && o.FillNotBefore <= now).OrderBy(o => o.Id)));

    private static readonly CompiledPerModel<Func<TradingDbContext, long, IAsyncEnumerable<PaperOrderEntity>>> HeldChildren = new(() =>
        EF.CompileAsyncQuery((TradingDbContext db, long parentId) => db.PaperOrders.Where(o => o.ParentId == parentId && o.Status == PaperOrderStatus.Held)));

    private static readonly CompiledPerModel<Func<TradingDbContext, long, string, CancellationToken, Task<PaperPositionEntity?>>> Position = new(() =>
        EF.CompileAsyncQuery((TradingDbContext db, long accountId, string symbol, CancellationToken ct) =>
            db.PaperPositions.FirstOrDefault(p => p.AccountId == accountId && p.Symbol == symbol)));

    private static readonly CompiledPerModel<Func<TradingDbContext, long, CancellationToken, Task<PaperAccountEntity?>>> Cash = new(() =>
        EF.CompileAsyncQuery((TradingDbContext db, long accountId, CancellationToken ct) => db.PaperAccounts.FirstOrDefault(a => a.AccountId == accountId)));

    private static readonly CompiledPerModel<Func<TradingDbContext, long, CancellationToken, Task<int>>> WorkingCount = new(() =>
        EF.CompileAsyncQuery((TradingDbContext db, long accountId, CancellationToken ct) =>
            db.PaperOrders.Count(o => o.AccountId == accountId && o.Status == PaperOrderStatus.Working)));

    /// <summary>When each working order last saw a quote in this process: tells an opening price from one that came to the order.</summary>
    private readonly Dictionary<long, DateTimeOffset> _quoteSeen = [];
    private readonly DateTime _startedAt = time.GetUtcNow().UtcDateTime;

    public async Task<PlaceOrderResponse> AcceptAsync(Journal journal, PaperOrderReceived command, CancellationToken ct)
    {
        var request = command.Request;
        var broker = brokers.Paper(command.AccountId);
        var db = journal.Db;
        if (await Known.For(db)(db, command.AccountId, request.ClientOrderRef, ct) is { } known)
            return PlaceOrderResponse.Accept(request.ClientOrderRef, $"P{known.Id}");   // the venue never takes a reference twice
        if (Invalid(request) is { } reason) return PlaceOrderResponse.Reject(request.ClientOrderRef, reason);

        var now = time.GetUtcNow().UtcDateTime;
        var due = now + broker.Settings.Latency;
        var parent = NewOrder(command.AccountId, request.ClientOrderRef, request.Symbol, request.Action, request.Quantity, request.Type,
            request.LimitPrice, request.StopPrice, request.ReferencePrice, PaperOrderStatus.Working, due, now);
        parent.Legs = request.Legs?.Select(l => new ComboLegState { Symbol = l.Symbol, Action = l.Action, Ratio = l.Ratio }).ToList() ?? [];
        parent.OcoGroup = request.OcaGroup;   // standalone orders in one OCA group (a bracket placed after the fill)
        db.PaperOrders.Add(parent);
        await db.SaveChangesAsync(ct);
        if (request.Bracket is { } bracket) await AddBracketAsync(db, parent, bracket, now, ct);

        var working = Status(parent, BrokerOrderStatus.Working);
        journal.AfterCommit(() =>
        {
            broker.Raise(working);
            broker.WakeAt(due);
        });
        return PlaceOrderResponse.Accept(request.ClientOrderRef, $"P{parent.Id}");
    }

    public async Task<CancelOrderResponse> CancelAsync(Journal journal, PaperCancelReceived command, CancellationToken ct)
    {
        var db = journal.Db;
        var order = await db.PaperOrders.FirstOrDefaultAsync(o => o.AccountId == command.AccountId && o.ClientOrderRef == command.ClientOrderRef, ct);
        if (order is null) return new CancelOrderResponse(false, command.ClientOrderRef, "no such order");
        var children = await db.PaperOrders.Where(o => o.ParentId == order.Id).ToListAsync(ct);
        var cancelled = new List<PaperOrderEntity>();
        foreach (var o in children.Prepend(order).Where(o => o.Status is PaperOrderStatus.Working or PaperOrderStatus.Held))
        {
            o.Status = PaperOrderStatus.Cancelled;
            o.UpdatedAt = time.GetUtcNow().UtcDateTime;
            cancelled.Add(o);
        }
        await db.SaveChangesAsync(ct);
        var broker = brokers.Paper(command.AccountId);
        var reports = cancelled.Select(o => Status(o, BrokerOrderStatus.Cancelled)).ToList();
        CountResting(journal, broker);
        journal.AfterCommit(() => { foreach (var report in reports) broker.Raise(report); });
        return cancelled.Contains(order)
            ? new CancelOrderResponse(true, command.ClientOrderRef)
            : new CancelOrderResponse(false, command.ClientOrderRef, $"the order is already {order.Status.ToString().ToLowerInvariant()}");
    }

    /// <summary>Changes a working (or held) order in place, under the same reference, as a broker's modify does.</summary>
    public async Task<PlaceOrderResponse> ModifyAsync(Journal journal, PaperModifyReceived command, CancellationToken ct)
    {
        var request = command.Request;
        var db = journal.Db;
        var order = await db.PaperOrders.FirstOrDefaultAsync(o => o.AccountId == command.AccountId && o.ClientOrderRef == request.ClientOrderRef, ct);
        if (order is not { Status: PaperOrderStatus.Working or PaperOrderStatus.Held })
            return PlaceOrderResponse.Reject(request.ClientOrderRef, order is null ? "no such order" : $"the order is already {order.Status.ToString().ToLowerInvariant()}");
        // A combo's ladder cancels and replaces on paper (its legs are priced by the model at each attempt's order).
        if (order.Legs.Count > 0) return PlaceOrderResponse.Reject(request.ClientOrderRef, "the paper venue does not modify combos: cancel and replace");
        if (request.Quantity is { } quantity && (quantity <= order.FilledQuantity || quantity != decimal.Truncate(quantity)))
            return PlaceOrderResponse.Reject(request.ClientOrderRef, "quantity must be a whole number above what has filled");
        order.Quantity = request.Quantity ?? order.Quantity;
        order.LimitPrice = request.LimitPrice ?? order.LimitPrice;
        order.StopPrice = request.StopPrice ?? order.StopPrice;
        order.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        var broker = brokers.Paper(command.AccountId);
        if (order.Status == PaperOrderStatus.Working)
        {
            var (working, at) = (Status(order, BrokerOrderStatus.Working), order.UpdatedAt);
            journal.AfterCommit(() =>
            {
                broker.Raise(working);
                broker.WakeAt(at);   // a moved stop may be through the price already
            });
        }
        return PlaceOrderResponse.Accept(request.ClientOrderRef, $"P{order.Id}");
    }

    /// <summary>Fills every working order whose latency has passed and whose price condition holds.</summary>
    public async Task EvaluateAsync(Journal journal, PaperFillDue command, CancellationToken ct)
    {
        if (!brokers.TryPaper(command.AccountId, out var broker)) return;
        var db = journal.Db;
        var now = time.GetUtcNow().UtcDateTime;
        var due = new List<PaperOrderEntity>();
        await foreach (var order in Due.For(db)(db, command.AccountId, now).WithCancellation(ct)) due.Add(order);
        var reports = new List<BrokerEvent>();
        // The status is read again because a fill in the loop cancels its OCA siblings. One save for the whole look: a later
        // fill finds what an earlier one changed in the tracker (the orders, the position, the cash).
        foreach (var order in due.Where(o => o.Status == PaperOrderStatus.Working))
            await TryFillAsync(db, broker, order, now, reports, ct);
        await db.SaveChangesAsync(ct);
        CountResting(journal, broker);
        journal.AfterCommit(() => { foreach (var report in reports) broker.Raise(report); });
    }

    /// <summary>Fills (or rejects) the order when the price allows; when it does not fill now, it changes nothing.</summary>
    private async Task TryFillAsync(TradingDbContext db, PaperBroker broker, PaperOrderEntity order, DateTime now,
        List<BrokerEvent> reports, CancellationToken ct)
    {
        if (OptionComboFills(order, now) is { } optionFills)
        {
            if (optionFills.Count > 0) await FillAsync(db, order, optionFills, now, reports, ct);
            return;
        }
        var legs = order.Legs.Count > 0
            ? order.Legs.Select(l => (l.Symbol, Action: Combine(order.Action, l.Action), Quantity: order.Quantity * l.Ratio)).ToList()
            : [(order.Symbol, order.Action, order.Quantity)];
        var fills = new List<(string Symbol, OrderAction Action, decimal Quantity, decimal Price)>();
        foreach (var leg in legs)
        {
            var quote = prices.TryGet(leg.Symbol, out var last) ? last.Price : (decimal?)null;
            var spec = instruments.SpecFor(leg.Symbol);
            var decision = order.Legs.Count > 0
                ? PaperFillModel.Decide(OrderType.Market, leg.Action, quote, null, null, null, spec, broker.Settings.SlippageTicks)
                : PaperFillModel.Decide(order.Type, order.Action, quote, order.LimitPrice, order.StopPrice, order.ReferencePrice, spec, broker.Settings.SlippageTicks,
                    quote is null || Opening(order, last.At, spec));
            if (quote is not null) _quoteSeen[order.Id] = last.At;
            if (decision.RejectReason is { } reason)
            {
                order.Status = PaperOrderStatus.Rejected;
                order.Reason = reason;
                order.UpdatedAt = now;
                reports.Add(Status(order, BrokerOrderStatus.Rejected, reason));
                return;
            }
            if (!decision.Fills) return;
            fills.Add((leg.Symbol, leg.Action, leg.Quantity, decision.Price!.Value));
        }

        _quoteSeen.Remove(order.Id);
        await FillAsync(db, order, fills, now, reports, ct);
    }

    private async Task FillAsync(TradingDbContext db, PaperOrderEntity order, List<(string Symbol, OrderAction Action, decimal Quantity, decimal Price)> fills,
        DateTime now, List<BrokerEvent> reports, CancellationToken ct)
    {
        foreach (var fill in fills) await BookAsync(db, order, fill.Symbol, fill.Action, fill.Quantity, fill.Price, now, reports, ct);
        order.Status = PaperOrderStatus.Filled;
        order.FilledQuantity = order.Quantity;
        // A combo's price is the net of its legs per unit, signed from the parent's side.
        order.AvgFillPrice = order.Legs.Count > 0
            ? fills.Sum(f => (f.Action == order.Action ? 1 : -1) * f.Price * f.Quantity) / order.Quantity
            : fills[0].Price;
        order.UpdatedAt = now;
        reports.Add(Status(order, BrokerOrderStatus.Filled));
        await ReleaseBracketAsync(db, order, now, reports, ct);
    }

    /// <summary>
    /// The quote is an opening price for this order: the first it sees since it started working here, or the
    /// first of a new trade date. An order that was working before a restart has seen prices: never an opening then.
    /// </summary>
    private bool Opening(PaperOrderEntity order, DateTimeOffset quoteAt, ContractSpec spec)
    {
        if (_quoteSeen.TryGetValue(order.Id, out var seen))
            return TradeDates.Of(spec.Market, quoteAt) != TradeDates.Of(spec.Market, seen);
        return order.UpdatedAt >= _startedAt;
    }

    private async Task BookAsync(TradingDbContext db, PaperOrderEntity order, string symbol, OrderAction action, decimal quantity, decimal price,
        DateTime now, List<BrokerEvent> reports, CancellationToken ct)
    {
        var execution = new PaperExecutionEntity
        {
            AccountId = order.AccountId, PaperOrderId = order.Id, ClientOrderRef = order.ClientOrderRef, Symbol = symbol,
            Action = action, Quantity = quantity, Price = price, At = now,
        };
        db.PaperExecutions.Add(execution);
        var position = db.PaperPositions.Local.FirstOrDefault(p => p.AccountId == order.AccountId && p.Symbol == symbol)
            ?? await Position.For(db)(db, order.AccountId, symbol, ct);
        if (position is null) db.PaperPositions.Add(position = new PaperPositionEntity { AccountId = order.AccountId, Symbol = symbol });
        var (after, realized) = new SignedPosition(position.Quantity, position.AvgPrice)
            .Apply(action == OrderAction.Buy ? quantity : -quantity, price, instruments.SpecFor(symbol));
        position.Quantity = after.Quantity;
        position.AvgPrice = after.AvgPrice;
        var cash = await Cash.For(db)(db, order.AccountId, ct);
        if (cash is not null)
        {
            cash.Cash += realized;
            cash.RealizedPnl += realized;
        }
        // A single order's fill reaches the book through its cumulative status (saved with the order by the caller); only
        // a combo's legs need their executions, with the ids the save gives them.
        if (order.Legs.Count == 0) return;
        await db.SaveChangesAsync(ct);
        reports.Add(new ExecutionReported(order.AccountId, time.GetUtcNow(),
            new BrokerExecution($"PX{execution.Id}", order.ClientOrderRef, $"P{order.Id}", symbol, action, quantity, price, now)));
    }

    private async Task AddBracketAsync(TradingDbContext db, PaperOrderEntity parent, Bracket bracket, DateTime now, CancellationToken ct)
    {
        var exit = parent.Action == OrderAction.Buy ? OrderAction.Sell : OrderAction.Buy;
        var group = parent.ClientOrderRef;
        if (bracket.TakeProfitPrice is { } tp)
            db.PaperOrders.Add(Child(parent, ":tp", exit, OrderType.Limit, tp, null, group, now));
        if (bracket.StopLossPrice is { } sl)
            db.PaperOrders.Add(Child(parent, ":sl", exit, OrderType.Stop, null, sl, group, now));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Parent filled: its children start working. Child filled: its OCO sibling is cancelled.</summary>
    private static async Task ReleaseBracketAsync(TradingDbContext db, PaperOrderEntity order, DateTime now, List<BrokerEvent> reports, CancellationToken ct)
    {
        var held = new List<PaperOrderEntity>();
        await foreach (var child in HeldChildren.For(db)(db, order.Id).WithCancellation(ct)) held.Add(child);
        foreach (var child in held)
        {
            child.Status = PaperOrderStatus.Working;
            child.FillNotBefore = now;
            reports.Add(Status(child, BrokerOrderStatus.Working));
        }
        if (order.OcoGroup is not { } group) return;
        var siblings = await db.PaperOrders.Where(o => o.AccountId == order.AccountId && o.OcoGroup == group && o.Id != order.Id
            && (o.Status == PaperOrderStatus.Working || o.Status == PaperOrderStatus.Held)).ToListAsync(ct);
        // Filtered again in memory: a sibling this look already filled or cancelled is not saved yet.
        foreach (var sibling in siblings.Where(o => o.Status is PaperOrderStatus.Working or PaperOrderStatus.Held))
        {
            sibling.Status = PaperOrderStatus.Cancelled;
            sibling.Reason = "the other side of the bracket filled";
            sibling.UpdatedAt = now;
            reports.Add(Status(sibling, BrokerOrderStatus.Cancelled, sibling.Reason));
        }
    }

    /// <summary>The broker's count of working orders (its resting check looks only while there are some), read at the commit.</summary>
    private static void CountResting(Journal journal, PaperBroker broker) =>
        journal.BeforeCommit((nameof(CountResting), broker.AccountId), async ct =>
        {
            var count = await WorkingCount.For(journal.Db)(journal.Db, broker.AccountId, ct);
            journal.AfterCommit(() => broker.SetRestingOrders(count));
        });

    private static string? Invalid(PlaceOrderRequest r) =>
        r.Quantity <= 0 ? "quantity must be positive"
        : r.Quantity != decimal.Truncate(r.Quantity) ? "quantity must be a whole number of contracts"
        : r.Legs?.Any(l => l.Ratio <= 0) == true ? "every combo leg needs a positive ratio"
        : null;

    private static OrderAction Combine(OrderAction parent, OrderAction leg) =>
        parent == OrderAction.Buy ? leg : leg == OrderAction.Buy ? OrderAction.Sell : OrderAction.Buy;

    private static PaperOrderEntity Child(PaperOrderEntity parent, string suffix, OrderAction action, OrderType type, decimal? limit, decimal? stop,
        string group, DateTime now)
    {
        var child = NewOrder(parent.AccountId, parent.ClientOrderRef + suffix, parent.Symbol, action, parent.Quantity, type, limit, stop, null,
            PaperOrderStatus.Held, null, now);
        child.ParentId = parent.Id;
        child.OcoGroup = group;
        return child;
    }

    private static PaperOrderEntity NewOrder(long accountId, string reference, string symbol, OrderAction action, decimal quantity, OrderType type,
        decimal? limit, decimal? stop, decimal? referencePrice, PaperOrderStatus status, DateTime? due, DateTime now) => new()
    {
        AccountId = accountId, ClientOrderRef = reference, Symbol = symbol, Action = action, Quantity = quantity, Type = type,
        LimitPrice = limit, StopPrice = stop, ReferencePrice = referencePrice, Status = status, FillNotBefore = due,
        CreatedAt = now, UpdatedAt = now,
    };

    private static OrderStatusReported Status(PaperOrderEntity o, BrokerOrderStatus status, string? reason = null) =>
        new(o.AccountId, new DateTimeOffset(o.UpdatedAt, TimeSpan.Zero), o.ClientOrderRef, $"P{o.Id}", status, o.FilledQuantity, o.AvgFillPrice, reason);
}
