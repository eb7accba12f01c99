using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorTrader.Engine.Persistence;

/// <summary>
/// A small value (a list of targets, account links, limits) stored as one JSON text column. A plain converted property
/// rather than an owned JSON type: the engine's book keeps rows in memory and attaches them to a new context per
/// commit, which owned collections (their keys live in the change tracker only) cannot survive. Property names are
/// the CLR names, as the owned mapping wrote them, so stored rows read unchanged.
/// </summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new();

    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property, string column) where T : class =>
        property.HasColumnName(column).IsRequired(false)
            .HasConversion(
                v => JsonSerializer.Serialize(v, Options),
                v => JsonSerializer.Deserialize<T>(v, Options)!,
                new ValueComparer<T>(
                    (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                    v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                    v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
}
