using BlazorTrader.Engine.Execution.InteractiveBrokers;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

public sealed class OrderIdStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tws-ids-").FullName;

    [Fact]
    public async Task InMemory_AllocatesConsecutiveIds_FromTheHighestObservedNextValidId()
    {
        var store = new InMemoryOrderIdStore();

        await store.ObserveAsync(1000);
        await store.ObserveAsync(900);   // a lower report never moves the sequence back

        Assert.Equal(1000, await store.AllocateAsync());
        Assert.Equal(1001, await store.AllocateAsync(3));
        Assert.Equal(1004, await store.AllocateAsync());
    }

    [Fact]
    public async Task FileStore_NeverReusesAnIdAfterARestart_EvenIfTwsReportsALowerOne()
    {
        var path = Path.Combine(_directory, "ids", "next-order-id");
        var before = new FileOrderIdStore(path);
        await before.ObserveAsync(500);
        var used = new[] { await before.AllocateAsync(), await before.AllocateAsync(3) };

        var after = new FileOrderIdStore(path);   // the process restarted
        await after.ObserveAsync(500);            // TWS still says 500 (e.g. its orders were untransmitted)

        Assert.Equal([500, 501], used);
        Assert.Equal(504, await after.AllocateAsync());
    }

    [Fact]
    public async Task FileStore_PersistsAHigherObservedId()
    {
        var path = Path.Combine(_directory, "next-order-id");
        await new FileOrderIdStore(path).ObserveAsync(7000);

        Assert.Equal(7000, await new FileOrderIdStore(path).AllocateAsync());
    }

    [Fact]
    public async Task FileStore_ConcurrentAllocations_NeverOverlap()
    {
        var store = new FileOrderIdStore(Path.Combine(_directory, "next-order-id"));

        var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => store.AllocateAsync().AsTask()));

        Assert.Equal(50, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 50), ids.Order());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
