using System.Text.Json;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Engine.Signals;

/// <summary>
/// Turns a webhook body into a <see cref="SignalRequest"/> or a <see cref="SignalParseError"/>.
/// The one parsing path for every dialect (shared/API.md is the native one).
/// </summary>
public sealed class WebhookPayloadParser(InstrumentCatalog instruments)
{
    public const decimal MaxQuantity = 1_000_000m;
    public const decimal MaxPrice = 1_000_000_000m;
    private const int MaxTextField = 500;

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
            return ParseNative(new JsonFieldReader(document.RootElement));
        }
    }

    private (SignalRequest?, SignalParseError?) ParseNative(JsonFieldReader json)
    {
        var actionText = json.String("action");
        if (string.IsNullOrWhiteSpace(actionText)) return Fail("action", "action is required: buy, sell or close");
        if (ParseAction(actionText) is not { } action)
            return Fail("action", $"action '{Truncate(actionText)}' is unknown; use buy, sell, close (or long, short, exit, flat)");

        var tickerText = json.String("ticker");
        if (string.IsNullOrWhiteSpace(tickerText)) return Fail("ticker", "ticker is required, e.g. MNQ1! or CME_MINI:MNQ1!");
        if (!instruments.TryParse(tickerText, out var ticker, out var tickerError)) return Fail("ticker", tickerError);

        var (price, priceError) = json.Decimal("price");
        if (priceError is not null) return (null, priceError);
        if (price is { } p && (p <= 0 || p > MaxPrice)) return Fail("price", $"price must be greater than 0 and at most {MaxPrice:0}, got {p}");

        var (quantity, quantityError) = ReadQuantity(json, "quantity");
        if (quantityError is not null) return (null, quantityError);

        var (target, targetError) = ReadTarget(json);
        if (targetError is not null) return (null, targetError);

        var comment = json.String("comment");
        if (comment is { Length: > MaxTextField }) return Fail("comment", $"comment is longer than {MaxTextField} characters");
        var orderId = json.String("id");
        if (orderId is { Length: > 100 }) return Fail("id", "id is longer than 100 characters");

        DateTimeOffset? alertTime = null;
        if (json.String("time") is { Length: > 0 } timeText)
        {
            if (!DateTimeOffset.TryParse(timeText, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var parsedTime))
                return Fail("time", $"time '{Truncate(timeText)}' is not an ISO 8601 timestamp such as 2026-11-20T14:45:00Z");
            alertTime = parsedTime.ToUniversalTime();
        }

        return (new SignalRequest("native", action, ticker, price, quantity, orderId, target, comment, alertTime), null);
    }

    private static (decimal?, SignalParseError?) ReadQuantity(JsonFieldReader json, string field)
    {
        var (quantity, error) = json.Decimal(field);
        if (error is not null || quantity is not { } q) return (null, error);
        if (q <= 0) return (null, new SignalParseError(field, $"{field} must be greater than 0, got {q}"));
        if (q > MaxQuantity) return (null, new SignalParseError(field, $"{field} must be at most {MaxQuantity:0}, got {q}"));
        if (q != decimal.Truncate(q)) return (null, new SignalParseError(field, $"{field} must be a whole number of contracts or shares, got {q}"));
        return (q, null);
    }

    private static (TargetPosition?, SignalParseError?) ReadTarget(JsonFieldReader json)
    {
        var marketPosition = json.String("marketPosition")?.Trim().ToLowerInvariant();
        var (size, sizeError) = json.Decimal("positionSize");
        if (sizeError is not null) return (null, sizeError);
        if (marketPosition is null && size is null) return (null, null);
        if (size is { } s && (Math.Abs(s) > MaxQuantity || s != decimal.Truncate(s)))
            return (null, new SignalParseError("positionSize", $"positionSize must be a whole number up to {MaxQuantity:0}, got {s}"));

        switch (marketPosition)
        {
            case "flat":
                return (TargetPosition.Flat, null);
            case "long" or "short" when size is null:
                return (null, new SignalParseError("positionSize", "positionSize is required with marketPosition long or short"));
            case "long" or "short":
                var abs = Math.Abs(size!.Value);
                return (abs == 0 ? TargetPosition.Flat : new TargetPosition(marketPosition == "long" ? Side.Long : Side.Short, abs), null);
            case null:
                // TradingView's position_size alone is signed: negative means short.
                return (size!.Value == 0 ? TargetPosition.Flat : new TargetPosition(size.Value > 0 ? Side.Long : Side.Short, Math.Abs(size.Value)), null);
            default:
                return (null, new SignalParseError("marketPosition", $"marketPosition '{Truncate(marketPosition)}' is unknown; use long, short or flat"));
        }
    }

    internal static SignalAction? ParseAction(string text) => text.Trim().ToLowerInvariant() switch
    {
        "buy" or "long" => SignalAction.Buy,
        "sell" or "short" => SignalAction.Sell,
        "close" or "exit" or "flat" => SignalAction.Close,
        _ => null,
    };

    private static string Truncate(string s) => s.Length > 30 ? s[..30] + "..." : s;

    private static (SignalRequest?, SignalParseError?) Fail(string field, string message) => (null, new SignalParseError(field, message));
}
