using Microsoft.Playwright;
using UsabilityLab.Core.Scripts;

namespace UsabilityLab.Browser;

/// <summary>Turns a script's element locator into a Playwright locator on a page.</summary>
internal static class LocatorBuilder
{
    public static ILocator Build(IPage page, ElementLocator locator, TestData data) => locator.Kind switch
    {
        LocatorKind.Role => page.GetByRole(
            Enum.Parse<AriaRole>(locator.Value, ignoreCase: true),
            new PageGetByRoleOptions { Name = locator.Name is null ? null : data.Resolve(locator.Name), Exact = locator.Exact }),
        LocatorKind.Label => page.GetByLabel(data.Resolve(locator.Value), new PageGetByLabelOptions { Exact = locator.Exact }),
        LocatorKind.Text => page.GetByText(data.Resolve(locator.Value), new PageGetByTextOptions { Exact = locator.Exact }),
        LocatorKind.Placeholder => page.GetByPlaceholder(data.Resolve(locator.Value), new PageGetByPlaceholderOptions { Exact = locator.Exact }),
        LocatorKind.Title => page.GetByTitle(data.Resolve(locator.Value), new PageGetByTitleOptions { Exact = locator.Exact }),
        _ => page.Locator(locator.Value),
    };
}
