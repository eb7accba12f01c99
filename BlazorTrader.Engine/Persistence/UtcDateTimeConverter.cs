using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BlazorTrader.Engine.Persistence;

/// <summary>Storage is UTC; SQLite forgets the kind, so say it again on the way out.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
