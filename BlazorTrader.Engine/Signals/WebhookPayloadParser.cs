using System.Text.Json;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Signals.Dialects;

namespace BlazorTrader.Engine.Signals;

/// <summary>
/// Turns a webhook body into a <see cref="SignalRequest"/> or a <see cref="SignalParseError"/>.
/// The one parsing path for every dialect: the dialect is recognised from the fields present and
/// mapped onto the native request (docs/api.md), so the engine sees one shape.
/// </summary>
public sealed class WebhookPayloadParser(InstrumentCatalog instruments)
{
    public const decimal MaxQuantity = SignalFields.MaxQuantity;
    public const decimal MaxPrice = SignalFields.MaxPrice;

    public (SignalRequest? Signal, SignalParseError? Error) Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return Fail("body", "the body is empty; send a JSON object such as {\"action\":\"buy\",\"ticker\":\"MNQ1!\"}");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return Fail("body", "the body is not JSON; set the TradingView alert message to a JSON object such as {\"action\":\"{{strategy.order.action}}\",\"ticker\":\"{{ticker}}\"}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return Fail("body", $"the body must be a JSON object, got a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            if (JsonTextCheck.FirstInvalidText(document.RootElement) is { } invalid)
                return Fail(invalid, $"{invalid} holds an unpaired UTF-16 surrogate (such as \\ud800), which is not text; send valid Unicode");
            try
            {
                var json = new JsonFieldReader(document.RootElement);
                var request = Map(json);
                return PriceTickCheck.FirstSubTickPrice(request, instruments.SpecFor(request.Ticker), json) is { } subTick ? (null, subTick) : (request, null);
            }
            catch (PayloadException ex)
            {
                return (null, ex.Error);
            }
        }
    }

    /// <summary>Most specific dialect first; a message with none of their marks is native.</summary>
    private SignalRequest Map(JsonFieldReader json)
    {
        if (TradingViewStrategyDialect.Matches(json)) return TradingViewStrategyDialect.Map(json, instruments);
        if (PickMyTradeDialect.Matches(json)) return PickMyTradeDialect.Map(json, instruments);
        if (OpenAlgoDialect.Matches(json)) return OpenAlgoDialect.Map(json, instruments);
        if (TradersPostDialect.Matches(json)) return TradersPostDialect.Map(json, instruments);
        return NativeDialect.Map(json, instruments);
    }

    private static (SignalRequest?, SignalParseError?) Fail(string field, string message) => (null, new SignalParseError(field, message));
}
