namespace BlazorTrader.Engine.Execution.Tradovate;

/// <summary>
/// Which contract <c>MNQ1!</c> means on a given exchange date, and Tradovate's name for a contract month (one year
/// digit: December 2026 is <c>MNQZ6</c>). The front month is the first listed month whose expiry (third Friday) is more
/// than the roll days away. The engine has no roll helper elsewhere yet; this one lives with the adapter that needs it.
/// </summary>
internal static class TradovateFrontMonth
{
    public const string MonthCodes = "FGHJKMNQUVXZ";

    /// <param name="months">The product's listed month codes, e.g. "HMUZ" for the quarterly equity index futures.</param>
    public static (int Year, int Month) For(DateOnly exchangeDate, string months, int rollDaysBeforeExpiry)
    {
        var listed = months.Select(c => MonthCodes.IndexOf(char.ToUpperInvariant(c)) + 1).Where(m => m > 0).Order().ToArray();
        if (listed.Length == 0) listed = [3, 6, 9, 12];
        for (var year = exchangeDate.Year; year <= exchangeDate.Year + 1; year++)
            foreach (var month in listed)
                if (ThirdFriday(year, month).AddDays(-rollDaysBeforeExpiry) > exchangeDate) return (year, month);
        return (exchangeDate.Year + 1, listed[0]);
    }

    public static DateOnly ThirdFriday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var toFriday = ((int)DayOfWeek.Friday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(toFriday + 14);
    }

    /// <summary>Tradovate's contract name: root, month letter, last digit of the year.</summary>
    public static string Name(string root, int year, int month) => $"{root.ToUpperInvariant()}{MonthCodes[month - 1]}{year % 10}";
}
