using System.Globalization;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

/// <summary>An order as the fake parsed it from PLACE_ORDER, by position (reference §8.3).</summary>
internal sealed record FakeOrder(
    int OrderId, int ClientId, int ConId, string Symbol, string SecType, string LastTradeDate, string Exchange, string Currency,
    string Action, decimal Quantity, string OrderType, string LimitPrice, string AuxPrice, string Tif, string OcaGroup,
    string Account, string OrderRef, bool Transmit, int ParentId, bool OutsideRth)
{
    public long PermId { get; init; }
    public string Status { get; set; } = "Submitted";
    public bool IsWorking => Status is "Submitted" or "PreSubmitted";

    public static FakeOrder Parse(string[] f, int clientId) => new(
        OrderId: Int(f[1]), ClientId: clientId, ConId: Int(f[2]), Symbol: f[3], SecType: f[4], LastTradeDate: f[5],
        Exchange: f[9], Currency: f[11], Action: f[16], Quantity: decimal.Parse(f[17], CultureInfo.InvariantCulture),
        OrderType: f[18], LimitPrice: f[19], AuxPrice: f[20], Tif: f[21], OcaGroup: f[22], Account: f[23], OrderRef: f[26],
        Transmit: f[27] == "1", ParentId: Int(f[28]), OutsideRth: f[33] == "1");

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}

internal sealed record FakeFill(FakeOrder Order, string ExecId, decimal Price, string Time);

/// <summary>Orders, fills, positions and the id sequence; survives fake sessions like TWS's state survives sockets.</summary>
internal sealed class FakeTwsBook
{
    public Lock Gate { get; } = new();
    public int NextOrderId { get; set; }
    public long NextPermId { get; set; } = 900_000_001;
    public Dictionary<int, FakeOrder> Orders { get; } = [];
    public List<FakeFill> Fills { get; } = [];
    public Dictionary<string, (int ConId, decimal Position, decimal AverageCost)> Positions { get; } = [];
    public Dictionary<(string Root, string Month), (decimal Position, decimal AverageCost)> MonthPositions { get; } = [];

    public FakeFill Fill(FakeOrder order, decimal price)
    {
        order.Status = "Filled";
        var fill = new FakeFill(order, $"0000e0d5.6601a2b3.01.{Fills.Count + 1:D2}", price, "20260101  09:30:01");
        Fills.Add(fill);
        var signed = order.Action == "BUY" ? order.Quantity : -order.Quantity;
        Positions.TryGetValue(order.Symbol, out var current);
        Positions[order.Symbol] = (order.ConId, current.Position + signed, price);
        if (order.SecType == "FUT" && order.LastTradeDate.Length >= 6)
        {
            var key = (order.Symbol, order.LastTradeDate[..6]);
            var held = MonthPositions.GetValueOrDefault(key).Position + signed;
            if (held == 0) MonthPositions.Remove(key); else MonthPositions[key] = (held, price);
        }
        return fill;
    }

    // OPEN_ORDER: the §6 prefix, then a fixed tail standing in for the variable blocks the client skips.
    public static string[] OpenOrder(FakeOrder o)
    {
        string[] prefix =
        [
            "5", S(o.OrderId), S(o.ConId), o.Symbol, o.SecType, o.LastTradeDate, "0", "", "", o.Exchange, o.Currency,
            o.Symbol, o.Symbol, o.Action, S(o.Quantity), o.OrderType, Price(o.LimitPrice), Price(o.AuxPrice), o.Tif,
            o.OcaGroup, FakeTwsServer.Account, "", "0", o.OrderRef, S(o.ClientId), S(o.PermId), o.OutsideRth ? "1" : "0",
            "0", "0", "", "", "", "", "", "", "",
        ];
        string[] tail = ["0", "", "0", "", "-1", "0", "", "", "", "", "", "0", "", "", "0", "", "", "", o.Status, "", "", "", "", ""];
        return [.. prefix, .. tail];
    }

    public static string[] Status(FakeOrder o, decimal filled, decimal remaining, string avgPrice) =>
        ["3", S(o.OrderId), o.Status, S(filled), S(remaining), avgPrice, S(o.PermId), S(o.ParentId), avgPrice, S(o.ClientId), "", "0"];

    public static string[] Execution(FakeFill f, int requestId) =>
    [
        "11", S(requestId), S(f.Order.OrderId), S(f.Order.ConId), f.Order.Symbol, f.Order.SecType, f.Order.LastTradeDate, "0",
        "", "", f.Order.Exchange, f.Order.Currency, f.Order.Symbol, f.Order.Symbol, f.ExecId, f.Time, FakeTwsServer.Account,
        f.Order.Exchange, f.Order.Action == "BUY" ? "BOT" : "SLD", S(f.Order.Quantity), S(f.Price), S(f.Order.PermId),
        S(f.Order.ClientId), "0", S(f.Order.Quantity), S(f.Price), f.Order.OrderRef, "", "", "", "0", "0",
    ];

    public static string[] Commission(FakeFill f) =>
        ["59", "1", f.ExecId, "1.24", "USD", "1.7976931348623157E308", "1.7976931348623157E308", ""];

    public static string S(int v) => v.ToString(CultureInfo.InvariantCulture);
    public static string S(long v) => v.ToString(CultureInfo.InvariantCulture);
    public static string S(decimal v) => v.ToString(CultureInfo.InvariantCulture);

    // Real TWS shows 0.0 for the unused prices of a MKT order.
    private static string Price(string sent) => sent.Length == 0 ? "0.0" : sent;
}
