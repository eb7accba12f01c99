using MudBlazor;

namespace BlazorTrader.Components.Layout;

/// <summary>Dark trading theme; gains and losses use Success and Error.</summary>
public static class BlazorTraderTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteDark = new PaletteDark
        {
            Primary = "#4dabf7",
            Success = "#2fbf71",
            Error = "#ff5c5c",
            Warning = "#ffb020",
            Background = "#13131c",
            Surface = "#1c1c28",
            AppbarBackground = "#1a1a27",
            DrawerBackground = "#171722",
        },
    };
}
