namespace BlazorTrader.Tests;

public class SmokeTests
{
    [Fact]
    public void EngineAssemblyLoads() => Assert.Equal("BlazorTrader.Engine", typeof(BlazorTrader.Engine.EngineAssembly).Assembly.GetName().Name);
}
