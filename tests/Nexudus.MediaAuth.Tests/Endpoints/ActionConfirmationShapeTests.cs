using System.Net;
using System.Text.Json;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Endpoints;

public sealed class ActionConfirmationShapeTests : PortalHostTest
{
    [Theory]
    [InlineData("?_shape=Value,WasSuccessful", new[] { "WasSuccessful", "Value" })]
    [InlineData("?_shape=WasSuccessful", new[] { "WasSuccessful" })]
    [InlineData("?_shape=value", new[] { "Value" })]
    [InlineData("?_shape=%20Status%20,%20Message%20", new[] { "Status", "Message" })]
    [InlineData("?_shape=Value.Length", new[] { "Value" })]
    [InlineData("?_shape=Value,Unknown,Records.Id", new[] { "Value" })]
    [InlineData("?_shape=Unknown", new string[0])]
    [InlineData("?_shape=", new[] { "WasSuccessful", "Value", "Status", "Message", "Errors" })]
    [InlineData("", new[] { "WasSuccessful", "Value", "Status", "Message", "Errors" })]
    public async Task Shape_keeps_only_the_named_fields(string query, string[] expectedFields)
    {
        using var response = await Server.RequestOneTimeTokenAsync(Bearer, query);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.EnumerateObject().Select(property => property.Name).Should().Equal(expectedFields);
    }

    [Fact]
    public async Task Shaped_value_is_a_redeemable_token()
    {
        using var response = await Server.RequestOneTimeTokenAsync(Bearer, "?_shape=Value,WasSuccessful");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        using var exchange = await Server.ExchangeAsync(body.RootElement.GetProperty("Value").GetString()!);

        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
