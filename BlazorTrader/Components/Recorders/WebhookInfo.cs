namespace BlazorTrader.Components.Recorders;

/// <summary>What a trader pastes into TradingView: the webhook URL and an alert message in the API's webhook shape.</summary>
public static class WebhookInfo
{
    public static string Url(string baseUri, string token) => $"{baseUri.TrimEnd('/')}/webhook/{token}";

    /// <summary>A strategy alert using TradingView placeholders (the README's); marketPosition + positionSize make a repeated alert harmless.</summary>
    public const string TradingViewAlertMessage =
        """{"action":"{{strategy.order.action}}","ticker":"{{ticker}}","price":{{close}},"quantity":{{strategy.order.contracts}},"id":"{{strategy.order.id}}","marketPosition":"{{strategy.market_position}}","positionSize":{{strategy.position_size}},"time":"{{timenow}}","comment":"{{strategy.order.comment}}"}""";
}
