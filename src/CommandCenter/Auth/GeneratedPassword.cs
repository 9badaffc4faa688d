using CommandCenter.Storage;

namespace CommandCenter.Auth;

/// <summary>
/// Hands a password the center generated (the first admin's, the demo accounts') to the operator without putting it
/// in a log, which is shipped, kept and read by more people than the operator. On a terminal it is printed once on
/// the console; when the output is redirected (a service, a container, a log file) it is written to a file only the
/// center's user can read (Unix mode 600) in the data directory, and the log says where. The data directory is the
/// operator's own (<c>Storage:DataDirectory</c>, default <c>data</c> under the working directory), so naming its full
/// path in the log tells the operator where to look and tells a log reader nothing the operator did not choose; the
/// log never reaches an HTTP answer.
/// </summary>
public static class GeneratedPassword
{
    public static void Hand(string password, string what, string fileName, StorageOptions storage, ILogger log)
    {
        if (!Console.IsOutputRedirected)
        {
            Console.WriteLine($"{what}: {password}   (shown once; not written to the log)");
            log.LogWarning("{What}: generated and shown once on the console.", what);
            return;
        }
        Directory.CreateDirectory(storage.FullDataDirectory);
        var path = Path.Combine(storage.FullDataDirectory, fileName);
        var owner = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) owner.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new StreamWriter(path, System.Text.Encoding.UTF8, owner)) file.WriteLine(password);
        // UnixCreateMode applies only to a new file; an earlier one keeps its mode unless narrowed here.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        log.LogWarning("{What}: generated and written to {File} (readable by this user only); delete the file once it is kept somewhere safe.", what, path);
    }
}
