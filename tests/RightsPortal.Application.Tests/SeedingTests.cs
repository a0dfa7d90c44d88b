using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Seeding;

namespace RightsPortal.Application.Tests;

public sealed class SeedingTests
{
    [Fact]
    public async Task Seeding_again_leaves_three_organisations_and_the_same_categories()
    {
        await using var app = await PortalApp.StartAsync(); // seeded once already
        int categories;
        int services;
        await using (var db = app.Db())
        {
            categories = await db.DataCategories.CountAsync();
            services = await db.OrganisationServices.CountAsync();
            await PortalSeeder.SeedOrganisationsAsync(db);
        }

        await using (var db = app.Db())
        {
            await PortalSeeder.SeedOrganisationsAsync(db);
        }

        await using var check = app.Db();
        Assert.Equal(3, await check.Organisations.CountAsync());
        Assert.Equal(9 + 8 + 10, categories); // STK 9, HHJ 8, BAR 10
        Assert.Equal(categories, await check.DataCategories.CountAsync());
        Assert.Equal(services, await check.OrganisationServices.CountAsync());
        Assert.Equal(app.OrganisationId("STK"), await check.Organisations.Where(o => o.Code == "STK").Select(o => o.Id).SingleAsync());
    }

    [Fact]
    public async Task Seeding_again_keeps_what_staff_edited()
    {
        await using var app = await PortalApp.StartAsync();
        await using (var db = app.Db())
        {
            var category = await db.DataCategories.SingleAsync(c => c.OrganisationId == app.OrganisationId("STK") && c.Code == "health");
            category.Name = "Health records (edited)";
            await db.SaveChangesAsync();
        }

        await using (var db = app.Db())
        {
            await PortalSeeder.SeedOrganisationsAsync(db);
        }

        await using var check = app.Db();
        Assert.Equal("Health records (edited)", await check.DataCategories
            .Where(c => c.OrganisationId == app.OrganisationId("STK") && c.Code == "health").Select(c => c.Name).SingleAsync());
    }
}
