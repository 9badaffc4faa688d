using System.Net;
using System.Net.Http.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Api;

[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class LockoutTests(CenterFactory center)
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var client = center.CreateClient();
        for (var i = 0; i < 4; i++)
            (await client.PostAsJsonAsync("/api/auth/token", new { username = "M00099", password = "guess" + i })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/auth/token", new { username = "M00099", password = "guess4" })).StatusCode
            .Should().Be(HttpStatusCode.TooManyRequests, "the fifth failure locks the account");

        var locked = await client.PostAsJsonAsync("/api/auth/token", new { username = "M00099", password = CenterFactory.DemoPassword });

        locked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        locked.Headers.RetryAfter.Should().NotBeNull();
        (await locked.Content.ReadAsStringAsync()).Should().Contain("Too many failed sign-ins");
        (await client.PostAsJsonAsync("/api/auth/token", new { username = "M00098", password = CenterFactory.DemoPassword })).StatusCode
            .Should().Be(HttpStatusCode.OK, "other accounts are not affected");
    }
}

[Trait("Category", "InProcess")]
public class RateLimitTests
{
    [Fact]
    public async Task An_address_that_hammers_sign_in_is_slowed_down()
    {
        using var limited = new CenterFactory(null, settings: new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "3" });
        var client = limited.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            answers.Add((await client.PostAsJsonAsync("/api/auth/token", new { username = "nobody", password = "x" })).StatusCode);

        answers.Take(3).Should().OnlyContain(s => s == HttpStatusCode.Unauthorized);
        answers.Skip(3).Should().OnlyContain(s => s == HttpStatusCode.TooManyRequests);
    }
}
