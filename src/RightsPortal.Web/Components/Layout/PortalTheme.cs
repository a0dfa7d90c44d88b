using MudBlazor;

namespace RightsPortal.Web.Components.Layout;

/// <summary>The staff pages' colours and type: high contrast, calm, the same blue as the public pages' links.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d70b8",
            Secondary = "#505a5f",
            AppbarBackground = "#0b0c0c",
            AppbarText = "#ffffff",
            Background = "#f3f2f1",
            Surface = "#ffffff",
            Error = "#d4351c",
            Warning = "#b45f06",
            Success = "#00703c",
            Info = "#1d70b8", // MudBlazor's own info blue is 3.8:1 on an info alert's tint, below WCAG AA's 4.5:1
            TextPrimary = "#0b0c0c",
            TextSecondary = "#505a5f",
            DrawerBackground = "#ffffff",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Arial", "Helvetica", "sans-serif"] },
        },
    };
}
