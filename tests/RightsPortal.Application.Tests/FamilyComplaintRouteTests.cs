using RightsPortal.Application.Features.Families;
using RightsPortal.Application.Features.Public;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>A family can complain about how a request was handled: to the organisation first, and about a complaint, to the ICO.</summary>
public sealed class FamilyComplaintRouteTests
{
    [Fact]
    public async Task A_request_page_leads_to_the_organisations_own_complaint_form()
    {
        await using var app = await PortalApp.StartAsync();
        var form = app.ValidAccessRequest("HHJ");
        var receipt = await app.AsPublic().SendAsync(form);

        var seen = await app.AsFamily(form.RequesterEmail!).SendAsync(new GetMyRequestQuery(receipt.Reference));

        Assert.Equal("/hhj/request/complain", seen.ComplaintAddress);
        Assert.False(seen.IsComplaint);
    }

    [Fact]
    public async Task A_complaint_is_marked_so_its_page_points_to_the_ico_instead()
    {
        await using var app = await PortalApp.StartAsync();
        var access = app.ValidAccessRequest("STK");
        var complaint = new SubmitRightsRequestCommand("STK", Guid.NewGuid(), Right.Complaint, access.RequesterRole, access.RequesterName,
            access.RequesterEmail, access.SubjectName, access.SubjectDateOfBirth, access.SubjectSetting, access.DataCategories,
            ["You sent my son's records to the wrong school.", "Get them back and tell me what happened."], ParentalResponsibilityDeclared: true);
        var receipt = await app.AsPublic().SendAsync(complaint);

        var seen = await app.AsFamily(access.RequesterEmail!).SendAsync(new GetMyRequestQuery(receipt.Reference));

        Assert.True(seen.IsComplaint);
    }
}
