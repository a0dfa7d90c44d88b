using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace RightsPortal.Web.Components.Shared;

/// <summary>
/// Catches failures inside an interactive staff page, logs them with a correlation id and shows a calm message
/// with that id instead of breaking the whole circuit.
/// </summary>
public sealed class PortalErrorBoundary : ErrorBoundaryBase
{
    private string correlationId = "";

    [Inject] private ILogger<PortalErrorBoundary> Logger { get; set; } = default!;

    protected override Task OnErrorAsync(Exception exception)
    {
        correlationId = Guid.NewGuid().ToString("N")[..12];
        Logger.LogError(exception, "Unhandled failure {CorrelationId} in a staff page", correlationId);
        return Task.CompletedTask;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }

        builder.OpenElement(1, "div");
        builder.AddAttribute(2, "class", "rp-calm-error");
        builder.AddAttribute(3, "role", "alert");
        builder.AddAttribute(4, "data-testid", "error-boundary");
        builder.OpenElement(5, "h1");
        builder.AddContent(6, "Sorry, something went wrong");
        builder.CloseElement();
        builder.OpenElement(7, "p");
        builder.AddContent(8, "Nothing you saved before this has been lost. Reload the page to carry on. If it happens again, tell your administrator and give them this reference: ");
        builder.OpenElement(9, "strong");
        builder.AddContent(10, correlationId);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    }
}
