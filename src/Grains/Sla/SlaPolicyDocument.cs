using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommandCenter.Grains.Sla;

/// <summary>
/// The policy document (sla-policy.json) as the admin console edits it: the city's part (time zone and working
/// calendar, set on the city page) and the limits' part (warning fraction, re-send period, limits table, set on the
/// policy page) replaced independently, everything else kept as written. The result is checked by
/// <see cref="SlaPolicy.Parse"/> before it is saved, so nothing here decides what is valid.
/// </summary>
public static class SlaPolicyDocument
{
    private static readonly JsonSerializerOptions Write = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The product's starting policy for a city that brings none: the step limits of the closed loop's defaults, office
    /// hours on weekdays, no holidays, and UTC until the admin sets the city's own time zone on the first setup step.
    /// </summary>
    public const string Blank = """
        {
          "timeZone": "UTC",
          "warnFraction": 0.8,
          "calendar": {
            "officeHours": [ { "from": "08:30", "to": "12:00" }, { "from": "13:30", "to": "17:30" } ],
            "workingDays": [ "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" ],
            "holidays": [],
            "makeUpWorkdays": []
          },
          "limits": [
            { "step": "grid", "priority": "urgent", "limit": "10m" },
            { "step": "grid", "limit": "30m" },
            { "step": "dispatch", "priority": "urgent", "limit": "10m" },
            { "step": "dispatch", "limit": "30m" },
            { "step": "accept", "limit": "15m" },
            { "step": "handle", "limit": "category" },
            { "step": "verify", "area": "urban", "limit": "1h" },
            { "step": "verify", "limit": "2h" },
            { "step": "evaluate", "limit": "8wh" }
          ]
        }
        """;

    /// <summary>The document with the city's time zone and calendar (in the file's shape) put in.</summary>
    public static string WithCity(string policyJson, string timeZone, JsonNode calendar)
    {
        var document = Object(policyJson);
        document["timeZone"] = timeZone;
        document["calendar"] = calendar.DeepClone();
        return document.ToJsonString(Write);
    }

    /// <summary>The document with the limits' part put in; a null re-send period removes it (the default applies).</summary>
    public static string WithLimits(string policyJson, double warnFraction, string? resendUnreadAfter, JsonArray limits)
    {
        var document = Object(policyJson);
        document["warnFraction"] = warnFraction;
        if (resendUnreadAfter is null) document.Remove("resendUnreadAfter");
        else document["resendUnreadAfter"] = resendUnreadAfter;
        document["limits"] = limits.DeepClone();
        return document.ToJsonString(Write);
    }

    /// <summary>The limits' part as written: warning fraction, re-send period (null: the default) and the limits table.</summary>
    public static (double WarnFraction, string? ResendUnreadAfter, JsonArray Limits) LimitsOf(string policyJson)
    {
        var document = Object(policyJson);
        var warn = document["warnFraction"]?.GetValue<double>() ?? 0.8;
        var resend = document["resendUnreadAfter"]?.GetValue<string>();
        var limits = document["limits"] as JsonArray ?? [];
        return (warn, resend, (JsonArray)limits.DeepClone());
    }

    private static JsonObject Object(string json) =>
        JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
        ?? throw new ArgumentException("The policy document is not a JSON object.", nameof(json));
}
