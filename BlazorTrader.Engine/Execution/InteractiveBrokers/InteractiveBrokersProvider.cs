using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Instruments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>Creates the IB adapter of each enabled IB account. Order ids persist per account and client id under the data
/// directory: only that client id can see, modify or cancel its orders, and a restart must never reuse an id.</summary>
internal sealed class InteractiveBrokersProvider(
    IOptions<InteractiveBrokersOptions> options,
    InstrumentCatalog instruments,
    IbOrderIdDirectory ids,
    TimeProvider time,
    ILoggerFactory loggers,
    BrokerContractMonths months) : IBrokerProvider
{
    private IbContractResolver? _contracts;

    public BrokerKind Kind => BrokerKind.InteractiveBrokers;

    public IBroker Create(BrokerAccount account)
    {
        var settings = IbAccountSettings.From(account);
        _contracts ??= new IbContractResolver(instruments, options.Value.FrontMonths, time, months);
        var store = new FileOrderIdStore(Path.Combine(ids.Path, $"ib-order-ids-{account.Id}-{settings.ClientId}.txt"));
        return new InteractiveBrokersBroker(account, options.Value, _contracts, store, time, loggers);
    }
}

/// <summary>Where the order id files live (the data directory, next to the database).</summary>
internal sealed record IbOrderIdDirectory(string Path);
