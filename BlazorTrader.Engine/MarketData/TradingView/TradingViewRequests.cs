using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>Client → server payloads <c>{"m":name,"p":[...]}</c>, not yet framed.</summary>
public static class TradingViewRequests
{
    private const string SessionIdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // Relaxed escaping keeps '=' JSON symbol forms and non-ASCII names readable; the server echoes the decoded string.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A fresh quote session id: <c>qs_</c> plus 12 random letters or digits.</summary>
    public static string NewQuoteSessionId() => "qs_" + RandomNumberGenerator.GetString(SessionIdAlphabet, 12);

    public static string SetAuthToken(string token) => Build("set_auth_token", [token]);

    public static string QuoteCreateSession(string session) => Build("quote_create_session", [session]);

    public static string QuoteSetFields(string session, IEnumerable<string> fields) => Build("quote_set_fields", [session, .. fields]);

    /// <summary>Plain symbol strings only: the old <c>force_permission</c> flags object now gets a critical_error.</summary>
    public static string QuoteAddSymbols(string session, IEnumerable<string> symbols) => Build("quote_add_symbols", [session, .. symbols]);

    public static string QuoteRemoveSymbols(string session, IEnumerable<string> symbols) => Build("quote_remove_symbols", [session, .. symbols]);

    public static string QuoteDeleteSession(string session) => Build("quote_delete_session", [session]);

    private static string Build(string method, IReadOnlyList<string> parameters)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("m", method);
            json.WriteStartArray("p");
            foreach (var parameter in parameters)
                json.WriteStringValue(parameter);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
