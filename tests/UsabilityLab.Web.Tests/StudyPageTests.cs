using Microsoft.Extensions.DependencyInjection;
using UsabilityLab.Core.Studies;
using UsabilityLab.Data;

namespace UsabilityLab.Web.Tests;

/// <summary>A study before anyone has taken part says there are no data yet, on its page and in its report, not that the solution failed.</summary>
[TestFixture]
public class StudyPageTests : SeededWorkbenchFixture
{
    [Test]
    public async Task StudyWithoutParticipants_SaysNoDataYet_NotThatTheRequirementsAreUnmet()
    {
        await using var scope = Workbench.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<StudyStore>();
        var study = await store.CreateStudyAsync(World.Nordlys.SolutionId, "Nyt studie", "Samtykke", DateOnly.FromDateTime(DateTime.Today).AddDays(30), 90,
            [new NewStudyTask("Meld flytning", "Meld din flytning.", "Kvitteringen vises", "/flytning/")], "Anne");
        using var facilitator = await LabClient.LoginAsync(Workbench.BaseAddress, SeededWorld.Facilitator);

        var page = System.Net.WebUtility.HtmlDecode(await facilitator.GetStringAsync($"/studier/{study.Id}"));
        var report = System.Net.WebUtility.HtmlDecode(await facilitator.GetStringAsync($"/studier/{study.Id}/rapport"));

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("Ingen afsluttede forsøg endnu."));
            Assert.That(page, Does.Not.Contain("Kravene er ikke opfyldt."));
            Assert.That(report, Does.Contain("Ingen data endnu"));
            Assert.That(report, Does.Not.Contain("opfylder ikke kravene"));
        });
    }

    [Test]
    public async Task OnAMachineWithoutAScreen_TheStartButtonIsOff_AndTheFacilitatorIsToldWhatToDo()
    {
        // The test machine has no display, and this workbench shows the citizen's window to a person.
        using var facilitator = await LabClient.LoginAsync(Workbench.BaseAddress, SeededWorld.Facilitator);

        var page = System.Net.WebUtility.HtmlDecode(await facilitator.GetStringAsync($"/studier/{World.Nordlys.Study.StudyId}"));

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("Start workbenchen på den computer, testborgeren skal sidde ved"));
            Assert.That(page, Does.Not.Contain("DISPLAY"));
            Assert.That(page, Does.Match("<button type=\"submit\" disabled[^>]*>Åbn borgerens vindue og start optagelsen</button>"));
        });
    }
}
