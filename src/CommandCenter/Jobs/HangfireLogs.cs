using Hangfire.Logging;
using LogLevel = Hangfire.Logging.LogLevel;

namespace CommandCenter.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a process-wide static. When one host of several in a process (the
/// tests start many) is disposed, its logger factory goes with it while Hangfire may still hold it; this
/// wrapper turns logging through a disposed factory into silence instead of a crash.
/// </summary>
public sealed class HangfireLogs(ILogProvider inner) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new Guarded(inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Guarded(ILog inner) : ILog
    {
        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner.Log(logLevel, messageFunc!, exception!);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();
        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
