using System.Text.Json;

namespace BlazorTrader.Engine.Signals;

/// <summary>
/// Finds a string or property name that is not text: JSON may escape an unpaired surrogate (<c>"\ud800"</c>),
/// which System.Text.Json refuses to read as a string. Checked once up front so every field, in every
/// dialect, gets the same 400 naming it instead of an exception deep in a reader.
/// </summary>
public static class JsonTextCheck
{
    /// <summary>The path of the first invalid text (<c>stopLoss.type</c>, <c>legs[1]</c>), or null when all is text.</summary>
    public static string? FirstInvalidText(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path.Length == 0 ? "body" : path.TrimEnd('.');
                    }
                    if (FirstInvalidText(property.Value, path + name + ".") is { } inner) return inner;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstInvalidText(item, $"{path.TrimEnd('.')}[{index++}].") is { } inner) return inner;
                }
                return null;
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return path.Length == 0 ? "body" : path.TrimEnd('.');
                }
            default:
                return null;
        }
    }
}
