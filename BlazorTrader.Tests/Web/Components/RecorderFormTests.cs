using BlazorTrader.Components.Recorders;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Services;
using Bunit;

namespace BlazorTrader.Tests.Web.Components;

public class RecorderFormTests : MudTestContext
{
    private RecorderFormModel? _submitted;

    /// <summary>The field's whole control: label, input and its error text.</summary>
    private static string Field(IRenderedComponent<RecorderForm> cut, string testId) =>
        cut.Find($"input[data-testid={testId}]").Closest(".mud-input-control")!.TextContent;

    private IRenderedComponent<RecorderForm> RenderForm(RecorderFormModel model) => Render<RecorderForm>(p => p
        .Add(x => x.Model, model)
        .Add(x => x.OnValidSubmit, m => _submitted = m));

    [Fact]
    public void Submit_WithoutName_ShowsTheValidatorsMessage_AndDoesNotSubmit()
    {
        // Arrange
        var cut = RenderForm(RecorderFormModel.NewDefault());

        // Act
        cut.Find("[data-testid=save]").Click();

        // Assert
        Assert.Null(_submitted);
        Assert.Contains("name is required", cut.Find("[data-testid=form-errors]").TextContent);
        Assert.Contains("name is required", Field(cut, "name"));
    }

    [Fact]
    public void TrimsNot100_AndAStopWithoutDistance_AreReportedLikeTheApiReportsThem()
    {
        var model = RecorderFormModel.NewDefault();
        model.Name = "MNQ scalper";
        model.TpTargets[1].Trim = 25;
        model.SlAmount = 0;
        var cut = RenderForm(model);

        cut.Find("[data-testid=save]").Click();

        var apiErrors = RecorderDraftValidator.Validate(model.ToDraft());
        var shown = cut.Find("[data-testid=form-errors]").TextContent;
        Assert.Null(_submitted);
        Assert.Equal(2, apiErrors.Count);
        Assert.All(apiErrors.Values.SelectMany(v => v), message => Assert.Contains(message, shown));
        Assert.Contains("slAmount must be greater than 0", Field(cut, "sl-amount"));
    }

    [Fact]
    public void FixingTheField_ClearsItsError_WithoutSubmittingAgain()
    {
        var model = RecorderFormModel.NewDefault();
        var cut = RenderForm(model);
        cut.Find("[data-testid=save]").Click();
        Assert.NotEmpty(cut.FindAll("[data-testid=form-errors]"));

        cut.Find("input[data-testid=name]").Input("ES breakout");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=form-errors]")), Wait);
        Assert.Null(_submitted);
    }

    [Fact]
    public void ValidForm_SubmitsTheDraftTheApiWouldAccept()
    {
        var model = RecorderFormModel.NewDefault();
        var cut = RenderForm(model);

        cut.Find("input[data-testid=name]").Input("MNQ scalper");
        cut.Find("input[data-testid=initial-size]").Input("2");
        cut.Find("[data-testid=save]").Click();

        Assert.Same(model, _submitted);
        RecorderDraft draft = _submitted!.ToDraft();
        Assert.Empty(RecorderDraftValidator.Validate(draft));
        Assert.Equal("MNQ scalper", draft.Name);
        Assert.Equal(2m, draft.InitialPositionSize);
        Assert.Equal([new TakeProfitTarget(10, 50), new TakeProfitTarget(20, 50)], draft.TpTargets);
        Assert.True(draft.SlEnabled);
        Assert.Equal(8m, draft.SlAmount);
    }

    [Fact]
    public void FractionalSize_IsRejected_AsTheApiRejectsIt()
    {
        var model = RecorderFormModel.NewDefault();
        model.Name = "x";
        var cut = RenderForm(model);

        cut.Find("input[data-testid=initial-size]").Input("1.5");
        cut.Find("[data-testid=save]").Click();

        Assert.Null(_submitted);
        Assert.Contains("initialPositionSize must be a whole number", Field(cut, "initial-size"));
    }

    [Fact]
    public void LinkedAccount_IsCopiedWithItsMultiplier_AndABadMultiplierIsRejected()
    {
        // Arrange
        var model = RecorderFormModel.NewDefault();
        model.Name = "MNQ scalper";
        var cut = Render<RecorderForm>(p => p
            .Add(x => x.Model, model)
            .Add(x => x.AvailableAccounts, [new TradingAccount(1, "Paper", "Paper", true), new TradingAccount(2, "IB live", "InteractiveBrokers", true)])
            .Add(x => x.OnValidSubmit, m => _submitted = m));
        var ib = cut.FindAll("[data-testid=account-link]")[1];

        // Act 1: link IB with multiplier 0
        ib.QuerySelector("input[type=checkbox]")!.Change(true);
        cut.FindAll("[data-testid=account-link]")[1].QuerySelector("input:not([type=checkbox])")!.Input("0");
        cut.Find("[data-testid=save]").Click();

        // Assert 1
        Assert.Null(_submitted);
        Assert.Contains("multiplier must be greater than 0", cut.Find("[data-testid=form-errors]").TextContent);

        // Act 2
        cut.FindAll("[data-testid=account-link]")[1].QuerySelector("input:not([type=checkbox])")!.Input("2");
        cut.Find("[data-testid=save]").Click();

        // Assert 2
        Assert.NotNull(_submitted);
        Assert.Equal([new AccountLinkDraft(2, 2)], _submitted!.ToDraft().Accounts);
    }
}
