using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UsabilityLab.Core.Audits;
using UsabilityLab.Core.Checklists;
using UsabilityLab.Core.Scripts;
using UsabilityLab.Browser;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Services;

/// <summary>A demo account made by <see cref="DemoData"/>, with its password shown once.</summary>
public sealed record DemoAccount(string UserName, string Role, string? Vendor, string Password, DateTimeOffset ExpiresAt);

/// <summary>What loading the demo data did.</summary>
/// <param name="Runs">Each audit started: the solution, and the page that follows it.</param>
public sealed record DemoLoad(IReadOnlyList<DemoAccount> Accounts, IReadOnlyList<(string Solution, string Link)> Runs);

/// <summary>
/// The demo vendors inside the workbench, when its host provides them (<see cref="IDemoSolutions"/>,
/// as <c>serve</c> does): their sites run on loopback for as long as the workbench does, their
/// solutions point at them (again after a restart, on a new port), and one click makes demo
/// accounts and audits both. Without a provider there is no demo, and nothing of it is served.
/// </summary>
public sealed class DemoData(IServiceScopeFactory scopes, AuditRuns runs, AuditJobs jobs, IOptions<WorkbenchOptions> options, TimeProvider clock, IDemoSolutions? demo = null)
{
    /// <summary>True when this workbench can load demo data.</summary>
    public bool Available => demo is not null;

    /// <summary>The demo accounts: user name, display name, role and, for vendors, the index of the demo vendor.</summary>
    private static readonly (string UserName, string DisplayName, string Role, int? Vendor)[] _accountPlan =
    [
        ("anmelder", "Anne Anmelder", LabRoles.Reviewer, null),
        ("facilitator", "Frida Facilitator", LabRoles.Facilitator, null),
        ("nordlys", "Niels fra Nordlys", LabRoles.Vendor, 0),
        ("blokform", "Bodil fra Blokform", LabRoles.Vendor, 1),
    ];

    /// <summary>Starts the demo sites when the database has demo solutions, and points those at them.</summary>
    public async Task ResumeAsync(CancellationToken cancellationToken = default)
    {
        if (demo is null)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LabDbContext>();
        var names = demo.VendorNames;
        if (await db.Vendors.AnyAsync(v => names.Contains(v.Name), cancellationToken))
        {
            await EnsureSolutionsAsync(db, await ReadDemoTaskAsync(cancellationToken), cancellationToken);
        }
    }

    /// <summary>Makes the demo vendors, solutions and accounts (those missing) and starts an audit of each demo solution.</summary>
    public async Task<DemoLoad> LoadAsync(CancellationToken cancellationToken = default)
    {
        var sites = demo ?? throw new InvalidOperationException("Denne workbench er startet uden demoløsninger; start den med 'usabilitylab serve' for at indlæse demodata.");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LabDbContext>();
        var task = await ReadDemoTaskAsync(cancellationToken);
        var solutions = await EnsureSolutionsAsync(db, task, cancellationToken);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<LabUser>>();
        var accounts = new List<DemoAccount>();
        foreach (var (userName, displayName, role, vendorIndex) in _accountPlan)
        {
            var vendorName = vendorIndex is { } i ? sites.VendorNames[i] : null;
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var vendor = vendorName is null ? null : await db.Vendors.FirstAsync(v => v.Name == vendorName, cancellationToken);
            var password = FirstAdmin.NewPassword();
            // One-time passwords like any account's: changed at the first login, or void after their time.
            var user = new LabUser
            {
                UserName = userName,
                DisplayName = displayName,
                VendorId = vendor?.Id,
                MustChangePassword = true,
                OneTimePasswordExpiresAt = clock.GetUtcNow() + options.Value.SignIn.OneTimePasswordLifetime,
            };
            FirstAdmin.Check(await users.CreateAsync(user, password));
            FirstAdmin.Check(await users.AddToRoleAsync(user, role));
            accounts.Add(new DemoAccount(userName, role, vendorName, password, user.OneTimePasswordExpiresAt.Value));
        }

        var started = new List<(string, string)>();
        foreach (var solution in solutions)
        {
            var request = new AuditRequest(task.Script, task.Text, task.Checklist, solution.Vendor.Name, solution.Name, solution.BaseUrl, TestData.For(task.Script));
            var link = jobs.InUse ? AuditJobs.Link(jobs.Enqueue(request, "Demodata")) : $"/koersler/{runs.Enqueue(request, solution.Id, "Demodata").Id}";
            started.Add(($"{solution.Vendor.Name} – {solution.Name}", link));
        }

        return new DemoLoad(accounts, started);
    }

    /// <summary>The checklist demo audits use.</summary>
    public const string DefaultChecklist = "kl-selvbetjening.yaml";

    /// <summary>The demo task script (text and parsed) and the default checklist, read once per load.</summary>
    private async Task<(string Text, TaskScript Script, Checklist Checklist)> ReadDemoTaskAsync(CancellationToken cancellationToken)
    {
        var path = demo!.TaskScriptPath;
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var script = TaskScriptParser.Parse(Path.GetFileName(path), text);

        // The workbench's checklists folder, else the copy shipped beside the binary.
        var checklist = ChecklistParser.Load(
            Checklists.Find(options.Value.ChecklistsFolder, DefaultChecklist) ?? Path.Combine(AppContext.BaseDirectory, "checklists", DefaultChecklist));
        return (text, script, checklist);
    }

    private async Task<List<Solution>> EnsureSolutionsAsync(LabDbContext db, (string Text, TaskScript Script, Checklist Checklist) task, CancellationToken cancellationToken)
    {
        var sites = await demo!.StartAsync(cancellationToken);
        var (script, parsed, checklistId) = (task.Text, task.Script, task.Checklist.Id);
        var result = new List<Solution>();
        foreach (var site in sites)
        {
            var vendor = await db.Vendors.FirstOrDefaultAsync(v => v.Name == site.VendorName, cancellationToken)
                ?? db.Vendors.Add(new Vendor { Name = site.VendorName }).Entity;
            var solution = vendor.Id == 0 ? null : await db.Solutions.Include(s => s.Tasks).FirstOrDefaultAsync(s => s.VendorId == vendor.Id && s.Name == site.SolutionName, cancellationToken);
            solution ??= db.Solutions.Add(new Solution { Name = site.SolutionName, BaseUrl = site.BaseUrl, Vendor = vendor }).Entity;
            solution.BaseUrl = site.BaseUrl;
            solution.Vendor = vendor;
            if (solution.Tasks.All(t => t.TaskId != parsed.Id))
            {
                solution.Tasks.Add(new SolutionTask { TaskId = parsed.Id, Title = parsed.Title, Script = script, ChecklistId = checklistId, UpdatedAt = clock.GetUtcNow() });
            }

            result.Add(solution);
        }

        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}
