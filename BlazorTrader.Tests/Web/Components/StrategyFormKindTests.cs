using BlazorTrader.Components.Pages;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Strategies;
using BlazorTrader.Engine.Strategies.SpxCalendar;

namespace BlazorTrader.Tests.Web.Components;

/// <summary>The strategies page's kind selector: a calendar saves its parameters panel, a single strategy none.</summary>
public sealed class StrategyFormKindTests
{
    [Fact]
    public void SpxCalendar_EditedParameters_AreSavedWithEveryField()
    {
        // Arrange
        var form = new StrategyForm { Name = "spx", AccountId = 1, Kind = StrategyKind.SpxDoubleCalendar };
        form.Spx.Quantity = 2;
        form.Spx.ExitTime = "14:30";

        // Act
        var (draft, error) = form.ToDraft();

        // Assert
        Assert.Null(error);
        var saved = Assert.IsType<SpxCalendarParameters>(StrategyParametersJson.Parse(draft!.Kind, draft.ParametersJson, out var errors));
        Assert.Empty(errors);
        Assert.Equal(new SpxCalendarParameters { Quantity = 2, ExitTime = new TimeOnly(14, 30) }, saved);
    }

    [Fact]
    public void SpxCalendar_ABadTime_IsNamed()
    {
        var form = new StrategyForm { Kind = StrategyKind.SpxDoubleCalendar };
        form.Spx.ReconcileTime = "5pm";

        Assert.Equal((null, "Reconcile time must be HH:mm"), form.ToDraft());
    }

    [Fact]
    public void From_ACalendarRow_ShowsItsParameters()
    {
        var row = new ScheduledStrategyEntity
        {
            Name = "spx", Ticker = "SPX", Kind = StrategyKind.SpxDoubleCalendar,
            ParametersJson = StrategyParametersJson.Serialize(new SpxCalendarParameters { MaxOpen = 3, TargetDelta = 0.25m }),
        };

        var form = StrategyForm.From(row);

        Assert.Equal((StrategyKind.SpxDoubleCalendar, 3, 0.25m, 4), (form.Kind, form.Spx.MaxOpen, form.Spx.TargetDelta, form.Spx.Quantity));
    }

    [Fact]
    public void Single_SavesNoParameters()
    {
        var (draft, _) = new StrategyForm { Ticker = "MNQ1!", ParametersJson = "{\"quantity\":2}" }.ToDraft();

        Assert.Equal((StrategyKind.Single, null), (draft!.Kind, draft.ParametersJson));
    }
}
