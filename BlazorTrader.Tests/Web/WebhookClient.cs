using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BlazorTrader.Tests.Web;

/// <summary>Posts webhook bodies the way TradingView does (text/plain unless told otherwise).</summary>
public static class WebhookClient
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostWebhookAsync(this HttpClient client, string path, string body,
        string contentType = "text/plain")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        using var response = await client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response.StatusCode, json);
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
