using BlazorTrader.Components.Recorders;
using BlazorTrader.Engine.Recorders;
using Bunit;

namespace BlazorTrader.Tests.Web.Components;

public class TpTargetsEditorTests : MudTestContext
{
    private IRenderedComponent<TpTargetsEditor> RenderEditor(List<TpTargetRow> targets, IReadOnlyDictionary<string, string[]>? errors = null) =>
        Render<TpTargetsEditor>(p => p
            .Add(x => x.Targets, targets)
            .Add(x => x.Units, PriceUnits.Ticks)
            .Add(x => x.Errors, errors));

    [Fact]
    public void AddTarget_GoesOneStepFurther_AndTakesTheRestOfTheTrim()
    {
        // Arrange
        var targets = new List<TpTargetRow> { new() { Value = 10, Trim = 50 }, new() { Value = 20, Trim = 25 } };
        var cut = RenderEditor(targets);

        // Act
        cut.Find("[data-testid=tp-add]").Click();

        // Assert
        Assert.Equal(3, targets.Count);
        Assert.Equal(30m, targets[2].Value);
        Assert.Equal(25m, targets[2].Trim);
        Assert.Equal(3, cut.FindAll("[data-testid=tp-row]").Count);
        Assert.Contains("Trims add up to 100%", cut.Find("[data-testid=tp-trim-total]").TextContent);
    }

    [Fact]
    public void EditingATrim_UpdatesTheTotal_AndFlagsItWhenNot100()
    {
        var targets = new List<TpTargetRow> { new() { Value = 10, Trim = 50 }, new() { Value = 20, Trim = 50 } };
        var cut = RenderEditor(targets);

        cut.Find("input[data-testid=tp-trim-1]").Input("30");

        Assert.Equal(30m, targets[1].Trim);
        var total = cut.Find("[data-testid=tp-trim-total]");
        Assert.Contains("Trims add up to 80%", total.TextContent);
        Assert.Contains("bt-neg", total.ClassName);
    }

    [Fact]
    public void SpreadEvenly_MakesTrimsAddUpToExactly100()
    {
        var targets = new List<TpTargetRow> { new() { Value = 5, Trim = 10 }, new() { Value = 10, Trim = 10 }, new() { Value = 15, Trim = 10 } };
        var cut = RenderEditor(targets);

        cut.Find("[data-testid=tp-spread]").Click();

        Assert.Equal([33.33m, 33.33m, 33.34m], targets.Select(t => t.Trim));
        Assert.Equal(100m, targets.Sum(t => t.Trim));
    }

    [Fact]
    public void RemoveTarget_DropsTheRow()
    {
        var targets = new List<TpTargetRow> { new() { Value = 10, Trim = 50 }, new() { Value = 20, Trim = 50 } };
        var cut = RenderEditor(targets);

        cut.Find("[data-testid=tp-remove-0]").Click();

        Assert.Single(targets);
        Assert.Equal(20m, targets[0].Value);
        Assert.Single(cut.FindAll("[data-testid=tp-row]"));
    }

    [Fact]
    public void ValidatorErrors_ShowOnTheirRow_AndForTheList()
    {
        var targets = new List<TpTargetRow> { new() { Value = 20, Trim = 50 }, new() { Value = 10, Trim = 40 } };
        var errors = new Dictionary<string, string[]>
        {
            ["tpTargets[1].value"] = ["targets must be in increasing distance from entry"],
            ["tpTargets"] = ["the trims add up to 90; they must add up to 100"],
        };

        var cut = RenderEditor(targets, errors);

        Assert.Contains("increasing distance", cut.Find("input[data-testid=tp-value-1]").Closest(".mud-input-control")!.TextContent);
        Assert.Contains("they must add up to 100", cut.Find("[data-testid=tp-error]").TextContent);
    }
}
