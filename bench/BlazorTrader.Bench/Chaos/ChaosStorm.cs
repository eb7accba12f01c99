using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace BlazorTrader.Bench.Chaos;

/// <summary>One alert of a storm, byte-identical on every send (same id and time), so a resend is the same alert.</summary>
internal sealed record StormAlert(string AlertId, string Ticker, bool Buy, byte[] Body);

internal enum StormAnswer : byte { None, Accepted, Duplicate, OtherOk, Rejected, Unavailable, Failed }

/// <summary>
/// A storm of buy/sell alerts (quantity 1, random side and ticker) for one recorder, sent by a few connections.
/// The first send can be cut by a kill; the resend retries each alert until it gets a final answer.
/// </summary>
internal sealed class ChaosStorm
{
    public static readonly (string Ticker, decimal Price)[] Tickers = [("MNQ1!", 21500.25m), ("ES1!", 6000.25m), ("NQ1!", 21500.50m)];
    private static readonly MediaTypeHeaderValue TextPlain = new("text/plain") { CharSet = "utf-8" };

    public ChaosStorm(string tag, int size, Random rng)
    {
        var time = DateTime.UtcNow;
        var alerts = new StormAlert[size];
        for (var i = 0; i < size; i++)
        {
            var (ticker, price) = Tickers[rng.Next(Tickers.Length)];
            var buy = rng.Next(2) == 0;
            var id = $"{tag}-{i:D5}";
            var body = $$"""{"action":"{{(buy ? "buy" : "sell")}}","ticker":"{{ticker}}","price":{{price.ToString(CultureInfo.InvariantCulture)}},"quantity":1,"id":"{{id}}","time":"{{time.AddMilliseconds(i):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}"}""";
            alerts[i] = new StormAlert(id, ticker, buy, Encoding.UTF8.GetBytes(body));
        }
        Alerts = alerts;
    }

    public IReadOnlyList<StormAlert> Alerts { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _answers = new(StringComparer.Ordinal);

    /// <summary>Every answer so far by kind ("accepted", "503", "connection"), for the round's line.</summary>
    public string AnswerSummary() => string.Join(", ", _answers.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} x{kv.Value}"));

    public void ResetAnswers() => _answers.Clear();

    private void Count(string kind) => _answers.AddOrUpdate(kind, 1, (_, n) => n + 1);

    /// <summary>Sends every alert once; <paramref name="onAnswer"/> sees the running count of answers (the kill hook).</summary>
    public async Task<StormAnswer[]> SendOnceAsync(HttpClient http, string path, int connections, Func<int, bool> onAnswer, CancellationToken ct)
    {
        var answers = new StormAnswer[Alerts.Count];
        var next = -1;
        var answered = 0;
        var stopped = false;
        async Task WorkerAsync()
        {
            int i;
            while (!Volatile.Read(ref stopped) && (i = Interlocked.Increment(ref next)) < Alerts.Count)
            {
                answers[i] = await PostAsync(http, path, Alerts[i].Body, ct);
                if (answers[i] is not (StormAnswer.Failed or StormAnswer.Unavailable) && !onAnswer(Interlocked.Increment(ref answered)))
                    Volatile.Write(ref stopped, true);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(WorkerAsync, ct)));
        return answers;
    }

    /// <summary>Sends every alert until it has a final answer (200 or a 4xx other than 408/429), retrying 503s and dropped connections.</summary>
    public async Task<StormAnswer[]> ResendAsync(HttpClient http, string path, int connections, CancellationToken ct)
    {
        var answers = new StormAnswer[Alerts.Count];
        var next = -1;
        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Alerts.Count)
            {
                for (var attempt = 0; attempt < 50; attempt++)
                {
                    answers[i] = await PostAsync(http, path, Alerts[i].Body, ct);
                    if (answers[i] is not (StormAnswer.Failed or StormAnswer.Unavailable)) break;
                    await Task.Delay(200, ct);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(WorkerAsync, ct)));
        return answers;
    }

    private async Task<StormAnswer> PostAsync(HttpClient http, string path, byte[] body, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = TextPlain;
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var answer = response.StatusCode switch
            {
                HttpStatusCode.OK when text.Contains("\"status\":\"accepted\"", StringComparison.Ordinal) => StormAnswer.Accepted,
                HttpStatusCode.OK when text.Contains("\"status\":\"duplicate\"", StringComparison.Ordinal) => StormAnswer.Duplicate,
                HttpStatusCode.OK => StormAnswer.OtherOk,
                HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => StormAnswer.Unavailable,
                >= HttpStatusCode.InternalServerError => StormAnswer.Failed,
                _ => StormAnswer.Rejected,
            };
            Count(answer switch
            {
                StormAnswer.Accepted => "accepted", StormAnswer.Duplicate => "duplicate",
                StormAnswer.OtherOk => "200 " + (text.Length > 40 ? text[..40] : text), _ => ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
            });
            return answer;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            Count("no answer (connection)");
            return StormAnswer.Failed;
        }
    }
}
