using BlazorTrader.Engine.Execution.Tradovate;

namespace BlazorTrader.Tests.Engine.Execution.Tradovate;

public class TradovateFrontMonthTests
{
    [Theory]
    [InlineData("2026-11-18", 2026, 12, "MNQZ6")]   // December's third Friday is the 18th; roll 8 days before
    [InlineData("2026-12-09", 2026, 12, "MNQZ6")]
    [InlineData("2026-12-10", 2027, 3, "MNQH7")]    // from the roll day on, March
    [InlineData("2027-12-31", 2028, 3, "MNQH8")]
    public void FrontMonth_RollsEightDaysBeforeTheThirdFriday(string date, int year, int month, string name)
    {
        // Act
        var front = TradovateFrontMonth.For(DateOnly.Parse(date), "HMUZ", 8);

        // Assert
        Assert.Equal((year, month), front);
        Assert.Equal(name, TradovateFrontMonth.Name("mnq", front.Year, front.Month));
    }

    [Fact]
    public void ThirdFriday_IsFoundForMonthsStartingOnAnyDay()
    {
        Assert.Equal(new DateOnly(2026, 12, 18), TradovateFrontMonth.ThirdFriday(2026, 12));
        Assert.Equal(new DateOnly(2027, 3, 19), TradovateFrontMonth.ThirdFriday(2027, 3));
        Assert.Equal(new DateOnly(2026, 5, 15), TradovateFrontMonth.ThirdFriday(2026, 5));   // May 1 2026 is a Friday
    }

    [Theory]
    [InlineData("environment", "paper", "environment must be demo or live")]
    [InlineData("cid", "eight", "cid must be the API key's number")]
    [InlineData("login", "sso", "login must be apiKey or oauth")]
    public void Settings_NameTheFieldThatIsWrong(string key, string value, string message)
    {
        var settings = new Dictionary<string, string>
        {
            ["account"] = "DEMO1", ["name"] = "u", ["password"] = "p", ["appId"] = "a", ["cid"] = "8", ["sec"] = "s", [key] = value,
        };
        Assert.Contains(message, TradovateSettings.Validate(settings));
    }

    [Fact]
    public void OAuthSettings_NeedNoPassword()
    {
        Assert.Empty(TradovateSettings.Validate(new Dictionary<string, string> { ["account"] = "DEMO1", ["login"] = "oauth", ["environment"] = "live" }));
    }
}
