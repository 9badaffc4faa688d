using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace CommandCenter.Tests.Support;

/// <summary>
/// An in-process center's answer to an Orleans fatal error (e.g. its silo told it is dead): log it and stop that center.
/// Orleans' own handler ends the process (Environment.FailFast), which is right for a node in production — its
/// supervisor restarts it — but in the test process it would abort every other test's center with it, and the run
/// would end without saying which test it was in. Stopped instead, the center's own test fails.
/// </summary>
internal sealed class StopHostOnFatalError(IHostApplicationLifetime lifetime, ILogger<StopHostOnFatalError> log) : IFatalErrorHandler
{
    public bool IsUnexpected(Exception exception) => true;

    public void OnFatalException(object? sender, string? context, Exception? exception)
    {
        log.LogCritical(exception, "Orleans fatal error in {Context}: stopping this in-process center instead of the test process", context);
        lifetime.StopApplication();
    }
}
