using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommandCenter.Storage;

/// <summary>How events and summaries are written as text in the ledger: readable, stable, enum names not numbers.</summary>
public static class LedgerJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
