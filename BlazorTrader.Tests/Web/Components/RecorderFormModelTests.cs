using System.Text.Json;
using BlazorTrader.Components.Recorders;
using BlazorTrader.Tests.Engine.Persistence;

namespace BlazorTrader.Tests.Web.Components;

public class RecorderFormModelTests
{
    [Fact]
    public void TogglingRecording_SendsEveryOtherSettingBackUnchanged()
    {
        // Arrange
        var stored = RecorderEntityTests.NonDefaultRecorder();
        var form = RecorderFormModel.FromEntity(stored);

        // Act
        form.RecordingEnabled = true;
        var draft = form.ToDraft();

        // Assert
        Assert.Equal(JsonSerializer.Serialize(stored.ToDraft() with { RecordingEnabled = true }), JsonSerializer.Serialize(draft));
    }

    [Fact]
    public void NewDefault_IsAValidRecorder_OnceNamed()
    {
        var form = RecorderFormModel.NewDefault();
        Assert.Contains("name", form.Validate().Keys);

        form.Name = "MNQ scalper";

        Assert.Empty(form.Validate());
    }
}
