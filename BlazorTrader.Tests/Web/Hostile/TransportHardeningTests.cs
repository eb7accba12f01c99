using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Tests.Web.Hostile;

/// <summary>
/// What only a real server shows (Kestrel on loopback, raw sockets: TestServer has no body timeouts), the logs, and the
/// app started as its own process from another directory.
/// </summary>
public sealed class TransportHardeningTests
{
    /// <summary>The real app on Kestrel at a free loopback port, its log lines captured.</summary>
    private sealed class KestrelApp : AppFactory
    {
        public KestrelApp() : base(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        })
        {
            Port = FreePort();
            UseKestrel(Port);
            StartServer();
        }

        public int Port { get; }

        public LogCapture Logs { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Logs);

        public async Task<bool> AnySignalAsync(long recorderId)
        {
            await using var db = await Services.GetRequiredService<IDbContextFactory<TradingDbContext>>().CreateDbContextAsync();
            return await db.Signals.AnyAsync(s => s.RecorderId == recorderId);
        }
    }

    [Fact]
    public async Task StalledBody_IsAnswered408WithinFiveSeconds_AndWritesNothing()
    {
        // Arrange
        using var app = new KestrelApp();
        var (id, path) = await app.CreateRecorderAsync();
        using var socket = await ConnectAsync(app.Port);

        // Act: the head promises 200 bytes, 16 arrive, then nothing
        var started = Stopwatch.StartNew();
        await SendAsync(socket.GetStream(), Head(path, contentLength: 200) + """{"action":"buy",""");
        var status = await ReadStatusAsync(socket.GetStream(), TimeSpan.FromSeconds(20));
        var answeredAfter = started.Elapsed;

        // Assert: Webhooks:BodyReadTimeoutSeconds (4 s) or Kestrel's minimum body rate (240 B/s after 3 s), well before 5 s
        // on an idle machine; the bound allows a loaded CI machine a second more
        Assert.Equal(408, status);
        Assert.True(answeredAfter < TimeSpan.FromSeconds(6), $"answered after {answeredAfter.TotalMilliseconds:0} ms");
        Assert.False(await app.AnySignalAsync(id));
    }

    [Fact]
    public async Task TruncatedBody_TheSenderGoneMidBody_IsLetGoAtOnce_WithoutAServerError_AndWritesNothing()
    {
        // Arrange
        using var app = new KestrelApp();
        var (id, path) = await app.CreateRecorderAsync();
        using var socket = await ConnectAsync(app.Port);
        var stream = socket.GetStream();

        // Act: the sender stops after 28 of 200 bytes and closes its side (it cannot resend more of this request)
        var started = Stopwatch.StartNew();
        await SendAsync(stream, Head(path, contentLength: 200) + """{"action":"buy","ticker":"M""");
        socket.Client.Shutdown(SocketShutdown.Send);
        var status = await ReadStatusAsync(stream, TimeSpan.FromSeconds(20));
        var letGoAfter = started.Elapsed;

        // Assert: Kestrel ends the request as aborted by the client (no one is left to read an answer; a 400 would do
        // too), at once and with no error logged: never a 5xx, never a request left hanging
        Assert.True(status is -1 or 400, $"answered {status}");
        Assert.True(letGoAfter < TimeSpan.FromSeconds(3), $"let go after {letGoAfter.TotalMilliseconds:0} ms");
        Assert.DoesNotContain(app.Logs.Lines(), l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.False(await app.AnySignalAsync(id));
    }

    [Fact]
    public async Task WebhookTokens_NeverReachAnyLogLine_NorAnyStructuredValue()
    {
        // Arrange: request logging at Information writes every request's URL
        using var app = new KestrelApp();
        var (_, path) = await app.CreateRecorderAsync();
        var token = path["/webhook/".Length..];
        using var client = app.CreateClient();

        // Act: a good alert, a bad one, an unknown token
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"ES1!","price":6000}""");
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"ES1!","price":"x"}""");
        await client.PostWebhookAsync($"/webhook/{token}x", """{"action":"buy","ticker":"ES1!","price":6000}""");

        // Assert: the requests were logged, each with the path redacted
        var lines = app.Logs.Lines();
        Assert.Contains(lines, l => l.Contains("/webhook/***", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppStartedFromAnotherWorkingDirectory_LoadsTheConfigurationFilesOfItsOwnFolder()
    {
        // Arrange: a configuration file next to the app's dll sets the API key; the process starts in an empty directory
        var appDll = typeof(Program).Assembly.Location;
        var environment = $"ContentRoot{Guid.NewGuid():N}";
        var settingsFile = Path.Combine(Path.GetDirectoryName(appDll)!, $"appsettings.{environment}.json");
        var elsewhere = Directory.CreateTempSubdirectory("bt-cwd-").FullName;
        const string key = "key-from-the-app-folder";
        await File.WriteAllTextAsync(settingsFile, $$"""{ "BlazorTrader": { "ApiKey": "{{key}}" } }""");
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = elsewhere, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { appDll, "--urls", $"http://127.0.0.1:{port}", "--BlazorTrader:DataDirectory", Path.Combine(elsewhere, "data"), "--MarketData:Source", "None" })
            info.ArgumentList.Add(arg);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.ReturnsAsync(async () =>
            {
                try { return (await http.GetAsync("/health")).StatusCode; }
                catch (HttpRequestException) { return HttpStatusCode.ServiceUnavailable; }
                catch (TaskCanceledException) { return HttpStatusCode.ServiceUnavailable; }
            }, s => s == HttpStatusCode.OK || process.HasExited, "the app to start", 120_000);
            Assert.False(process.HasExited, "the app exited while starting");

            // Act
            using var withKey = new HttpRequestMessage(HttpMethod.Get, "/api/accounts") { Headers = { { "X-Api-Key", key } } };
            using var withOther = new HttpRequestMessage(HttpMethod.Get, "/api/accounts") { Headers = { { "X-Api-Key", "another-key" } } };
            using var accepted = await http.SendAsync(withKey);
            using var refused = await http.SendAsync(withOther);

            // Assert: the key came from the file in the app's folder, not from the working directory
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.False(File.Exists(Path.Combine(elsewhere, $"appsettings.{environment}.json")));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            File.Delete(settingsFile);
            try { Directory.Delete(elsewhere, recursive: true); } catch (IOException) { /* best effort */ }
        }
    }

    private static string Head(string path, int contentLength) =>
        $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: {contentLength}\r\n\r\n";

    private static async Task<TcpClient> ConnectAsync(int port)
    {
        var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return socket;
    }

    private static Task SendAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    /// <summary>The status code of the first response line, or -1 when the server closed (or reset) without answering.</summary>
    private static async Task<int> ReadStatusAsync(NetworkStream stream, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var buffer = new byte[1024];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\r\n", StringComparison.Ordinal))
        {
            int n;
            try { n = await stream.ReadAsync(buffer, timeout.Token); }
            catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset }) { return -1; }
            if (n == 0) return -1;
            received.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        return int.Parse(received.ToString().Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every log line as its sinks would get it: the message and each structured value.</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly List<string> _lines = [];

        public List<string> Lines()
        {
            lock (_lines) return [.. _lines];
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(LogCapture owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" | ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lock (owner._lines) owner._lines.Add($"{logLevel}: {formatter(state, exception)} || {values} || {exception?.Message}");
            }
        }
    }
}
