using BlazorTrader.Components.Strategies;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Strategies.GapAndGo;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Components;

/// <summary>The gap-and-go panel of the strategies page (issue 17): what it shows of the engine's day, and that each button
/// is the engine command it says.</summary>
public sealed class GapAndGoPanelTests : MudTestContext
{
    private static readonly ScanReply Scan = new(new DateTimeOffset(2026, 11, 19, 15, 0, 0, TimeSpan.Zero), new DateOnly(2026, 11, 19),
    [
        new("GAPR", 10.60m, 10.00m, 6.00m, 49.93m, 0.35m, 10.5870m, 16, true, "gap 6.00 % >= 5", "entered"),
        new("STRG", 20.80m, 20.00m, 4.00m, 87.34m, 0.31m, 20.4070m, 16, false, "rsi 87.3 >= 60", "none"),
    ]);

    private static GapAndGoDayView Day(bool halted = false) => new(GapAndGoStatus.Ok, new DateOnly(2026, 11, 19), halted, halted ? "halted from the page" : null,
        250_030.86m, Scan,
        [new GapAndGoPositionView("GAPR", 589m, 10.60m, 10.70m, 58.90m,
            new GapAndGoOrderView("gap:1:2026-11-19:GAPR:1:tp", 10.79m, "submitted", "1002"), new GapAndGoOrderView("gap:1:2026-11-19:GAPR:1:sl", 10.50m, "submitted", "1001"))],
        [new GapAndGoClosedView("SOFI", 100m, 8.00m, 7.93m, "stop", -7.00m, new DateTime(2026, 11, 19, 14, 45, 0, DateTimeKind.Utc))],
        51.90m);

    /// <summary>Answers the panel's commands like the engine would and records them.</summary>
    private sealed class ScriptedEngine : ITradingEngine
    {
        public List<EngineCommand> Sent { get; } = [];
        public bool Halted { get; set; }
        public bool IsReady => true;

        public Task<TResult> SendAsync<TResult>(EngineRequest<TResult> request, TimeSpan timeout, CancellationToken ct = default)
        {
            lock (Sent) Sent.Add(request);
            object answer = request switch
            {
                GetGapAndGoDay => Day(Halted),
                RunGapAndGoScan => new GapAndGoScanOutcome(GapAndGoStatus.Ok, Scan),
                SetGapAndGoHalt h => new GapAndGoHaltState(GapAndGoStatus.Ok, Halted = h.Halted, new DateOnly(2026, 11, 19), h.Reason),
                LiquidateGapAndGo => new GapAndGoLiquidationOutcome(GapAndGoStatus.Ok,
                    [new GapAndGoLiquidationStep("GAPR", "cancel", 589m, "gap:1:2026-11-19:GAPR:1:tp", ""), new GapAndGoLiquidationStep("GAPR", "sell", 589m, "gap:1:2026-11-19:GAPR:liquidate", "")]),
                _ => throw new InvalidOperationException(request.GetType().Name),
            };
            return Task.FromResult((TResult)answer);
        }

        public ValueTask PostAsync(EngineCommand command, CancellationToken ct = default) => ValueTask.CompletedTask;

        public List<T> OfType<T>() { lock (Sent) return [.. Sent.OfType<T>()]; }
    }

    private readonly ScriptedEngine _engine = new();

    public GapAndGoPanelTests() => Services.AddSingleton<ITradingEngine>(_engine);

    private IRenderedComponent<GapAndGoPanel> RenderPanel() => Render<GapAndGoPanel>(p => p
        .Add(x => x.StrategyId, 1).Add(x => x.Name, "gap and go").Add(x => x.NextScan, "Thu 2026-11-19 10:15 ET")
        .Add(x => x.Parameters, new GapAndGoParameters { Universe = ["GAPR", "STRG"] }));

    [Fact]
    public void Shows_TheScanTable_NextScan_PositionsWithTheirBracketAtTheBroker_ClosedToday_AndTheDaysPnl()
    {
        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=gap-scan-table] tbody tr").Count), Wait);
        Assert.Equal(["GAPR", "10.6", "10", "6", "49.93", "0.35", "10.587", "16", "yes", "gap 6.00 % >= 5", "entered"],
            panel.FindAll("[data-testid=gap-scan-table] tr[data-symbol=GAPR] td").Select(td => td.TextContent.Trim()));
        Assert.Equal(["no", "rsi 87.3 >= 60", "none"],
            panel.FindAll("[data-testid=gap-scan-table] tr[data-symbol=STRG] td").Skip(8).Select(td => td.TextContent.Trim()));
        Assert.Contains("Next scan: Thu 2026-11-19 10:15 ET", panel.Find("[data-testid=gap-next-scan]").TextContent);
        Assert.Contains("Latest scan: 10:00:00 ET", panel.Find("[data-testid=gap-scan-at]").TextContent);
        Assert.Contains("Universe GAPR, STRG · gap >= 5 % · RSI < 60 · ATR >= 0.3 %", panel.Find("[data-testid=gap-parameters]").TextContent);
        Assert.Contains("liquidate at 15:55 ET (untracked too)", panel.Find("[data-testid=gap-parameters]").TextContent);
        var position = panel.FindAll("[data-testid=gap-positions] tr[data-symbol=GAPR] td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["GAPR", "589", "10.6", "10.7"], position[..4]);
        Assert.Equal(["10.79 (submitted #1002)", "10.5 (submitted #1001)"], position[5..]);
        var closed = panel.FindAll("[data-testid=gap-closed] tr[data-symbol=SOFI] td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["SOFI", "100", "8", "7.93", "stop", "09:45:00 ET"], closed[..6]);
        Assert.Contains("7.00", closed[6]);
        Assert.Contains("51.90", panel.Find("[data-testid=gap-day-pnl]").TextContent);
    }

    [Fact]
    public void Buttons_SendScanHaltResumeAndLiquidate_ToTheEngine()
    {
        // Arrange
        var panel = RenderPanel();
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=gap-scan-table] tbody tr")), Wait);

        // Act / Assert: scan now
        panel.Find("[data-testid=gap-scan]").Click();
        panel.WaitForAssertion(() => Assert.Single(_engine.OfType<RunGapAndGoScan>()), Wait);
        Assert.Equal((1L, "manual"), (_engine.OfType<RunGapAndGoScan>()[0].StrategyId, _engine.OfType<RunGapAndGoScan>()[0].Trigger));

        // halt, then the page offers resume
        panel.Find("[data-testid=gap-halt]").Click();
        panel.WaitForAssertion(() => Assert.Contains("halted: halted from the page", panel.Find("[data-testid=gap-halted]").TextContent), Wait);
        panel.Find("[data-testid=gap-resume]").Click();
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=gap-halted]")), Wait);
        Assert.Equal([true, false], _engine.OfType<SetGapAndGoHalt>().Select(h => h.Halted));

        // liquidate now
        panel.Find("[data-testid=gap-liquidate]").Click();
        panel.WaitForAssertion(() => Assert.Single(_engine.OfType<LiquidateGapAndGo>()), Wait);
    }
}
