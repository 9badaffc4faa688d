using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Tests.Health;

/// <summary>
/// A stop runs the hosted services in reverse order: the web server first (requests in flight answered), then the jobs
/// and the silo (grains write their last state), and only then the store's drain, so no write comes after it.
/// </summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class StopOrderTests(CenterFactory center)
{
    [Fact]
    public void The_store_drains_after_the_silo_and_the_job_server_have_stopped()
    {
        var names = center.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        var drain = names.IndexOf("LedgerDrain");
        drain.Should().BeGreaterThanOrEqualTo(0, string.Join(", ", names));
        names.IndexOf("SiloHostedService").Should().BeGreaterThan(drain, "the silo starts after the drain is registered, so it stops before: " + string.Join(", ", names));
        names.FindIndex(n => n.Contains("BackgroundJobServer", StringComparison.Ordinal)).Should().BeGreaterThan(drain, string.Join(", ", names));
    }
}
