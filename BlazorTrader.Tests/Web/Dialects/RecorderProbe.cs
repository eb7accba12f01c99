using System.Net;
using System.Text.Json;

namespace BlazorTrader.Tests.Web.Dialects;

/// <summary>Reads a recorder's state through the REST API, in the short forms the dialect tests compare.</summary>
public static class RecorderProbe
{
    /// <summary>"long 2@21500.25", or "flat" when the recorder has no open position in any ticker.</summary>
    public static async Task<string> OpenPositionAsync(this HttpClient client, long recorderId)
    {
        var items = (await client.GetJsonAsync($"/api/recorders/{recorderId}/positions")).GetProperty("items");
        var open = items.EnumerateArray().Where(p => p.GetProperty("status").GetString() == "open").ToList();
        return open.Count switch
        {
            0 => "flat",
            1 => Describe(open[0]),
            _ => string.Join(", ", open.Select(Describe)),
        };
    }

    public static async Task<int> SignalCountAsync(this HttpClient client, long recorderId) =>
        (await client.GetJsonAsync($"/api/recorders/{recorderId}/signals")).GetProperty("total").GetInt32();

    public static async Task<List<JsonElement>> OpenTradesAsync(this HttpClient client, long recorderId) =>
        (await client.GetJsonAsync($"/api/recorders/{recorderId}/trades")).GetProperty("items").EnumerateArray()
            .Where(t => t.GetProperty("status").GetString() == "open").ToList();

    public static async Task<JsonElement> LastSignalAsync(this HttpClient client, long recorderId) =>
        (await client.GetJsonAsync($"/api/recorders/{recorderId}/signals")).GetProperty("items")[0];

    /// <summary>Posts a body that must be answered 200, and returns its status word.</summary>
    public static async Task<(string Status, JsonElement Body)> SendOkAsync(this HttpClient client, string path, string body)
    {
        var (status, json) = await client.PostWebhookAsync(path, body);
        Assert.True(status == HttpStatusCode.OK, $"{body} -> {(int)status} {json}");
        return (json.GetProperty("status").GetString()!, json);
    }

    private static string Describe(JsonElement p) =>
        $"{p.GetProperty("side").GetString()} {p.GetProperty("totalQuantity").GetDecimal():0.####}@{p.GetProperty("avgEntryPrice").GetDecimal():0.####}";
}
