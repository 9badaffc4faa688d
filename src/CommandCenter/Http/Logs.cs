namespace CommandCenter.Http;

/// <summary>
/// Section "Logs". <c>Logs:Json=true</c> writes the console log as one JSON object a line (the built-in JSON console
/// formatter, the same as <c>Logging:Console:FormatterName=json</c>) for a log shipper to read.
/// </summary>
public static class Logs
{
    public static void Configure(WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>("Logs:Json")) builder.Logging.AddJsonConsole();
    }
}
