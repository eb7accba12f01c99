using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Tests.Engine.Execution.Tradovate.Fake;

/// <summary>A placement as the fake received it: the path and the JSON body, for asserting isAutomated and clOrdId.</summary>
internal sealed record FakePlacement(string Path, JsonObject Body, string? Token);

/// <summary>
/// A fake Tradovate (demo) on loopback, REST under <c>/v1</c> and the user-data websocket at <c>/v1/websocket</c>, with the
/// behaviour of reference §7: logins (good, bad, penalty), renewal, the OAuth code exchange and its login page, Bearer
/// checks, reads, placements (OSO, OCO, modify, cancel, liquidate) with their events, and scripted faults. Its clock is the
/// app's fake clock, so token expiry follows the test. Socket handling: <c>FakeTradovateServer.Socket.cs</c>.
/// </summary>
internal sealed partial class FakeTradovateServer : IAsyncDisposable
{
    public const long UserId = 77;
    public const string UserName = "trader1";
    public const string Password = "correct-password";
    public const string Sec = "api-secret";
    public const long Cid = 8;
    public const string ClientId = "bt-oauth-app";
    public const string ClientSecret = "bt-oauth-secret";
    public const string AccountOne = "DEMO111", AccountTwo = "DEMO222";
    public static readonly long[] AccountIds = [1001, 1002];
    public const long FrontContractId = 9001;   // MNQZ6
    public const long NextContractId = 9002;    // MNQH7
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, bool Revoked)> _tokens = new();
    private readonly ConcurrentDictionary<string, string> _codes = new();
    private int _tokenCounter;

    private FakeTradovateServer(WebApplication app, TimeProvider time)
    {
        _app = app;
        Time = time;
        Venue = new FakeTradovateVenue(() => Time);
    }

    /// <summary>The app's fake clock (set before the app starts): token expiry and penalty times follow it.</summary>
    public TimeProvider Time { get; set; }
    public FakeTradovateVenue Venue { get; }
    public Uri BaseUrl { get; private set; } = null!;

    // What the fake saw.
    public int Logins => _logins;
    private int _logins;
    public int Renewals => _renewals;
    private int _renewals;
    public ConcurrentQueue<FakePlacement> Placements { get; } = new();
    public ConcurrentQueue<string> Requests { get; } = new();
    public ConcurrentQueue<JsonObject> OAuthExchanges { get; } = new();

    // Switches.
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(80);
    public bool FillMarketOrders { get; set; } = true;
    /// <summary>The next login answers a p-captcha penalty.</summary>
    public bool CaptchaNextLogin { get; set; }
    /// <summary>The next placement answers a p-ticket with this p-time; the resend with the ticket goes through.</summary>
    public int? PenaltyNextPlacementSeconds { get; set; }
    /// <summary>The next placement is accepted (order created, events sent) but answered only after this delay.</summary>
    public TimeSpan? DelayNextPlacementAnswer { get; set; }
    /// <summary>The next request of any kind answers this status (429, 423).</summary>
    public int? NextStatus { get; set; }
    private string? _issuedTicket;

    public static async Task<FakeTradovateServer> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTradovateServer(app, time ?? TimeProvider.System);
        app.UseWebSockets();
        app.Use(fake.RecordAndScriptAsync);
        fake.MapRoutes(app);
        await app.StartAsync();
        var address = new Uri(app.Urls.Single());
        fake.BaseUrl = new Uri($"http://{address.Host}:{address.Port}/v1");
        return fake;
    }

    /// <summary>Where the app's OAuth settings point: the fake's login page.</summary>
    public string OAuthUrl => $"{BaseUrl.GetLeftPart(UriPartial.Authority)}/oauth";

    private async Task RecordAndScriptAsync(HttpContext http, RequestDelegate next)
    {
        Requests.Enqueue(http.Request.Path.Value!);
        if (NextStatus is { } status && http.Request.Path.StartsWithSegments("/v1") && !http.WebSockets.IsWebSocketRequest)
        {
            NextStatus = null;
            http.Response.StatusCode = status;
            return;
        }
        await next(http);
    }

    private void MapRoutes(WebApplication app)
    {
        app.MapPost("/v1/auth/accesstokenrequest", (Delegate)LoginAsync);
        app.MapGet("/v1/auth/renewaccesstoken", (HttpContext http) => Authorized(http, out var token) is { } denied ? denied : Renew(token));
        app.MapPost("/v1/auth/oauthtoken", (Delegate)OAuthTokenAsync);
        app.MapGet("/oauth", (Delegate)LoginPage);
        app.MapGet("/v1/auth/me", (HttpContext http) => Authorized(http, out _) ?? Json(new JsonObject { ["userId"] = UserId, ["name"] = UserName }));
        app.MapGet("/v1/account/list", (HttpContext http) => Authorized(http, out _) ?? Json(Accounts()));
        app.MapGet("/v1/position/list", (HttpContext http) => Authorized(http, out _) ?? Json(new JsonArray([.. Venue.Positions()])));
        app.MapGet("/v1/order/list", (HttpContext http) => Authorized(http, out _) ?? Json(new JsonArray([.. Venue.Orders()])));
        app.MapGet("/v1/fill/list", (HttpContext http) => Authorized(http, out _) ?? Json(new JsonArray([.. Venue.Fills()])));
        app.MapGet("/v1/command/list", (HttpContext http) => Authorized(http, out _) ?? Json(new JsonArray([.. Venue.Commands()])));
        app.MapGet("/v1/order/deps", (HttpContext http, long masterid) =>
            Authorized(http, out _) ?? Json(new JsonArray([.. Venue.Orders(o => (long)o["accountId"]! == masterid)])));
        app.MapPost("/v1/cashBalance/getcashbalancesnapshot", async (HttpContext http) =>
        {
            if (Authorized(http, out _) is { } denied) return denied;
            var body = await BodyAsync(http);
            var cash = Venue.Cash((long)body["accountId"]!);
            return Json(new JsonObject { ["totalCashValue"] = cash["amount"]!.DeepClone(), ["netLiq"] = cash["amount"]!.DeepClone(), ["realizedPnL"] = cash["realizedPnL"]!.DeepClone() });
        });
        app.MapGet("/v1/product/find", (HttpContext http, string name) => Authorized(http, out _) ?? (name == "MNQ"
            ? Json(new JsonObject { ["id"] = 5, ["name"] = "MNQ", ["months"] = "HMUZ", ["valuePerPoint"] = FakeTradovateVenue.ValuePerPoint, ["tickSize"] = FakeTradovateVenue.TickSize })
            : Results.NotFound()));
        app.MapGet("/v1/contract/find", (HttpContext http, string name) => Authorized(http, out _)
            ?? (Contracts().FirstOrDefault(c => (string)c!["name"]! == name) is { } c ? Json(c.DeepClone()) : Results.NotFound()));
        app.MapGet("/v1/contract/suggest", (HttpContext http, string t, int? l) => Authorized(http, out _)
            ?? Json(new JsonArray([.. Contracts().Where(c => ((string)c!["name"]!).StartsWith(t, StringComparison.OrdinalIgnoreCase)).Take(l ?? 10).Select(c => c!.DeepClone())])));
        app.MapGet("/v1/contract/item", (HttpContext http, long id) => Authorized(http, out _)
            ?? (Contracts().FirstOrDefault(c => (long)c!["id"]! == id) is { } c ? Json(c.DeepClone()) : Results.NotFound()));
        foreach (var path in new[] { "placeorder", "placeOSO", "placeOCO", "modifyorder", "cancelorder", "liquidateposition" })
            app.MapPost($"/v1/order/{path}", (Delegate)((HttpContext http) => PlaceAsync(http, path)));
        app.Map("/v1/websocket", AcceptSocketAsync);
    }

    private static JsonArray Accounts() => new(
        new JsonObject { ["id"] = AccountIds[0], ["name"] = AccountOne, ["userId"] = UserId, ["accountType"] = "Customer", ["active"] = true },
        new JsonObject { ["id"] = AccountIds[1], ["name"] = AccountTwo, ["userId"] = UserId, ["accountType"] = "Customer", ["active"] = true });

    private static JsonArray Contracts() => new(
        new JsonObject { ["id"] = FrontContractId, ["name"] = "MNQZ6", ["contractMaturityId"] = 61, ["status"] = "DefinitionChecked" },
        new JsonObject { ["id"] = NextContractId, ["name"] = "MNQH7", ["contractMaturityId"] = 62, ["status"] = "DefinitionChecked" });

    private async Task<IResult> LoginAsync(HttpContext http)
    {
        var body = await BodyAsync(http);
        Interlocked.Increment(ref _logins);
        if (CaptchaNextLogin)
        {
            CaptchaNextLogin = false;
            return Json(new JsonObject { ["p-ticket"] = "captcha-ticket", ["p-time"] = 3600, ["p-captcha"] = true });
        }
        if ((string?)body["name"] != UserName || (string?)body["password"] != Password || (string?)body["sec"] != Sec || body["cid"]?.GetValue<long>() != Cid)
            return Json(new JsonObject { ["errorText"] = "Incorrect username or password. Please try again." });
        // A fresh login starts a new session: the user's older sockets are dropped (their tokens stay valid here).
        return Json(Issue());
    }

    private IResult Renew(string token)
    {
        Interlocked.Increment(ref _renewals);
        return Json(Issue());
    }

    private JsonObject Issue()
    {
        var token = $"tok-{Interlocked.Increment(ref _tokenCounter)}";
        var expires = Time.GetUtcNow().Add(TokenLifetime);
        _tokens[token] = (expires, false);
        return new JsonObject
        {
            ["accessToken"] = token, ["mdAccessToken"] = $"md-{token}", ["expirationTime"] = expires.UtcDateTime.ToString("O"), ["userStatus"] = "Active",
            ["userId"] = UserId, ["name"] = UserName, ["hasLive"] = false,
        };
    }

    /// <summary>Every token issued so far stops working (the user changed the password, or another login took them).</summary>
    public void RevokeTokens()
    {
        foreach (var key in _tokens.Keys) _tokens[key] = _tokens[key] with { Revoked = true };
    }

    private IResult LoginPage(HttpContext http)
    {
        // The real page asks the person to sign in; the fake consents at once.
        var q = http.Request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code") return Results.BadRequest("unknown client");
        var code = $"code-{Guid.NewGuid():N}";
        _codes[code] = q["redirect_uri"]!;
        return Results.Redirect($"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"]!)}");
    }

    private async Task<IResult> OAuthTokenAsync(HttpContext http)
    {
        JsonObject body;
        if (http.Request.HasFormContentType)
            body = new JsonObject([.. (await http.Request.ReadFormAsync()).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value.ToString())))]);
        else body = await BodyAsync(http);
        OAuthExchanges.Enqueue(body);
        var code = (string?)body["code"];
        if ((string?)body["client_id"] != ClientId || (string?)body["client_secret"] != ClientSecret || code is null
            || !_codes.TryRemove(code, out var redirect) || redirect != (string?)body["redirect_uri"])
            return Json(new JsonObject { ["error"] = "invalid_grant", ["error_description"] = "unknown code, client or redirect" });
        var issued = Issue();
        return Json(new JsonObject { ["access_token"] = issued["accessToken"]!.DeepClone(), ["token_type"] = "Bearer", ["expires_in"] = (long)TokenLifetime.TotalSeconds });
    }

    /// <summary>Null when the Bearer token is good; else the 401 the client must see.</summary>
    private IResult? Authorized(HttpContext http, out string token)
    {
        token = http.Request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : "";
        return TokenValid(token) ? null : Results.Text("\"Access is denied\"", "application/json", statusCode: 401);
    }

    private bool TokenValid(string token) => _tokens.TryGetValue(token, out var t) && !t.Revoked && Time.GetUtcNow() < t.Expires;

    private static async Task<JsonObject> BodyAsync(HttpContext http) =>
        await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json");

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets.Keys) socket.Abort();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
