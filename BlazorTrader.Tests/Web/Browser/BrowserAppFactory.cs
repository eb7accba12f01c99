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
