namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// TICK_OPTION_COMPUTATION (21) at server version 178 (no version field since 156): the greeks TWS computed for an option
/// line. <see cref="TickType"/> 13 (83 delayed) is IB's model; 10/11 are the bid/ask implied values. "Not computed" reads null.
/// </summary>
internal sealed record TickOptionComputationMessage(
    int RequestId, int TickType, double? ImpliedVolatility, double? Delta, double? OptionPrice, double? UnderlyingPrice) : TwsMessage
{
    public const int ModelOption = 13;
    public const int DelayedModelOption = 83;

    public bool IsModel => TickType is ModelOption or DelayedModelOption;
}
