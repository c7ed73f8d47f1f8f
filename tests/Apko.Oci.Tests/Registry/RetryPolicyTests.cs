using Apko.Oci.Registry;

namespace Apko.Oci.Tests.Registry;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 3000)]
    [InlineData(3, 9000)]
    [InlineData(4, 27000)]
    [InlineData(5, 30000)]
    public void DelayAfter_GrowsToMaximum(int attempt, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), new RetryPolicy().DelayAfter(attempt, null));
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(600, 30)]
    public void DelayAfter_RetryAfterCapped(int requested, int seconds)
    {
        var delay = new RetryPolicy().DelayAfter(1, TimeSpan.FromSeconds(requested));

        Assert.Equal(TimeSpan.FromSeconds(seconds), delay);
    }
}
