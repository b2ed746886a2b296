namespace ClassifiedGateway.Tests.Harness;

/// <summary>Waits for a condition with a timeout (never a bare sleep as synchronisation).</summary>
internal static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}: {describe()}");
            }

            await Task.Delay(Poll);
        }
    }

    public static async Task SucceedsAsync(Func<Task> attempt, TimeSpan timeout, Func<Exception, bool> retryable, Func<string> describe)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            try
            {
                await attempt();
                return;
            }
            catch (Exception e) when (retryable(e) && TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(Poll);
            }
            catch (Exception e) when (retryable(e))
            {
                throw new TimeoutException(describe(), e);
            }
        }
    }
}
