using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UsabilityLab.Browser.Sessions;
using UsabilityLab.Core.Studies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using UsabilityLab.Data;
using UsabilityLab.Web.Components;
using UsabilityLab.Web.Endpoints;
using UsabilityLab.Web.Services;

namespace UsabilityLab.Web;

/// <summary>Builds the workbench application: services, authentication, pages and endpoints.</summary>
public static class Workbench
{
    /// <summary>Where the workbench listens unless told otherwise: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Creates the app from command-line style arguments (<c>--Workbench:Database=...</c>, <c>--urls=...</c>).</summary>
    /// <param name="services">What the host adds, e.g. the demo solutions (<see cref="Core.Audits.IDemoSolutions"/>).</param>
    public static WebApplication Create(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System", LogLevel.Warning)

            // Linux has no key encryption at rest; the keys folder is as private as the database beside it.
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Services.AddWorkbench(builder.Configuration);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseWorkbench();
        return app;
    }

    /// <summary>Registers the database, Identity, authorisation, Razor components and the audit queue.</summary>
    public static IServiceCollection AddWorkbench(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkbenchOptions>().BindConfiguration(WorkbenchOptions.Section);
        var options = configuration.GetSection(WorkbenchOptions.Section).Get<WorkbenchOptions>() ?? new WorkbenchOptions();

        // One registration, two ways in: a context per request (pages, endpoints, Identity), and the
        // factory for the services that outlive requests (the audit queue, guided sessions).
        services.AddDbContextFactory<LabDbContext>((provider, builder) =>
        {
            var location = LabDatabase.Normalize(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorkbenchOptions>>().Value.Database);
            LabDatabase.Configure(builder, location);
        });

        services.AddIdentity<LabUser, IdentityRole>(identity =>
            {
                identity.Password.RequiredLength = 12;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequireUppercase = false;
                // Wrong passwords never lock an account (a lever for anyone against the admin): the
                // sign-in passes lockoutOnFailure: false, and SignInThrottle slows the guesser instead.
                identity.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<LabDbContext>()
            .AddClaimsPrincipalFactory<LabClaimsFactory>()
            .AddErrorDescriber<DanishIdentityErrors>();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "UsabilityLab";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = options.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.AccessDeniedPath = "/ingen-adgang";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
            cookie.SlidingExpiration = true;

            // Data endpoints (exports, status) answer 401/403 rather than a login page.
            cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "UsabilityLab.Antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(LabPolicies.ReviewUnit, p => p.RequireRole(LabRoles.Reviewer, LabRoles.Admin, LabRoles.Facilitator))
            .AddPolicy(LabPolicies.Reviewer, p => p.RequireRole(LabRoles.Reviewer, LabRoles.Admin))
            .AddPolicy(LabPolicies.Admin, p => p.RequireRole(LabRoles.Admin));

        // Login cookies survive a restart: the keys live in keys/ beside evidence/ and locks/, where every workbench finds them.
        services.AddDataProtection()
            .SetApplicationName("UsabilityLab")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(LabDatabase.FilesFolder(options.Database), "keys")));

        services.AddHttpContextAccessor();
        services.AddRazorComponents();
        services.AddScoped<LabAccess>();
        services.AddScoped<RefusedForm>();
        services.AddScoped<AuditStore>();
        services.AddScoped<FindingDialogue>();
        services.AddScoped<ReportService>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AccountLog>();

        // Every request checks the account's security stamp: disabling an account, changing its
        // role, resetting its password or ending its sessions ends them at once, not at the next
        // half hour.
        services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.Zero);
        services.AddSingleton<UsabilityLab.Reports.ReportRenderer>();
        services.AddSingleton<DemoData>();
        services.AddSingleton<WorkbenchBrowser>();
        services.AddSingleton<AuditRuns>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditRuns>());
        services.AddSingleton<AuditJobs>();
        services.AddSingleton<WorkbenchWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<WorkbenchWorker>());
        services.AddSingleton<FirstAdmin>();
        services.AddSingleton<SignInThrottle>();
        services.AddHostedService<WorkbenchStartup>();
        services.AddSingleton(provider => new SessionFiles(provider.GetRequiredService<IOptions<WorkbenchOptions>>().Value.EvidenceFolder));
        services.AddScoped<StudyStore>();
        services.AddScoped<StudyFigureSource>();
        services.AddScoped<ParticipantRecords>();
        services.AddScoped<ClipStore>();
        services.TryAddSingleton<ICitizens, PeopleAtTheWindow>();
        services.AddSingleton<IGuidedSessionStore, GuidedSessionStore>();
        services.AddSingleton<ICitizenBrowsers, CitizenBrowsers>();
        services.AddSingleton<GuidedSessions>();
        services.AddScoped<StudyReports>();
        services.AddHostedService<RecordingRetention>();
        return services;
    }

    /// <summary>The request pipeline: errors, authentication, anti-forgery, then pages and endpoints.</summary>
    public static WebApplication UseWorkbench(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Written here, not re-executed into a page: the failed request may be a form post,
            // and a page must never read a form whose anti-forgery check has not passed.
            ExceptionHandler = context => StatusDocument.WriteAsync(context.Response, null),
        });
        app.UseWhen(context => HttpMethods.IsGet(context.Request.Method), branch =>
            branch.UseStatusCodePagesWithReExecute("/fejl/{0}", createScopeForStatusCodePages: true));

        // After a form post an error is answered here, never re-executed into a page (which would read the form).
        app.UseWhen(context => !HttpMethods.IsGet(context.Request.Method), branch =>
            branch.UseStatusCodePages(context => StatusDocument.WriteAsync(context.HttpContext.Response, context.HttpContext.Response.StatusCode)));
        app.Use(async (context, next) =>
        {
            // Content from audited pages and vendors is shown in these pages; no inline script may run.
            context.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "same-origin";
            await next(context);
        });
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            // An account with a password made by the workbench changes it before anything else: a
            // page asked for leads there, anything else it would do (a form, an export) is refused.
            var path = context.Request.Path;
            if (context.User.HasClaim(LabClaimsFactory.MustChangePasswordClaim, "true")
                && path != "/konto/adgangskode" && path != "/logout" && path != "/app.css" && path != "/app.js")
            {
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                {
                    context.Response.Redirect("/konto/adgangskode");
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await StatusDocument.WriteAsync(context.Response, StatusCodes.Status403Forbidden, "Skift først den adgangskode, du har fået, til din egen: gå til /konto/adgangskode.");
                return;
            }

            await next(context);
        });
        app.UseAuthorization();
        app.UseAntiforgery();
        app.Use(async (context, next) =>
        {
            // Every form endpoint requires a valid token; refuse before anything reads the form.
            if (context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true }
                && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await StatusDocument.WriteAsync(context.Response, StatusCodes.Status400BadRequest, "Formularen kunne ikke godkendes: den er for gammel, eller den kom ikke fra workbenchen. Hent siden igen, og prøv igen.");
                return;
            }

            await next(context);
        });

        app.MapAssets();
        app.MapAccount();
        app.MapCatalog();
        app.MapAudits();
        app.MapMonitoring();
        app.MapScanSchedules();
        app.MapFindings();
        app.MapExports();
        app.MapAdmin();
        app.MapStudies();
        app.MapRazorComponents<App>();
        return app;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (context.Request.Method != HttpMethods.Get || !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Names of the authorisation policies.</summary>
public static class LabPolicies
{
    /// <summary>Anyone in the review unit: reviewers, facilitators, admins. Reads all vendors.</summary>
    public const string ReviewUnit = "review-unit";

    /// <summary>Those who audit, assess and send findings: reviewers and admins.</summary>
    public const string Reviewer = "reviewer";

    public const string Admin = "admin";
}
