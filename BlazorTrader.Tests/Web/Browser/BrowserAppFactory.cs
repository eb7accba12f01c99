using System.Net;
using System.Net.Sockets;

namespace BlazorTrader.Tests.Web.Browser;

/// <summary>The real app on Kestrel at a free loopback port (a browser cannot reach TestServer), with a known admin login.</summary>
public sealed class BrowserAppFactory : AppFactory
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "browser-test-password";

    public BrowserAppFactory() : base(new Dictionary<string, string?>
    {
        ["BlazorTrader:AdminUser"] = AdminUser,
        ["BlazorTrader:AdminPassword"] = AdminPassword,
        // Live prices move the open positions on screen; the recorder's exits are set far enough that the walk never hits them.
        ["MarketData:Source"] = "Simulated",
        ["MarketData:SimulatedSymbols:MNQ1!"] = "21500",
        ["MarketData:SimulatedSymbols:ES1!"] = "5000",
    })
    {
        Port = FreePort();
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
