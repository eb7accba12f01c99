namespace BlazorTrader.Hosting;

public static class CommandLineExtensions
{
    /// <summary><c>--replay file.csv</c> is short for MarketData:Source=Replay and MarketData:ReplayFile=file.csv.</summary>
    public static WebApplicationBuilder AddCommandLineShortcuts(this WebApplicationBuilder builder, string[] args)
    {
        var index = Array.IndexOf(args, "--replay");
        if (index >= 0 && index + 1 < args.Length)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MarketData:Source"] = "Replay",
                ["MarketData:ReplayFile"] = Path.GetFullPath(args[index + 1]),
            });
        }
        return builder;
    }
}
