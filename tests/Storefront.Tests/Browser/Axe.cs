using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Diecast.Storefront.Tests.Browser;

/// <summary>
/// axe-core (the engine ships inside Deque.AxeCore.Commons and is injected into the page: nothing is fetched) run on a
/// page's current state. Serious and critical violations fail the test; each is listed with its rule, what it means,
/// and the elements it was found on, so a failure reads without opening a report.
/// </summary>
public static class Axe
{
    private static readonly string[] Failing = ["serious", "critical"];

    /// <summary>The WCAG 2.x A and AA rules and axe's best practices (landmarks, headings, region): the issue's bar.</summary>
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    };

    /// <summary>How many times a run is started again when the page navigated under it.</summary>
    private const int Attempts = 3;

    /// <summary>
    /// Fails on serious or critical violations of <paramref name="page"/> as it is now. A page that reloads itself (the
    /// order page while a payment is confirming sends a Refresh header every few seconds) can navigate while axe runs,
    /// which destroys the page's JavaScript context; the run is then made again on the page as it loaded.
    /// </summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        AxeResult result;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                result = await page.RunAxe(Options);
                break;
            }
            catch (Exception exception) when (attempt < Attempts && IsNavigation(exception))
            {
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
        }

        var failing = result.Violations.Where(v => Failing.Contains(v.Impact)).ToList();
        if (failing.Count > 0)
        {
            Assert.Fail($"axe-core found {failing.Count} serious or critical violation(s) on {what} ({page.Url}):\n{Describe(failing)}");
        }
    }

    /// <summary>Readable lines: rule, impact, help, then each element's selector, HTML and axe's summary of what to fix.</summary>
    public static string Describe(IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var violation in violations)
        {
            text.AppendLine($"- {violation.Id} ({violation.Impact}): {violation.Help} [{violation.HelpUrl}]");
            foreach (var node in violation.Nodes.Take(10))
            {
                text.AppendLine($"    at {node.Target}: {Shorten(node.Html)}");
                // axe's checks: any one of Any would pass the node, all of All must, none of None may.
                foreach (var check in (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []))
                {
                    text.AppendLine($"      {check.Message?.ReplaceLineEndings(" ")}");
                }
            }

            if (violation.Nodes.Length > 10)
            {
                text.AppendLine($"    … and {violation.Nodes.Length - 10} more");
            }
        }

        return text.ToString();
    }

    private static bool IsNavigation(Exception exception) =>
        exception.ToString().Contains("Execution context was destroyed", StringComparison.Ordinal);

    private static string Shorten(string html) => html.Length <= 200 ? html : html[..200] + "…";
}
