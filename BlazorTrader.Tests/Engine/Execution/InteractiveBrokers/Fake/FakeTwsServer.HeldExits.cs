namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

/// <summary>A TWS that swallows cancels (issue 15's held exit): the order stays working and nobody hears back.</summary>
internal sealed partial class FakeTwsServer
{
    /// <summary>False reads CANCEL_ORDER and does nothing: no status, no error, the order keeps resting.</summary>
    public bool AnswerCancels { get; set; } = true;

    /// <summary>Ends a working order in the book without telling anyone (as if cancelled at TWS while the answer was lost).</summary>
    public void CancelSilently(int orderId)
    {
        lock (Book.Gate) Book.Orders[orderId].Status = "Cancelled";
    }
}
