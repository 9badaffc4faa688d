using CommandCenter.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Tests.Health;

/// <summary>
/// The readiness state machine on its own: the web server listens only after the silo and the grids are up, so "503
/// while starting" cannot be caught over HTTP in a real start; here the lifetime's events are driven by hand.
/// </summary>
[Trait("Category", "Unit")]
public class ReadinessTests
{
    private sealed class Lifetime : IHostApplicationLifetime
    {
        public readonly CancellationTokenSource Started = new(), Stopping = new(), Stopped = new();
        public CancellationToken ApplicationStarted => Started.Token;
        public CancellationToken ApplicationStopping => Stopping.Token;
        public CancellationToken ApplicationStopped => Stopped.Token;
        public void StopApplication() => Stopping.Cancel();
    }

    private static async Task<HealthStatus> Lifecycle(CenterReadiness readiness) =>
        (await new LifecycleCheck(readiness).CheckHealthAsync(new HealthCheckContext())).Status;

    [Fact]
    public async Task Ready_is_refused_while_starting_given_once_started_and_refused_again_from_the_stop_on()
    {
        var lifetime = new Lifetime();
        var readiness = new CenterReadiness(lifetime);

        readiness.Phase.Should().Be(CenterPhase.Starting);
        (await Lifecycle(readiness)).Should().Be(HealthStatus.Unhealthy);

        lifetime.Started.Cancel();
        readiness.Phase.Should().Be(CenterPhase.Ready);
        (await Lifecycle(readiness)).Should().Be(HealthStatus.Healthy);

        lifetime.StopApplication();
        readiness.Phase.Should().Be(CenterPhase.Stopping);
        (await Lifecycle(readiness)).Should().Be(HealthStatus.Unhealthy);
    }

    [Fact]
    public void A_center_told_to_stop_while_starting_never_becomes_ready()
    {
        var lifetime = new Lifetime();
        var readiness = new CenterReadiness(lifetime);

        lifetime.StopApplication();
        lifetime.Started.Cancel();

        readiness.Phase.Should().Be(CenterPhase.Stopping);
    }

    [Fact]
    public void The_answer_never_repeats_what_a_failing_check_threw()
    {
        var report = new HealthReport(new Dictionary<string, HealthReportEntry>
        {
            ["storage"] = new(HealthStatus.Unhealthy, "SQLite error 8: attempt to write a readonly database at /srv/gcc/data/command-center.db", TimeSpan.Zero,
                new InvalidOperationException("/srv/gcc/data/command-center.db Password=secret"), null),
            ["silo"] = new(HealthStatus.Healthy, "active", TimeSpan.Zero, null, null),
        }, TimeSpan.Zero);

        var answer = ReadinessAnswer.Of(report, CenterPhase.Ready);

        answer.Status.Should().Be("unhealthy");
        answer.Checks.Should().BeEquivalentTo([new ReadinessAnswer.Check("storage", "unhealthy", "did not answer"), new ReadinessAnswer.Check("silo", "healthy", "active")]);
    }
}
