using System.Text.Json;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Recorders;

namespace BlazorTrader.Tests.Engine.Persistence;

public class RecorderEntityTests
{
    /// <summary>Every setting differs from RecorderDraft's default, so a field ToDraft forgets shows up as a difference.</summary>
    internal static RecorderEntity NonDefaultRecorder() => new()
    {
        Name = "ES breakout", RecordingEnabled = false, InitialPositionSize = 3, AddPositionSize = 2, TpUnits = PriceUnits.Points,
        TpTargets = [new() { Value = 4, Trim = 25 }, new() { Value = 8, Trim = 75 }], SlEnabled = true, SlAmount = 5, SlUnits = PriceUnits.Percent,
        TrailingEnabled = true, TrailingTrigger = 6, TrailingDistance = 2, BreakEvenAfterTp1 = true, PauseExitsOnDelayedData = true,
        MaxEntriesPerDay = 4, BlockReentryAfterClose = true, SameSideSignal = SameSideSignal.Ignore, Capital = 50_000,
        Accounts = [new() { AccountId = 2, Multiplier = 3 }], WebhookTokenHash = "h",
    };

    [Fact]
    public void ToDraft_CarriesEverySetting_SoASingleFieldEditChangesNothingElse()
    {
        // Arrange
        var entity = NonDefaultRecorder();
        var defaults = JsonSerializer.SerializeToElement(new RecorderDraft());

        // Act
        var draft = JsonSerializer.SerializeToElement(entity.ToDraft());

        // Assert: each draft property was taken from the entity, none left at its default
        foreach (var property in typeof(RecorderDraft).GetProperties())
        {
            var entityValue = JsonSerializer.SerializeToElement(typeof(RecorderEntity).GetProperty(property.Name)!.GetValue(entity));
            Assert.NotEqual(defaults.GetProperty(property.Name).GetRawText(), draft.GetProperty(property.Name).GetRawText());
            if (property.Name is not (nameof(RecorderDraft.TpTargets) or nameof(RecorderDraft.Accounts)))
                Assert.Equal(entityValue.GetRawText(), draft.GetProperty(property.Name).GetRawText());
        }
    }
}
