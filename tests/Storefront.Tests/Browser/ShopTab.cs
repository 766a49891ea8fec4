using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Diecast.Storefront.Tests.Browser;

/// <summary>
/// One shopper's tab on the storefront, on a <see cref="Viewport"/>: a fresh browser context (no cookies or cache from
/// other tests), every console error, page error and failed request recorded, screenshots saved as test output under
/// <see cref="ScreenshotFolder"/>, and the checks every page must pass (no horizontal scroll, images with intrinsic
/// sizes, no console errors, axe). Steps wait for states (Playwright's auto-waiting and web-first assertions), never
/// for time.
/// </summary>
public sealed partial class ShopTab : IAsyncDisposable
{
    /// <summary>Milliseconds a step may wait for its state on a machine busy with other tests: an upper bound, never a delay.</summary>
    public const float Wait = 60_000;

    /// <summary>tests/Storefront.Tests/TestResults/screenshots (git-ignored), one PNG per step, named test-viewport-step.</summary>
    public static string ScreenshotFolder { get; } = RepositoryPaths.Combine("tests", "Storefront.Tests", "TestResults", "screenshots");

    private readonly IBrowserContext _context;
    private readonly string _test;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ConcurrentQueue<string> _errors = new();

    // Documents the test asked for with an error status (a 404 page): the browser's "Failed to load resource" for
    // them is the point of the test, not a fault of the page.
    private readonly ConcurrentDictionary<string, bool> _expectedErrorDocuments = new();
    private int _shots;

    private ShopTab(IBrowserContext context, IPage page, Uri baseAddress, Viewport viewport, string test)
    {
        _context = context;
        Page = page;
        BaseAddress = baseAddress;
        Viewport = viewport;
        _test = test;
        page.SetDefaultTimeout(Wait);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsExpected(message))
            {
                _errors.Enqueue($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _errors.Enqueue($"page error: {error}");
        page.Request += (_, request) => _log.Enqueue($"> {request.Method} {request.Url}");
        page.Response += (_, response) => _log.Enqueue($"< {response.Status} {response.Url}");
        page.RequestFailed += (_, request) => _log.Enqueue($"! {request.Method} {request.Url} {request.Failure}");
    }

    public IPage Page { get; }

    public Uri BaseAddress { get; }

    public Viewport Viewport { get; }

    /// <summary>Console and page errors seen so far.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public static Task<ShopTab> OpenAsync(BrowserShop shop, Viewport viewport, string test)
    {
        ArgumentNullException.ThrowIfNull(shop);
        return OpenAsync(shop.Browser, shop.StorefrontAddress, viewport, test);
    }

    /// <summary>A tab on any storefront (the checkout tests run their own shop, with a fake Razorpay).</summary>
    public static async Task<ShopTab> OpenAsync(IBrowser browser, Uri storefront, Viewport viewport, string test)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(storefront);
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = storefront.ToString(),
            ViewportSize = new() { Width = viewport.Width, Height = viewport.Height },
            IsMobile = viewport.Touch,
            HasTouch = viewport.Touch,
            DeviceScaleFactor = viewport.Touch ? 2 : 1,
            Locale = "en-IN",
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        return new ShopTab(context, await context.NewPageAsync(), storefront, viewport, test);
    }

    /// <summary>
    /// Says that <paramref name="url"/> answering with an error status is expected (a form re-rendered with its
    /// validation messages as a 400; the payment simulator's missing favicon), so the browser's "Failed to load
    /// resource" for it is not counted as a page error.
    /// </summary>
    public void ExpectErrorStatus(Uri url) => _expectedErrorDocuments[url.ToString()] = true;

    /// <summary>Opens <paramref name="path"/> and checks the document's status.</summary>
    public async Task<IResponse> GotoAsync(string path, int status = 200)
    {
        var url = new Uri(BaseAddress, path).ToString();
        if (status >= 400)
        {
            _expectedErrorDocuments[url] = true;
        }

        var response = await Page.GotoAsync(url) ?? throw new InvalidOperationException($"No response for {path}");
        Assert.True(response.Status == status, $"{path} answered {response.Status}, expected {status}");
        return response;
    }

    /// <summary>
    /// Runs a test's steps; when they fail, the page is saved as a screenshot and the failure lists it, the errors the
    /// page logged and every request it made, so the reason can be seen without running it again.
    /// </summary>
    public async Task RunAsync(Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (Exception failure)
        {
            string screenshot;
            try
            {
                screenshot = await ScreenshotAsync("failure");
            }
            catch (Exception screenshotFailure)
            {
                screenshot = $"(no screenshot: {screenshotFailure.Message})";
            }

            throw new InvalidOperationException(
                $"{failure.Message}\nOn {Viewport} at {Page.Url}\nScreenshot: {screenshot}\nErrors:\n{string.Join('\n', _errors)}\nRequests:\n{string.Join('\n', _log)}",
                failure);
        }
    }

    /// <summary>The whole page as a PNG in <see cref="ScreenshotFolder"/>; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string step)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var name = $"{_test}-{Viewport.Name}-{Interlocked.Increment(ref _shots):00}-{Unsafe().Replace(step, "-")}.png";
        var path = Path.Combine(ScreenshotFolder, name);
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = 20_000 });
        return path;
    }

    /// <summary>
    /// What every page must pass at every step of a journey: nothing wider than the viewport (no sideways scrolling on a
    /// 360 px phone), every image with intrinsic width and height (so nothing shifts as it loads), every image that has
    /// loads (lazy ones are made to load), and no console or page errors so far.
    /// </summary>
    public async Task AssertSoundAsync()
    {
        var scrollWidth = await Page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        if (scrollWidth > Viewport.Width)
        {
            // The elements that stick out while their parent does not: where the overflow starts.
            var culprits = await Page.EvaluateAsync<string[]>("""
                width => [...document.querySelectorAll('body *')]
                  .filter(e => e.getBoundingClientRect().right > width + 1 && e.parentElement && e.parentElement.getBoundingClientRect().right <= width + 1)
                  .slice(0, 5).map(e => `${Math.round(e.getBoundingClientRect().width)} px wide: ${e.outerHTML.slice(0, 200)}`)
                """, Viewport.Width);
            Assert.Fail($"{Page.Url} is {scrollWidth} px wide on a {Viewport.Width} px viewport: it scrolls sideways. Wider than their parents:\n{string.Join('\n', culprits)}");
        }

        var unsized = await Page.EvaluateAsync<string[]>(
            "() => [...document.images].filter(i => !i.getAttribute('width') || !i.getAttribute('height')).map(i => i.outerHTML.slice(0, 160))");
        Assert.True(unsized.Length == 0, $"Images without width and height on {Page.Url}:\n{string.Join('\n', unsized)}");

        // Lazy images below the fold load only when scrolled to: they are asked for now, so a broken one is seen too.
        await Page.EvaluateAsync("() => document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')");
        await Page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete)");
        var broken = await Page.EvaluateAsync<string[]>(
            "() => [...document.images].filter(i => i.complete && i.currentSrc && i.naturalWidth === 0).map(i => i.currentSrc)");
        Assert.True(broken.Length == 0, $"Images that failed to load on {Page.Url}:\n{string.Join('\n', broken)}");

        AssertNoErrors();
    }

    public void AssertNoErrors() =>
        Assert.True(_errors.IsEmpty, $"The page logged errors:\n{string.Join('\n', _errors)}");

    /// <summary>axe-core on the page as it is now: no serious or critical violations.</summary>
    public Task AssertAccessibleAsync(string what) => Axe.AssertNoSeriousViolationsAsync(Page, $"{what} on {Viewport}");

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private bool IsExpected(IConsoleMessage message) =>
        message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)
        && _expectedErrorDocuments.ContainsKey(StripPosition(message.Location));

    // A console message's location is "url:line:column".
    private static string StripPosition(string location) => Position().Replace(location, "");

    [GeneratedRegex(":[0-9]+:[0-9]+$")]
    private static partial Regex Position();

    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex Unsafe();
}
