using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Diecast.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A page of Banana Cake Pop in headless Chromium, for the browser tests: it types a query into the operation editor
/// and runs it, each step waiting for the state it needs, never for time. Every request the page sends is recorded,
/// and a failure carries that record and a screenshot (under /tmp) so the reason can be seen.
/// </summary>
public sealed partial class BananaCakePopSession
{
    /// <summary>Milliseconds any one step may wait for its state on a machine busy with other tests: an upper bound, never a delay.</summary>
    public const float Wait = 90_000;

    /// <summary>How often Run is pressed at most when the IDE sends a document that is not yet the editor's text.</summary>
    private const int Presses = 5;

    private readonly ConcurrentQueue<string> _log = new();

    /// <summary>
    /// A new page without service workers. The IDE registers one on the first visit and reloads itself when it takes
    /// control (a controllerchange listener calling location.reload()); on a busy machine that reload came seconds
    /// into a test and threw away the editor's focus, its text, an open dialog or a Run in flight. The reload is the
    /// first visit's and not what the tests are about, so service workers are blocked and the page stays the page.
    /// </summary>
    public static async Task<BananaCakePopSession> OpenAsync(IBrowser browser) =>
        new(await browser.NewPageAsync(new() { ServiceWorkers = ServiceWorkerPolicy.Block }));

    private BananaCakePopSession(IPage page)
    {
        Page = page;
        page.SetDefaultTimeout(Wait);
        page.Request += (_, request) => _log.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} > {request.Method} {request.Url} {Shorten(request.PostData)}");
        page.Response += (_, response) => _log.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} < {response.Status} {response.Request.Method} {response.Url}");
        page.RequestFailed += (_, request) => _log.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} ! {request.Method} {request.Url} {request.Failure}");
    }

    public IPage Page { get; }

    /// <summary>What the page sent and received so far, one line each.</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>
    /// Runs a test's steps; if they fail, the page is saved as a screenshot under /tmp and the failure names it and
    /// lists every request the page sent.
    /// </summary>
    public async Task RecordAsync(string name, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (Exception failure)
        {
            var screenshot = Path.Combine(Path.GetTempPath(), $"bcp-{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}.png");
            try
            {
                await Page.ScreenshotAsync(new() { Path = screenshot, FullPage = true, Timeout = 10_000 });
            }
            catch (Exception screenshotFailure)
            {
                screenshot = $"(no screenshot: {screenshotFailure.Message})";
            }

            throw new InvalidOperationException($"{failure.Message}\nScreenshot: {screenshot}\nRequests:\n{Log}", failure);
        }
    }

    /// <summary>
    /// Replaces the operation editor's text with <paramref name="query"/>. Keys go to whatever has focus, so the editor's
    /// input is focused first (directly, not by a click that something else may catch), and the editor must show the
    /// text before this returns.
    /// </summary>
    public async Task EnterQueryAsync(string query)
    {
        var editor = Page.Locator(".monaco-editor").First;
        var input = editor.Locator("textarea.inputarea");
        await input.FocusAsync();
        await Expect(input).ToBeFocusedAsync(new() { Timeout = Wait });
        await Page.Keyboard.PressAsync("Control+A");
        // Inserted rather than typed: typing would trigger the editor's auto-closing brackets and suggestions.
        await Page.Keyboard.InsertTextAsync(query);
        await Expect(editor.Locator(".view-lines")).ToHaveTextAsync(query, new() { Timeout = Wait });
    }

    /// <summary>
    /// Presses Run and returns the response to the operation it sends. The IDE copies the editor's text into its own
    /// document only after a debounce (a timer of its own, late on a busy machine), so a Run pressed when the editor
    /// already shows the text can still send the document as it was before (empty: QUERY_MISSING). Each press
    /// therefore waits for the request it sends and checks it carries <paramref name="expected"/>; if not, it waits
    /// for that request's answer (the IDE is idle again) and presses once more. Bounded, and waiting on requests, not
    /// on time.
    /// </summary>
    public async Task<IResponse> RunAsync(string expected)
    {
        // By its text: while its tooltip is open the button's accessible name is the tooltip's ("Run Operation (Ctrl+Alt+⏎)").
        var run = Page.GetByRole(AriaRole.Button).Filter(new() { HasTextRegex = RunButtonText() });
        var sent = new List<string>();
        for (var press = 1; press <= Presses; press++)
        {
            await Expect(run).ToBeEnabledAsync(new() { Timeout = Wait });
            var request = await Page.RunAndWaitForRequestAsync(() => run.ClickAsync(), IsOperation);
            var response = await request.ResponseAsync()
                ?? throw new InvalidOperationException($"The operation got no response: {request.Failure}");
            if ((request.PostData ?? "").Contains(expected, StringComparison.Ordinal))
            {
                return response;
            }

            sent.Add($"press {press}: {request.PostData} -> {response.Status} {await response.TextAsync()}");
        }

        throw new InvalidOperationException($"Run never sent an operation with \"{expected}\":\n{string.Join('\n', sent)}");
    }

    /// <summary>An operation the user runs, not the IDE's own introspection of the schema.</summary>
    private static bool IsOperation(IRequest request) =>
        request.Method == "POST"
        && request.Url.Contains("/graphql", StringComparison.Ordinal)
        && !(request.PostData ?? "").Contains("__schema", StringComparison.Ordinal)
        && !(request.PostData ?? "").Contains("__type", StringComparison.Ordinal);

    private static string Shorten(string? body) => body is null ? "" : body.Length <= 300 ? body : body[..300] + "…";

    [GeneratedRegex("^Run$")]
    private static partial Regex RunButtonText();
}
