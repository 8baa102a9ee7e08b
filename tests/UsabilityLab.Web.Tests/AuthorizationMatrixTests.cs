using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace UsabilityLab.Web.Tests;

/// <summary>
/// Every route of the workbench × every role, against the real server: who may, who may not, and a
/// vendor guessing another vendor's ids. The table must name every route the app maps, so a new
/// page or endpoint without a rule fails here.
/// </summary>
[TestFixture]
public class AuthorizationMatrixTests : SeededWorkbenchFixture
{
    /// <summary>Who may use a route.</summary>
    public enum Access
    {
        /// <summary>Anyone, logged in or not.</summary>
        Public,

        /// <summary>Anyone logged in.</summary>
        SignedIn,

        /// <summary>Anyone logged in; a vendor's person only for the own organisation (another's ids are "not found").</summary>
        OwnVendor,

        /// <summary>Reviewers and admins, and vendors for their own organisation's findings; facilitators are refused.</summary>
        FindingActors,

        /// <summary>The review unit: reviewers, facilitators and admins (studies, sessions, recordings).</summary>
        ReviewUnit,

        /// <summary>Reviewers and admins.</summary>
        Reviewer,

        /// <summary>Admins.</summary>
        Admin,
    }

    /// <summary>One route: method and pattern as the app maps it, who may use it, and the harmless request that tries it.</summary>
    /// <param name="Missing">The request names an id that does not exist (a run lives only in memory): whoever may use the route gets the handler's "not found", whoever may not is refused first.</param>
    public sealed record Rule(string Method, string Pattern, Access Access, Func<VendorWorld, string> Url, Dictionary<string, string>? Form = null, bool SkipAllowed = false, bool Missing = false)
    {
        public override string ToString() => $"{Method} {Pattern}";
    }

    public static IReadOnlyList<Rule> Rules { get; } =
    [
        new("GET", "/app.css", Access.Public, _ => "/app.css"),
        new("GET", "/app.js", Access.Public, _ => "/app.js"),
        new("GET", "/afspil.js", Access.Public, _ => "/afspil.js"),
        new("GET", "/rrweb.js", Access.Public, _ => "/rrweb.js"),
        new("GET", "/rrweb.css", Access.Public, _ => "/rrweb.css"),
        new("GET", "/login", Access.Public, _ => "/login"),
        new("POST", "/login", Access.Public, _ => "/login", new() { ["brugernavn"] = "ingen", ["adgangskode"] = "forkert" }),
        new("GET", "/fejl", Access.Public, _ => "/fejl"),
        new("GET", "/fejl/{Code:int}", Access.Public, _ => "/fejl/404"),
        new("GET", "/ikke-fundet", Access.Public, _ => "/ikke-fundet"),
        new("GET", "/", Access.SignedIn, _ => "/"),
        new("GET", "/ingen-adgang", Access.SignedIn, _ => "/ingen-adgang"),
        new("GET", "/leverandoerer", Access.SignedIn, _ => "/leverandoerer"),
        new("GET", "/konto/adgangskode", Access.SignedIn, _ => "/konto/adgangskode"),
        new("POST", "/konto/adgangskode", Access.SignedIn, _ => "/konto/adgangskode", new() { ["nuvaerende"] = "x", ["ny"] = "a", ["gentag"] = "b" }),
        new("POST", "/logout", Access.SignedIn, _ => "/logout", []),
        new("GET", "/leverandoerer/{Id:int}", Access.OwnVendor, v => $"/leverandoerer/{v.VendorId}"),
        new("GET", "/loesninger/{Id:int}", Access.OwnVendor, v => $"/loesninger/{v.SolutionId}"),
        new("GET", "/loesninger/{Id:int}/erklaering", Access.OwnVendor, v => $"/loesninger/{v.SolutionId}/erklaering"),
        new("GET", "/loesninger/{id:int}/fund.{format:regex(^(csv|json)$)}", Access.OwnVendor, v => $"/loesninger/{v.SolutionId}/fund.csv"),

        // Schedules need the job queue (PostgreSQL); the matrix's SQLite workbench answers "not found" to whoever may use them.
        new("POST", "/loesninger/{id:int}/overvaagning", Access.Reviewer, v => $"/loesninger/{v.SolutionId}/overvaagning", new() { ["opgave"] = "findes-ikke" }, Missing: true),
        new("POST", "/loesninger/{id:int}/overvaagning/koer", Access.Reviewer, v => $"/loesninger/{v.SolutionId}/overvaagning/koer", new() { ["plan"] = "findes-ikke" }, Missing: true),
        new("POST", "/loesninger/{id:int}/overvaagning/slet", Access.Reviewer, v => $"/loesninger/{v.SolutionId}/overvaagning/slet", new() { ["plan"] = "findes-ikke" }, Missing: true),
        new("GET", "/gennemgange/{Id:guid}", Access.OwnVendor, v => $"/gennemgange/{v.NewerAuditId}"),
        new("GET", "/gennemgange/{id:guid}/rapport", Access.OwnVendor, v => $"/gennemgange/{v.NewerAuditId}/rapport"),
        new("GET", "/gennemgange/{id:guid}/rapport.pdf", Access.OwnVendor, v => $"/gennemgange/{v.NewerAuditId}/rapport.pdf"),
        new("GET", "/gennemgange/{id:guid}/fund.{format:regex(^(csv|json)$)}", Access.OwnVendor, v => $"/gennemgange/{v.NewerAuditId}/fund.json"),
        new("GET", "/bevis/{id:int}", Access.OwnVendor, v => $"/bevis/{v.EvidenceId}"),
        new("GET", "/fund/{Id:int}", Access.OwnVendor, v => $"/fund/{v.TrackedFindingId}"),
        new("GET", "/sammenlign", Access.OwnVendor, v => $"/sammenlign?fra={v.OlderAuditId}&til={v.NewerAuditId}"),
        new("GET", "/studier/{id:int}/rapport", Access.OwnVendor, v => $"/studier/{v.Study.StudyId}/rapport"),
        new("GET", "/studier/{id:int}/rapport.pdf", Access.OwnVendor, v => $"/studier/{v.Study.StudyId}/rapport.pdf"),
        new("GET", "/klip/{id:int}", Access.OwnVendor, v => $"/klip/{v.Study.ClipId}"),
        new("POST", "/fund/{id:int}/handling", Access.FindingActors, v => $"/fund/{v.TrackedFindingId}/handling", new() { ["handling"] = "ukendt" }),
        new("POST", "/fund/{id:int}/kommentarer", Access.FindingActors, v => $"/fund/{v.TrackedFindingId}/kommentarer", new() { ["tekst"] = "" }),
        new("GET", "/gennemgange/ny", Access.Reviewer, _ => "/gennemgange/ny"),
        new("POST", "/gennemgange/ny", Access.Reviewer, _ => "/gennemgange/ny", new() { ["valg"] = "" }),
        new("GET", "/gennemgange/{Id:guid}/vurdering", Access.Reviewer, v => $"/gennemgange/{v.NewerAuditId}/vurdering"),
        new("POST", "/gennemgange/{id:guid}/vurdering", Access.Reviewer, v => $"/gennemgange/{v.NewerAuditId}/vurdering", new() { ["kriterium"] = "findes-ikke" }),
        new("GET", "/gennemgange/{Id:guid}/send", Access.Reviewer, v => $"/gennemgange/{v.NewerAuditId}/send"),
        new("POST", "/gennemgange/{id:guid}/send", Access.Reviewer, v => $"/gennemgange/{v.NewerAuditId}/send", []),
        new("GET", "/koersler", Access.Reviewer, _ => "/koersler"),
        new("GET", "/koersler/{Id:guid}", Access.Reviewer, _ => $"/koersler/{Guid.NewGuid()}", Missing: true),
        new("GET", "/koersler/{id:guid}/status", Access.Reviewer, _ => $"/koersler/{Guid.NewGuid()}/status", Missing: true),
        new("GET", "/koersler/job/{Id:long}", Access.Reviewer, _ => "/koersler/job/987654", Missing: true),
        new("GET", "/koersler/job/{id:long}/status", Access.Reviewer, _ => "/koersler/job/987654/status", Missing: true),
        new("POST", "/koersler/scanninger", Access.Reviewer, _ => "/koersler/scanninger", new() { ["navn"] = "x" }, Missing: true),
        new("POST", "/koersler/scanninger/koer", Access.Reviewer, _ => "/koersler/scanninger/koer", new() { ["plan"] = "findes-ikke" }, Missing: true),
        new("POST", "/koersler/scanninger/slet", Access.Reviewer, _ => "/koersler/scanninger/slet", new() { ["plan"] = "findes-ikke" }, Missing: true),
        new("POST", "/leverandoerer", Access.Reviewer, _ => "/leverandoerer", new() { ["navn"] = "" }),
        new("POST", "/leverandoerer/{id:int}/loesninger", Access.Reviewer, v => $"/leverandoerer/{v.VendorId}/loesninger", new() { ["navn"] = "" }),
        new("GET", "/studier", Access.ReviewUnit, _ => "/studier"),
        new("POST", "/studier", Access.ReviewUnit, _ => "/studier", new() { ["navn"] = "" }),
        new("GET", "/studier/{Id:int}", Access.ReviewUnit, v => $"/studier/{v.Study.StudyId}"),
        new("POST", "/studier/{id:int}/deltagere", Access.ReviewUnit, v => $"/studier/{v.Study.StudyId}/deltagere", new() { ["alder"] = "ukendt" }),
        new("POST", "/studier/{id:int}/forsoeg", Access.ReviewUnit, v => $"/studier/{v.Study.StudyId}/forsoeg", []),
        new("POST", "/deltagere/{id:int}/samtykke", Access.ReviewUnit, v => $"/deltagere/{v.Study.ParticipantId}/samtykke", []),
        new("GET", "/deltagere/{id:int}/eksport", Access.ReviewUnit, v => $"/deltagere/{v.Study.ParticipantId}/eksport"),
        new("POST", "/deltagere/{id:int}/slet", Access.ReviewUnit, v => $"/deltagere/{v.Study.ParticipantId}/slet", new() { ["bekraeft"] = "nej" }),
        new("GET", "/forsoeg/{Id:int}", Access.ReviewUnit, v => $"/forsoeg/{v.Study.AttemptId}"),
        new("GET", "/forsoeg/{Id:int}/afspil", Access.ReviewUnit, v => $"/forsoeg/{v.Study.AttemptId}/afspil"),
        new("GET", "/forsoeg/{id:int}/tidslinje", Access.ReviewUnit, v => $"/forsoeg/{v.Study.AttemptId}/tidslinje"),
        new("GET", "/forsoeg/{id:int}/optagelse", Access.ReviewUnit, v => $"/forsoeg/{v.Study.AttemptId}/optagelse"),
        new("GET", "/forsoeg/{id:int}/spor", Access.ReviewUnit, v => $"/forsoeg/{v.Study.AttemptId}/spor"),
        new("POST", "/forsoeg/{id:int}/noter", Access.ReviewUnit, v => $"/forsoeg/{v.Study.AttemptId}/noter", new() { ["maerke"] = "0" }),
        new("POST", "/forsoeg/{id:int}/udfald", Access.ReviewUnit, v => $"/forsoeg/{v.Study.AttemptId}/udfald", new() { ["udfald"] = "0" }),
        new("POST", "/sessioner/{id:int}/afslut", Access.ReviewUnit, v => $"/sessioner/{v.Study.SessionId}/afslut", []),
        new("GET", "/noter/{id:int}/billede", Access.ReviewUnit, v => $"/noter/{v.Study.NoteId}/billede"),
        new("POST", "/klip", Access.Reviewer, _ => "/klip", new() { ["forsoeg"] = "1", ["fund"] = "0" }),
        new("GET", "/admin/brugere", Access.Admin, _ => "/admin/brugere"),
        new("POST", "/admin/brugere", Access.Admin, _ => "/admin/brugere", new() { ["brugernavn"] = "" }),
        new("POST", "/admin/brugere/{id}/deaktiver", Access.Admin, _ => "/admin/brugere/findes-ikke/deaktiver", [], Missing: true),
        new("POST", "/admin/brugere/{id}/aktiver", Access.Admin, _ => "/admin/brugere/findes-ikke/aktiver", [], Missing: true),
        new("POST", "/admin/brugere/{id}/log-ud", Access.Admin, _ => "/admin/brugere/findes-ikke/log-ud", [], Missing: true),
        new("POST", "/admin/brugere/{id}/engangskode", Access.Admin, _ => "/admin/brugere/findes-ikke/engangskode", [], Missing: true),
        new("POST", "/admin/brugere/{id}/rolle", Access.Admin, _ => "/admin/brugere/findes-ikke/rolle", new() { ["rolle"] = "reviewer" }, Missing: true),
        new("POST", "/admin/brugere/{id}/slet", Access.Admin, _ => "/admin/brugere/findes-ikke/slet", new() { ["bekraeft"] = "nej" }, Missing: true),

        // Loading the demo data starts two audits; the admin's way through it is the flow test's.
        new("POST", "/admin/demodata", Access.Admin, _ => "/admin/demodata", [], SkipAllowed: true),
    ];

    /// <summary>The roles tried, by user name; null is a visitor who is not logged in.</summary>
    public static IReadOnlyList<string?> Users { get; } =
        [null, SeededWorld.Reviewer, SeededWorld.Facilitator, SeededWorld.Admin, SeededWorld.NordlysUser];

    [Test]
    public void Rules_CoverEveryRouteTheAppMaps()
    {
        var mapped = Workbench.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method} {endpoint.RoutePattern.RawText}"))
            .Where(route => !route.StartsWith("POST /", StringComparison.Ordinal) || Rules.Any(r => r.ToString() == route) || !IsComponentPage(route))

            // The framework's own redirect helper for interactive navigation, which serves no data.
            .Where(route => !route.Contains("/_framework/", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var ruled = Rules.Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.That(ruled, Is.EquivalentTo(mapped), "every mapped route needs a rule in the matrix, and every rule a route");
    }

    /// <summary>Every route with every role, except the allowed use of a route the flow test exercises (loading demo data starts audits).</summary>
    public static IEnumerable<TestCaseData> RoleCases() =>
        from rule in Rules
        from user in Users
        where !(rule.SkipAllowed && Expected(rule, user, ownData: false) == Outcome.Allowed)
        select new TestCaseData(rule, user).SetArgDisplayNames(rule.ToString(), user ?? "anonym");

    /// <summary>The routes with a vendor's own data.</summary>
    public static IEnumerable<Rule> VendorDataRules() => Rules.Where(r => r.Access is Access.OwnVendor or Access.FindingActors);

    [TestCaseSource(nameof(RoleCases))]
    public async Task Route_AsEachRole_AllowsOnlyWhoMay(Rule rule, string? user)
    {
        var expected = Expected(rule, user, ownData: false);

        // Reviewers and admins see every vendor; a vendor's person is sent for the other vendor's ids.
        var outcome = await TryAsync(rule, user, World.Blokform);
        Assert.That(outcome, Is.EqualTo(expected), $"{rule} as {user ?? "anonymous"}");
    }

    [Test]
    public async Task Route_AsVendor_OwnOrganisationsIdsAreAllowed([ValueSource(nameof(VendorDataRules))] Rule rule) =>
        Assert.That(await TryAsync(rule, SeededWorld.NordlysUser, World.Nordlys), Is.EqualTo(Outcome.Allowed));

    /// <summary>What a request came to, in the terms of the matrix.</summary>
    public enum Outcome
    {
        Allowed,
        NotLoggedIn,
        Refused,
        NotFound,
        Other,
    }

    private static Outcome Expected(Rule rule, string? user, bool ownData) =>
        Expected(rule.Access, user, ownData) is Outcome.Allowed && rule.Missing ? Outcome.NotFound : Expected(rule.Access, user, ownData);

    private static Outcome Expected(Access access, string? user, bool ownData) => (access, user) switch
    {
        (Access.Public, _) => Outcome.Allowed,
        (_, null) => Outcome.NotLoggedIn,
        (Access.SignedIn, _) => Outcome.Allowed,
        (Access.OwnVendor, SeededWorld.NordlysUser) => ownData ? Outcome.Allowed : Outcome.NotFound,
        (Access.OwnVendor, _) => Outcome.Allowed,
        (Access.FindingActors, SeededWorld.NordlysUser) => ownData ? Outcome.Allowed : Outcome.NotFound,
        (Access.FindingActors, SeededWorld.Facilitator) => Outcome.Refused,
        (Access.FindingActors, _) => Outcome.Allowed,
        (Access.ReviewUnit, SeededWorld.Reviewer or SeededWorld.Admin or SeededWorld.Facilitator) => Outcome.Allowed,
        (Access.Reviewer, SeededWorld.Reviewer or SeededWorld.Admin) => Outcome.Allowed,
        (Access.Admin, SeededWorld.Admin) => Outcome.Allowed,
        _ => Outcome.Refused,
    };

    private async Task<Outcome> TryAsync(Rule rule, string? user, VendorWorld data)
    {
        using var client = user is null ? new LabClient(Workbench.BaseAddress) : await LabClient.LoginAsync(Workbench.BaseAddress, user);
        using var response = rule.Method == "GET"
            ? await client.GetAsync(rule.Url(data))
            : await client.PostFormAsync(rule.Url(data), rule.Form ?? [], await client.TokenAsync(user is null ? "/login" : "/konto/adgangskode"));
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Outcome.NotLoggedIn,
            HttpStatusCode.Redirect when location.Contains("/login", StringComparison.Ordinal) && !rule.Pattern.Contains("login", StringComparison.Ordinal) && rule.Pattern != "/logout" => Outcome.NotLoggedIn,
            HttpStatusCode.Forbidden => Outcome.Refused,
            HttpStatusCode.Redirect when location.Contains("/ingen-adgang", StringComparison.Ordinal) => Outcome.Refused,
            HttpStatusCode.NotFound => Outcome.NotFound,
            // 422: the handler ran and answered with its form again (a refused form keeps what was typed).
            HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.UnprocessableEntity => Outcome.Allowed,
            _ => Outcome.Other,
        };
    }

    /// <summary>Razor component pages also answer POST (their forms); those are tested by the anti-forgery test.</summary>
    private static bool IsComponentPage(string route) => Rules.Any(r => r.Method == "GET" && route == $"POST {r.Pattern}");
}
