namespace BlazorTrader.Tests.Web;

/// <summary>Polls until a condition holds; for effects of background loops (engine flush, feeds). The timeout is a safety net, not a measurement.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        T value;
        while (!condition(value = await probe()))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}; last value: {value}");
            await Task.Delay(25);
        }
        return value;
    }
}
