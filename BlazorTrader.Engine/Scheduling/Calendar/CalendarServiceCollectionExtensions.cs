using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Scheduling.Calendar;

public static class CalendarServiceCollectionExtensions
{
    /// <summary>Registers <see cref="TradingCalendar"/> as a singleton, bound to the <c>Calendar</c> section.</summary>
    public static IServiceCollection AddTradingCalendar(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CalendarOptions>()
            .Bind(configuration.GetSection(CalendarOptions.Section))
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Calendar:TimeZone is not a known time zone id.")
            .Validate(o => o.Days.All(d => d.IsValid), "Calendar:Days: StopsAt is required for HolidayHalt and EarlyClose, and not allowed for Closed.")
            .ValidateOnStart();
        services.AddSingleton(sp => new TradingCalendar(sp.GetRequiredService<IOptions<CalendarOptions>>()));
        return services;
    }
}
