using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Behaviours;
using RightsPortal.Application.Data;
using RightsPortal.Domain.Clock;

namespace RightsPortal.Application;

public static class DependencyInjection
{
    /// <summary>MediatR 5.1.0 wired by hand (its DI package is not served): handlers by scan, behaviours in pipeline order.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();

        var open = new[] { typeof(IRequestHandler<,>), typeof(INotificationHandler<>) };
        foreach (var type in typeof(DependencyInjection).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && open.Contains(i.GetGenericTypeDefinition())))
            {
                services.AddTransient(contract, type);
            }
        }

        // Order matters: the first registered is the outermost.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuditBehaviour<,>));

        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, includeInternalTypes: true);
        services.AddSingleton<Clock.PortalClock>();
        services.AddSingleton<Oversight.AuditChainChecker>();
        services.AddScoped<Features.Casework.CaseChanges>();
        services.AddScoped<Features.Intake.RequestIntake>();
        services.AddScoped<Features.Oversight.RunDeadlineWatch>();
        services.AddScoped<Features.Retention.RunRetentionSweep>();
        services.AddSingleton<Features.Retention.RetentionSweepProbe>();
        services.AddOptions<Files.FileStoreOptions>();
        services.AddSingleton<Files.IFileStore, Files.EncryptedFileStore>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// The one way the portal's database is configured, for the app, the tools and the tests alike (so the
    /// Identity schema version is always the same and migrations never see a phantom model change).
    /// </summary>
    private static readonly AuditInterceptor Interceptor = new();
    private static readonly SqliteConnectionSettings ConnectionSettings = new();

    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, string connectionString)
    {
        services.Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3);
        services.AddDbContextFactory<PortalDb>(o => o.UseSqlite(connectionString).AddInterceptors(Interceptor, ConnectionSettings));
        return services;
    }

    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, SqliteConnection openConnection)
    {
        services.Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3);
        services.AddDbContextFactory<PortalDb>(o => o.UseSqlite(openConnection).AddInterceptors(Interceptor, ConnectionSettings));
        return services;
    }
}
