using Bunit;
using BlazorTrader.Components.Shared;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace BlazorTrader.Tests.Web.Components;

/// <summary>bUnit set up as MudBlazor tests its own components: loose JS interop, no transitions, no popover-provider check.</summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddSingleton(Hub);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<IControlCenterActions, UnavailableControlCenterActions>();
        Services.AddSingleton<BlazorTrader.Engine.MarketData.IFeedStatus>(Feed);
        Services.AddSingleton<BlazorTrader.Engine.Accounts.IProtectionStatus>(Protection);
        Services.AddSingleton(new ExchangeTime(new TradingCalendar()));   // America/New_York, as configured by default
        Services.AddSingleton(sp => new RollWatch(Hub, new ContinuousContracts(InstrumentCatalog.FromConfiguration(null), new TradingCalendar()),
            InstrumentCatalog.FromConfiguration(null), new TradingCalendar()));
        Services.AddSingleton(new TickPrices(InstrumentCatalog.FromConfiguration(null)));
        Services.AddSingleton(LivePrices);
        Services.AddSingleton(new PositionView(LivePrices, InstrumentCatalog.FromConfiguration(null), new FrontMonths(
            new ContinuousContracts(InstrumentCatalog.FromConfiguration(null), new TradingCalendar()), new BrokerContractMonths(),
            InstrumentCatalog.FromConfiguration(null), new TradingCalendar(), Time)));
        // History readers get a real SQLite file, created only when a component asks for it.
        Services.AddSingleton<ComponentTestDatabase>();
        Services.AddSingleton<IDbContextFactory<TradingDbContext>>(sp => sp.GetRequiredService<ComponentTestDatabase>());
        Services.AddSingleton(sp => new TradingReadModel(sp.GetRequiredService<IDbContextFactory<TradingDbContext>>(),
            new BlazorTrader.Endpoints.PnlSeries(new TradingCalendar(), InstrumentCatalog.FromConfiguration(null)), new TradingCalendar(), Time));
    }

    /// <summary>How long a test waits for a throttled render; generous, because CI machines are shared and the pump runs on the thread pool.</summary>
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    protected EngineEventHub Hub { get; } = new();

    protected FixedFeedStatus Feed { get; } = new();

    protected FixedProtectionStatus Protection { get; } = new();

    /// <summary>The live prices account positions are marked to.</summary>
    protected BlazorTrader.Engine.MarketData.PriceCache LivePrices { get; } = new();

    // MudBlazor's services are only IAsyncDisposable; xUnit v2 disposes test classes synchronously otherwise.
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero));
}
