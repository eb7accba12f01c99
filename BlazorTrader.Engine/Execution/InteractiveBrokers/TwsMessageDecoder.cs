using System.Globalization;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// Turns the fields of one frame into a typed message at server version 178 (reference §6). Version fields are
/// skipped; trailing fields a message does not need are ignored, since the frame length already bounds them.
/// </summary>
internal static class TwsMessageDecoder
{
    public static TwsMessage Decode(IReadOnlyList<string> fields)
    {
        var r = new TwsFieldReader(fields);
        var id = r.ReadInt();
        try
        {
            return id switch
            {
                IncomingMessageId.NextValidId => Versioned(r, () => new NextValidIdMessage(r.ReadInt())),
                IncomingMessageId.ManagedAccounts => Versioned(r, () => new ManagedAccountsMessage(
                    r.ReadString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))),
                IncomingMessageId.CurrentTime => Versioned(r, () => new CurrentTimeMessage(DateTimeOffset.FromUnixTimeSeconds(r.ReadLong()))),
                IncomingMessageId.Error => Versioned(r, () => new TwsErrorMessage(r.ReadInt(), r.ReadInt(), r.ReadString(),
                    r.Remaining > 0 ? r.ReadString() : "")),
                IncomingMessageId.OrderStatus => ReadOrderStatus(r),
                IncomingMessageId.OpenOrder => ReadOpenOrder(r),
                IncomingMessageId.OpenOrderEnd => new OpenOrderEndMessage(),
                IncomingMessageId.ExecutionData => ReadExecution(r),
                IncomingMessageId.ExecutionDataEnd => Versioned(r, () => new ExecutionDataEndMessage(r.ReadInt())),
                IncomingMessageId.CommissionReport => Versioned(r, () => new CommissionReportMessage(
                    r.ReadString(), r.ReadDecimalOrNull(), r.ReadString(), r.ReadDecimalOrNull(), r.ReadDecimalOrNull(), r.ReadIntOrNull())),
                IncomingMessageId.PositionData => Versioned(r, () => new PositionMessage(
                    r.ReadString(), ReadContractSummary(r), r.ReadDecimal(), r.ReadDecimalOrNull())),
                IncomingMessageId.PositionEnd => new PositionEndMessage(),
                IncomingMessageId.AccountSummary => Versioned(r, () => new AccountSummaryMessage(
                    r.ReadInt(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString())),
                IncomingMessageId.AccountSummaryEnd => Versioned(r, () => new AccountSummaryEndMessage(r.ReadInt())),
                IncomingMessageId.TickPrice => Versioned(r, () => ReadTickPrice(r)),
                IncomingMessageId.TickSize => Versioned(r, () => new TickSizeMessage(r.ReadInt(), r.ReadInt(), r.ReadDecimalOrNull())),
                IncomingMessageId.MarketDataType => Versioned(r, () => new MarketDataTypeMessage(r.ReadInt(), (TwsMarketDataType)r.ReadInt())),
                IncomingMessageId.ContractData => ReadContractData(r),
                IncomingMessageId.TickOptionComputation => ReadOptionComputation(r),
                IncomingMessageId.HistoricalData => TwsMarketDataDecoder.ReadHistoricalData(r),
                IncomingMessageId.ScannerData => Versioned(r, () => TwsMarketDataDecoder.ReadScannerData(r)),
                IncomingMessageId.ContractDataEnd => Versioned(r, () => new ContractDataEndMessage(r.ReadInt())),
                _ => new UnknownMessage(id, fields.Count),
            };
        }
        catch (TwsProtocolException ex)
        {
            throw new TwsProtocolException(string.Create(CultureInfo.InvariantCulture, $"Message {id}: {ex.Message}"), ex);
        }
    }

    /// <summary>Skips the historic version field that follows the id, then reads the rest.</summary>
    private static TwsMessage Versioned(TwsFieldReader r, Func<TwsMessage> readBody)
    {
        r.Skip();
        return readBody();
    }

    // No version field at >= 131.
    private static OrderStatusMessage ReadOrderStatus(TwsFieldReader r) => new(
        r.ReadInt(), r.ReadString(), r.ReadDecimal(), r.ReadDecimal(), r.ReadDecimalOrNull(), r.ReadLong(),
        r.ReadInt(), r.ReadDecimalOrNull(), r.ReadInt(), r.ReadString(), r.ReadDecimalOrNull());

    // No version field at >= 145. OPEN_ORDER has no primaryExchange in its contract block.
    private static OpenOrderMessage ReadOpenOrder(TwsFieldReader r)
    {
        var orderId = r.ReadInt();
        var contract = ReadContractSummary(r);
        var action = r.ReadString();
        var quantity = r.ReadDecimal();
        var orderType = r.ReadString();
        var limit = NullIfZero(r.ReadDecimalOrNull());    // a MKT order shows 0.0 for its unused prices
        var aux = NullIfZero(r.ReadDecimalOrNull());
        var tif = r.ReadString();
        var ocaGroup = r.ReadString();
        var account = r.ReadString();
        r.Skip(2);                                        // openClose, origin
        var orderRef = r.ReadString();
        var clientId = r.ReadInt();
        var permId = r.ReadLong();
        var outsideRth = r.ReadBool();
        return new OpenOrderMessage(orderId, contract, action, quantity, orderType, limit, aux, tif, ocaGroup, account,
            orderRef, clientId, permId, outsideRth);
    }

    // No version field at >= 136.
    private static ExecutionDataMessage ReadExecution(TwsFieldReader r)
    {
        var requestId = r.ReadInt();
        var orderId = r.ReadInt();
        var contract = ReadContractSummary(r);
        return new ExecutionDataMessage(requestId, orderId, contract,
            ExecId: r.ReadString(), Time: r.ReadString(), Account: r.ReadString(), Exchange: r.ReadString(),
            Side: r.ReadString(), Shares: r.ReadDecimal(), Price: r.ReadDecimal(), PermId: r.ReadLong(),
            ClientId: r.ReadInt(), Liquidation: r.ReadBool(), CumulativeQuantity: r.ReadDecimal(),
            AveragePrice: r.ReadDecimal(), OrderRef: r.ReadString());
    }

    private static TickPriceMessage ReadTickPrice(TwsFieldReader r)
    {
        var requestId = r.ReadInt();
        var tickType = r.ReadInt();
        var price = r.ReadDecimalOrNull();
        var size = r.ReadDecimalOrNull();
        var mask = r.ReadInt();
        return new TickPriceMessage(requestId, tickType, price == -1m ? null : price, size, mask);
    }

    // No version field at >= 156 (price-based volatility); tickAttrib follows the tick type. IV -1 and delta -2 mean "not computed".
    private static TickOptionComputationMessage ReadOptionComputation(TwsFieldReader r)
    {
        var requestId = r.ReadInt();
        var tickType = r.ReadInt();
        r.Skip();                                          // tickAttrib: 0 return-based, 1 price-based
        var iv = Computed(r.ReadDecimalOrNull(), v => v >= 0);
        var delta = Computed(r.ReadDecimalOrNull(), v => v is >= -1 and <= 1);
        var price = Computed(r.ReadDecimalOrNull(), v => v >= 0);
        r.Skip(4);                                         // pvDividend, gamma, vega, theta
        var underlying = Computed(r.ReadDecimalOrNull(), v => v > 0);
        return new TickOptionComputationMessage(requestId, tickType, iv, delta, price, underlying);
    }

    private static double? Computed(decimal? value, Func<double, bool> valid) =>
        value is { } v && valid((double)v) ? (double)v : null;

    // No version field at >= 164. The exchange comes before currency here, and conId after tradingClass.
    private static ContractDataMessage ReadContractData(TwsFieldReader r)
    {
        var requestId = r.ReadInt();
        var symbol = r.ReadString();
        var secType = r.ReadString();
        var lastTradeDate = r.ReadString();
        var strike = r.ReadDecimalOrNull();
        var right = r.ReadString();
        var exchange = r.ReadString();
        var currency = r.ReadString();
        var localSymbol = r.ReadString();
        var marketName = r.ReadString();
        var tradingClass = r.ReadString();
        var conId = r.ReadInt();
        var minTick = r.ReadDecimalOrNull();
        var multiplier = r.ReadString();
        r.Skip();                                          // orderTypes
        var validExchanges = r.ReadString();
        r.Skip(2);                                         // priceMagnifier, underConId
        var longName = r.ReadString();
        r.Skip();                                          // primaryExchange
        var contractMonth = r.ReadString();
        r.Skip(3);                                         // industry, category, subcategory
        var timeZoneId = r.ReadString();
        var tradingHours = r.ReadString();
        var liquidHours = r.ReadString();
        var contract = new TwsContractSummary(conId, symbol, secType, lastTradeDate, strike, right, multiplier, exchange,
            currency, localSymbol, tradingClass);
        return new ContractDataMessage(requestId, contract, marketName, minTick, validExchanges, longName, contractMonth,
            timeZoneId, tradingHours, liquidHours);
    }

    /// <summary>conId, symbol, secType, expiry, strike, right, multiplier, exchange, currency, localSymbol, tradingClass.</summary>
    private static TwsContractSummary ReadContractSummary(TwsFieldReader r) => new(
        r.ReadInt(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadDecimalOrNull(), r.ReadString(),
        r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString());

    private static decimal? NullIfZero(decimal? value) => value == 0m ? null : value;
}
