using RightsPortal.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();

var app = builder.Build();
await app.InitialisePortalDatabaseAsync();
app.UsePortal();
await app.RunAsync();
