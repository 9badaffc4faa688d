namespace CommandCenter.Http;

/// <summary>The problem details answers the API gives again and again.</summary>
public static class Problems
{
    public static IResult Field(string field, string message)
    {
        var fields = new Fields();
        fields.Add(field, message);
        return fields.Result();
    }

    public static IResult UnknownMember(string id) => Results.Problem(
        title: "Unknown member", detail: $"No member has the id \"{id}\".", statusCode: StatusCodes.Status404NotFound);
}
