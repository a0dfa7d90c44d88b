using RightsPortal.Web.Components.Account.Pages;

namespace RightsPortal.Web.Tests;

/// <summary>A sign-in link can only ever lead to a page of this portal.</summary>
public sealed class SafeReturnUrlTests
{
    [Theory]
    [InlineData("/casework")]
    [InlineData("/casework/requests/7d3a1f0e-1111-4222-8333-944445555666")]
    [InlineData("/staff?tab=2")]
    public void A_local_path_is_kept(string returnUrl) => Assert.Equal(returnUrl, Login.SafeReturnUrl(returnUrl));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example")]
    [InlineData("http://evil.example/casework")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil")]
    [InlineData("casework")]
    [InlineData("javascript:alert(1)")]
    public void Anything_else_goes_to_the_staff_home(string? returnUrl) => Assert.Equal("/staff", Login.SafeReturnUrl(returnUrl));
}
