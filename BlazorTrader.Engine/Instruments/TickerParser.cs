using System.Globalization;
using System.Text.RegularExpressions;

namespace BlazorTrader.Engine.Instruments;

/// <summary>Parses MNQ1!, CME_MINI:MNQ1!, MNQZ2026, MNQZ26, AAPL and OCC option symbols (SPXW261120C05900000).</summary>
public static partial class TickerParser
{
    public const int MaxLength = 40;

    [GeneratedRegex(@"^[A-Za-z0-9_.!:/\-]+$")]
    private static partial Regex AllowedCharacters();

    [GeneratedRegex(@"^(?<root>[A-Z0-9]{1,5}?)(?<n>[1-9])!$")]
    private static partial Regex Continuous();

    [GeneratedRegex(@"^(?<root>[A-Z0-9]{1,5}?)(?<month>[FGHJKMNQUVXZ])(?<year>\d{4}|\d{2})$")]
    private static partial Regex Dated();

    [GeneratedRegex(@"^(?<root>[A-Z]{1,6})(?<date>\d{6})(?<right>[CP])(?<strike>\d{8})$")]
    private static partial Regex OccOption();

    public static bool TryParse(string? raw, Func<string, bool> isFutureRoot, out ParsedTicker ticker, out string error)
    {
        ticker = null!;
        var text = raw?.Trim() ?? "";
        if (text.Length == 0) { error = "ticker is required"; return false; }
        if (text.Length > MaxLength) { error = $"ticker is longer than {MaxLength} characters"; return false; }
        if (!AllowedCharacters().IsMatch(text))
        {
            error = "ticker may contain only ASCII letters, digits and _ . ! : / -";
            return false;
        }

        text = text.ToUpperInvariant();
        string? prefix = null;
        var colon = text.IndexOf(':');
        if (colon >= 0)
        {
            prefix = text[..colon];
            text = text[(colon + 1)..];
            if (prefix.Length == 0 || text.Length == 0 || text.Contains(':'))
            {
                error = "ticker must look like EXCHANGE:SYMBOL";
                return false;
            }
        }

        ticker = ParseSymbol(raw!, prefix, text, isFutureRoot);
        error = "";
        return true;
    }

    private static ParsedTicker ParseSymbol(string raw, string? prefix, string text, Func<string, bool> isFutureRoot)
    {
        if (Continuous().Match(text) is { Success: true } c && isFutureRoot(c.Groups["root"].Value))
        {
            return new ParsedTicker(raw, prefix, text, c.Groups["root"].Value,
                ContinuousIndex: int.Parse(c.Groups["n"].Value, CultureInfo.InvariantCulture));
        }

        if (Dated().Match(text) is { Success: true } d && isFutureRoot(d.Groups["root"].Value))
        {
            var year = int.Parse(d.Groups["year"].Value, CultureInfo.InvariantCulture);
            if (year < 100) year += 2000;
            var root = d.Groups["root"].Value;
            var month = d.Groups["month"].Value[0];
            return new ParsedTicker(raw, prefix, $"{root}{month}{year}", root, MonthCode: month, Year: year);
        }

        if (OccOption().Match(text) is { Success: true } o &&
            DateOnly.TryParseExact(o.Groups["date"].Value, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiry))
        {
            var strike = decimal.Parse(o.Groups["strike"].Value, CultureInfo.InvariantCulture) / 1000m;
            return new ParsedTicker(raw, prefix, text, o.Groups["root"].Value,
                Option: new OptionContract(expiry, o.Groups["right"].Value[0], strike));
        }

        return new ParsedTicker(raw, prefix, text, text);
    }
}
