namespace Diecast.Storefront.Tests.EndToEnd;

/// <summary>Waits for a state another process reaches on its own (a webhook settled, a worker done): asked again until it holds or a generous deadline passes.</summary>
public static class Eventually
{
    /// <summary>Asks <paramref name="condition"/> until it is true; fails naming <paramref name="what"/> after <paramref name="timeout"/> (one minute).</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(1));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited {timeout ?? TimeSpan.FromMinutes(1)} for {what}.");
            }

            // The interval between two questions, not a wait for time to pass: the answer is the state.
            await Task.Delay(200);
        }
    }
}
