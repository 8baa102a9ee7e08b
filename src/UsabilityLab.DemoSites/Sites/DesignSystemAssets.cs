using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;

namespace UsabilityLab.DemoSites.Sites;

/// <summary>
/// Serves the compiled files of the real design-system packages (installed by the build with npm
/// and copied beside the assembly): DKFDS under <c>/design-systems/dkfds/</c>, GOV.UK Frontend
/// under <c>/design-systems/govuk/</c> and its fonts and images under <c>/assets/</c>, where its
/// compiled stylesheet looks for them.
/// </summary>
internal static class DesignSystemAssets
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "design-systems");

    public static void Map(WebApplication app)
    {
        if (!Directory.Exists(Folder))
        {
            throw new DirectoryNotFoundException(
                $"The design-system files are missing in {Folder}. Build UsabilityLab.DemoSites (it installs dkfds and govuk-frontend with npm).");
        }

        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Folder), RequestPath = "/design-systems" });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(Folder, "govuk", "assets")), RequestPath = "/assets" });
    }
}
