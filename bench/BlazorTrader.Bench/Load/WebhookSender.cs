using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace BlazorTrader.Bench.Load;

/// <summary>What one webhook got back, kept per sequence number for the database check afterwards.</summary>
internal enum SendOutcome : byte { NotSent, Accepted, Duplicate, OtherOk, Non200, Failed }

/// <summary>
/// Sends pre-formatted alert bodies over one pooled <see cref="SocketsHttpHandler"/> and classifies the answers by
/// scanning the response bytes for the status (no JSON parse, no per-request allocation beyond HttpClient's own).
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    private static readonly MediaTypeHeaderValue TextPlain = new("text/plain") { CharSet = "utf-8" };
    private static readonly byte[] AcceptedStatus = Encoding.UTF8.GetBytes("\"status\":\"accepted\"");
    private static readonly byte[] DuplicateStatus = Encoding.UTF8.GetBytes("\"status\":\"duplicate\"");
    private readonly HttpClient _http;
    private readonly Uri[] _paths;
    private readonly AlertBodies _bodies;
    private readonly long[] _statusCounts = new long[600];

    public WebhookSender(string baseUrl, AlertBodies bodies, int maxConnections)
    {
        _bodies = bodies;
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections, UseCookies = false, UseProxy = false, AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        _paths = [.. bodies.Targets.Select(t => new Uri(t.Path, UriKind.Relative))];
    }

    public async Task<SendOutcome> SendAsync(long seq, DateTime alertTimeUtc, CancellationToken ct)
    {
        var body = _bodies.Rent(seq, alertTimeUtc, out var length);
        var answer = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _paths[(int)(seq % _paths.Length)]);
            request.Content = new ByteArrayContent(body, 0, length);
            request.Content.Headers.ContentType = TextPlain;
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var read = 0;
            int n;
            while (read < answer.Length && (n = await stream.ReadAsync(answer.AsMemory(read), ct)) > 0) read += n;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref _statusCounts[Math.Clamp((int)response.StatusCode, 0, _statusCounts.Length - 1)]);
                return SendOutcome.Non200;
            }
            var text = answer.AsSpan(0, read);
            return text.IndexOf(AcceptedStatus) >= 0 ? SendOutcome.Accepted
                : text.IndexOf(DuplicateStatus) >= 0 ? SendOutcome.Duplicate
                : SendOutcome.OtherOk;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return SendOutcome.Failed;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
            ArrayPool<byte>.Shared.Return(answer);
        }
    }

    /// <summary>The non-200 answers by status code, e.g. "503 x12"; empty when there were none.</summary>
    public string Non200Summary() => string.Join(", ", _statusCounts.Select((n, code) => (n, code)).Where(x => x.n > 0).Select(x => $"{x.code} x{x.n}"));

    public void Dispose() => _http.Dispose();
}
