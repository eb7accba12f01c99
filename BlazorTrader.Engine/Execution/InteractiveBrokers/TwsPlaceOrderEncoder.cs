namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// PLACE_ORDER at server version 178: 114 fields for a non-BAG order, in the exact order of reference §5.1
/// (the numbers in the comments are that section's 1-based field numbers). A BAG inserts its leg block after field 35.
/// </summary>
internal static class TwsPlaceOrderEncoder
{
    public const int NonComboFieldCount = 114;

    public static byte[] Encode(int orderId, TwsContract contract, TwsOrder order)
    {
        if (contract.IsCombo && contract.ComboLegs.Count == 0)
            throw new ArgumentException("A BAG contract needs its legs; TWS rejects it with error 321.", nameof(contract));

        var w = new TwsFieldWriter(OutgoingMessageId.PlaceOrder);              // 1 (no version field at >= 145)
        w.Add(orderId);                                                          // 2
        WriteContract(w, contract);                                              // 3-16
        w.Add(order.Action.ToWire()).Add(order.TotalQuantity).Add(order.OrderType) // 17-19
         .Add(order.LimitPrice).Add(order.AuxPrice);                             // 20-21
        w.Add(order.TimeInForce).Add(order.OcaGroup).Add(order.Account)          // 22-24
         .AddEmpty()                                                             // 25 openClose
         .Add(0)                                                                 // 26 origin: customer
         .Add(order.OrderRef).Add(order.Transmit).Add(order.ParentId)            // 27-29
         .Add(0).Add(0).Add(0).Add(0)                                            // 30-33 blockOrder, sweepToFill, displaySize, triggerMethod
         .Add(order.OutsideRegularTradingHours)                                  // 34
         .Add(0);                                                                // 35 hidden
        if (contract.IsCombo)
            WriteComboBlock(w, contract, order);
        w.AddEmpty()                                                             // 36 sharesAllocation
         .Add(0)                                                                 // 37 discretionaryAmt
         .AddEmpty(6)                                                            // 38-43 goodAfterTime .. modelCode (no faProfile at >= 177)
         .Add(0).AddEmpty().Add(-1)                                              // 44-46 shortSaleSlot, designatedLocation, exemptCode
         .Add(order.OcaType)                                                     // 47
         .AddEmpty(2)                                                            // 48-49 rule80A, settlingFirm
         .Add(0)                                                                 // 50 allOrNone
         .AddEmpty(2)                                                            // 51-52 minQty, percentOffset
         .Add(0).Add(0).AddEmpty()                                               // 53-55 deprecated eTradeOnly, firmQuoteOnly, nbboPriceCap
         .Add(0)                                                                 // 56 auctionStrategy
         .AddEmpty(5)                                                            // 57-61 startingPrice .. stockRangeUpper
         .Add(0)                                                                 // 62 overridePercentageConstraints
         .AddEmpty(4)                                                            // 63-66 volatility, volatilityType, deltaNeutralOrderType, deltaNeutralAuxPrice
         .Add(0)                                                                 // 67 continuousUpdate
         .AddEmpty(6)                                                            // 68-73 referencePriceType .. scalePriceIncrement
         .AddEmpty(4)                                                            // 74-77 scaleTable, activeStartTime, activeStopTime, hedgeType
         .Add(0)                                                                 // 78 optOutSmartRouting
         .AddEmpty(2)                                                            // 79-80 clearingAccount, clearingIntent
         .Add(0).Add(0)                                                          // 81-82 notHeld, deltaNeutralContract flag
         .AddEmpty(2)                                                            // 83-84 algoStrategy, algoId
         .Add(0).AddEmpty()                                                      // 85-86 whatIf, orderMiscOptions
         .Add(0).Add(0).Add(0)                                                   // 87-89 solicited, randomizeSize, randomizePrice
         .Add(0)                                                                 // 90 conditionsCount
         .AddEmpty(6)                                                            // 91-96 adjustedOrderType .. adjustedTrailingAmount
         .Add(0)                                                                 // 97 adjustableTrailingUnit
         .AddEmpty(8)                                                            // 98-105 extOperator, softDollarTier name/value, cashQty, MiFID II x4
         .Add(0).Add(0).Add(0)                                                   // 106-108 dontUseAutoPriceForHedge, isOmsContainer, discretionaryUpToLimitPrice
         .AddEmpty(3)                                                            // 109-111 usePriceMgmtAlgo, duration, postToAts
         .Add(0)                                                                 // 112 autoCancelParent
         .AddEmpty(2);                                                           // 113-114 advancedErrorOverride, manualOrderTime
        return w.ToPayload();
    }

    /// <summary>Fields 3-16: the contract as PLACE_ORDER spells it.</summary>
    private static void WriteContract(TwsFieldWriter w, TwsContract c) =>
        w.Add(c.ConId).Add(c.Symbol).Add(c.SecType).Add(c.LastTradeDateOrContractMonth)
         .Add(c.Strike ?? 0m).Add(c.Right).Add(c.Multiplier).Add(c.Exchange).Add(c.PrimaryExchange)
         .Add(c.Currency).Add(c.LocalSymbol).Add(c.TradingClass).Add(c.SecIdType).Add(c.SecId);

    /// <summary>Reference §5.3: legs with 8 fields each, then per-leg prices, then smart combo routing parameters.</summary>
    private static void WriteComboBlock(TwsFieldWriter w, TwsContract contract, TwsOrder order)
    {
        w.Add(contract.ComboLegs.Count);
        foreach (var leg in contract.ComboLegs)
        {
            w.Add(leg.ConId).Add(leg.Ratio).Add(leg.Action.ToWire()).Add(leg.Exchange)
             .Add(0)           // openClose: same as the parent
             .Add(0)           // shortSaleSlot
             .AddEmpty()       // designatedLocation
             .Add(-1);         // exemptCode
        }
        w.Add(order.ComboLegPrices.Count);
        foreach (var price in order.ComboLegPrices)
            w.Add(price);
        w.Add(order.SmartComboRoutingParams.Count);
        foreach (var param in order.SmartComboRoutingParams)
            w.Add(param.Tag).Add(param.Value);
    }
}
