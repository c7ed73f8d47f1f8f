using System.Net.Http.Headers;
using Apko.Oci.Registry.Authentication;

namespace Apko.Oci.Tests.Registry;

public sealed class AuthenticationChallengeTests
{
    [Fact]
    public void FromHeader_BearerWithQuotedComma()
    {
        var header = AuthenticationHeaderValue.Parse(
            "Bearer realm=\"https://auth.example/token\",service=\"registry.example\"," +
            "scope=\"repository:app:pull,push\"");

        var challenge = AuthenticationChallenge.FromHeader(header);

        Assert.True(challenge.IsBearer);
        Assert.Equal("https://auth.example/token", challenge.Realm);
        Assert.Equal("registry.example", challenge.Service);
        Assert.Equal("repository:app:pull,push", challenge.Scope);
    }

    [Theory]
    [InlineData("realm=apko-test", "realm", "apko-test")]
    [InlineData("Realm=\"a \\\"quoted\\\" realm\"", "realm", "a \"quoted\" realm")]
    [InlineData("realm=\"r\", error=\"insufficient_scope\"", "error", "insufficient_scope")]
    public void ParseParameters_ReadsValue(string text, string name, string expected)
    {
        var parameters = AuthenticationChallenge.ParseParameters(text);

        Assert.Equal(expected, parameters[name]);
    }

    [Fact]
    public void FromResponse_PrefersBearer()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Basic", "realm=\"r\""));
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer", "realm=\"https://a/t\""));

        var challenge = AuthenticationChallenge.FromResponse(response);

        Assert.NotNull(challenge);
        Assert.True(challenge.IsBearer);
    }
}
