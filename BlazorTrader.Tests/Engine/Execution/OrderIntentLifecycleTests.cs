using BlazorTrader.Engine.Execution;

namespace BlazorTrader.Tests.Engine.Execution;

public class OrderIntentLifecycleTests
{
    [Theory]
    [InlineData(OrderIntentStatus.Pending, OrderIntentEvent.Submitted, OrderIntentStatus.Submitted)]
    [InlineData(OrderIntentStatus.Pending, OrderIntentEvent.Filled, OrderIntentStatus.Filled)]                 // fill before the acknowledgement
    [InlineData(OrderIntentStatus.Submitted, OrderIntentEvent.PartiallyFilled, OrderIntentStatus.PartiallyFilled)]
    [InlineData(OrderIntentStatus.PartiallyFilled, OrderIntentEvent.Filled, OrderIntentStatus.Filled)]
    [InlineData(OrderIntentStatus.Submitted, OrderIntentEvent.Rejected, OrderIntentStatus.Rejected)]
    [InlineData(OrderIntentStatus.Submitted, OrderIntentEvent.Cancelled, OrderIntentStatus.Cancelled)]
    [InlineData(OrderIntentStatus.Cancelled, OrderIntentEvent.Filled, OrderIntentStatus.Filled)]               // fill raced the cancel
    [InlineData(OrderIntentStatus.Filled, OrderIntentEvent.Submitted, OrderIntentStatus.Filled)]               // late acknowledgement
    [InlineData(OrderIntentStatus.Filled, OrderIntentEvent.Cancelled, OrderIntentStatus.Filled)]               // cancel after the end
    public void Next_FollowsTheTable(OrderIntentStatus from, OrderIntentEvent e, OrderIntentStatus to) =>
        Assert.Equal(to, OrderIntentLifecycle.Next(from, e));

    [Theory]
    [InlineData(OrderIntentStatus.Filled, OrderIntentEvent.Rejected)]
    [InlineData(OrderIntentStatus.Rejected, OrderIntentEvent.Filled)]
    [InlineData(OrderIntentStatus.PartiallyFilled, OrderIntentEvent.Rejected)]
    public void Next_RefusesWhatCannotHappen(OrderIntentStatus from, OrderIntentEvent e) =>
        Assert.Throws<InvalidOperationException>(() => OrderIntentLifecycle.Next(from, e));
}
