using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorTrader.Engine.Execution.Tradovate;

/// <summary>Tradovate's JSON (camelCase) as far as the adapter reads it; unknown fields are ignored, missing ones stay null.</summary>
internal static class TradovateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static T? As<T>(this JsonElement e) => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? e.Deserialize<T>(Options) : default;

    public static string? Text(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

internal sealed record TvAccessToken(string? AccessToken, string? MdAccessToken, DateTimeOffset? ExpirationTime, long? UserId, string? Name, string? ErrorText);

internal sealed record TvOAuthToken(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);

internal sealed record TvMe(long? UserId, string? Name, string? ErrorText);

internal sealed record TvAccount(long Id, string Name, long? UserId, bool Active = true);

internal sealed record TvContract(long Id, string Name, long? ContractMaturityId);

internal sealed record TvProduct(long Id, string Name, decimal? ValuePerPoint, decimal? TickSize, string? Months);

internal sealed record TvPlaceResult(string? FailureReason, string? FailureText, long? OrderId, long? Oso1Id, long? Oso2Id, long? OcoId);

internal sealed record TvCommandResult(string? FailureReason, string? FailureText, long? CommandId);

internal sealed record TvOrder(long Id, long AccountId, long ContractId, string? Action, string? OrdStatus, long? OcoId, long? ParentId, DateTimeOffset? Timestamp);

internal sealed record TvOrderVersion(long Id, long OrderId, decimal? OrderQty, string? OrderType, decimal? Price, decimal? StopPrice);

internal sealed record TvCommand(long Id, long OrderId, string? ClOrdId, string? CommandType, bool? IsAutomated);

internal sealed record TvExecutionReport(
    long Id, long? CommandId, long AccountId, long ContractId, long OrderId, string? ExecType, string? OrdStatus, string? Action,
    decimal? CumQty, decimal? AvgPx, decimal? LastQty, decimal? LastPx, string? RejectReason, string? Text, DateTimeOffset? Timestamp);

internal sealed record TvFill(long Id, long OrderId, long ContractId, string? Action, decimal Qty, decimal Price, DateTimeOffset? Timestamp);

internal sealed record TvPosition(long Id, long AccountId, long ContractId, decimal NetPos, decimal? NetPrice);

internal sealed record TvCashBalance(long Id, long AccountId, decimal? Amount, decimal? RealizedPnL);

internal sealed record TvCashSnapshot(string? ErrorText, decimal? TotalCashValue, decimal? NetLiq, decimal? RealizedPnL, decimal? OpenPnL);

/// <summary>A business failure Tradovate answered with HTTP 200 (<c>errorText</c>, <c>failureReason</c>, a p-captcha).</summary>
internal class TradovateException(string message) : Exception(message);

/// <summary>The token was refused (401, or 400 after expiry): log in again or renew.</summary>
internal sealed class TradovateAuthException(string message) : TradovateException(message);

/// <summary>Nothing may be sent for a while (429/423 lock-out, or a p-captcha penalty); nothing was sent now.</summary>
internal sealed class TradovateRateLimitedException(string message, DateTimeOffset until) : TradovateException(message)
{
    public DateTimeOffset Until { get; } = until;
}
