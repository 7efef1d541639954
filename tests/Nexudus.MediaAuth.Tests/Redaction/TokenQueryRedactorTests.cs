using Nexudus.MediaAuth.Redaction;

namespace Nexudus.MediaAuth.Tests.Redaction;

/// <summary>
/// The redactor finds token parameters by the names the query collection would read them under.
/// </summary>
public sealed class TokenQueryRedactorTests
{
    [Theory]
    [InlineData("?t=abc", "?t=[Redacted]")]
    [InlineData("?token=abc", "?token=[Redacted]")]
    [InlineData("?T=abc", "?T=[Redacted]")]
    [InlineData("?TOKEN=abc", "?TOKEN=[Redacted]")]
    [InlineData("?%74=abc", "?%74=[Redacted]")]
    [InlineData("?%54oken=abc", "?%54oken=[Redacted]")]
    [InlineData("?a=1&t=abc&b=2", "?a=1&t=[Redacted]&b=2")]
    [InlineData("?t=abc&t=def", "?t=[Redacted]&t=[Redacted]")]
    [InlineData("?server=true&t=abc&redirectUrl=%2Fen%2Finvoices", "?server=true&t=[Redacted]&redirectUrl=%2Fen%2Finvoices")]
    [InlineData("?t=a=b=c", "?t=[Redacted]")]
    [InlineData("?&&t=abc&&", "?&&t=[Redacted]&&")]
    public void Token_values_are_replaced_and_everything_else_kept(string query, string expected) =>
        TokenQueryRedactor.Redact(query).Should().Be(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?")]
    [InlineData("?a=1&b=2")]
    [InlineData("?t=")]
    [InlineData("?t")]
    [InlineData("?tt=abc&at=abc&t%20=abc&media=abc")]
    [InlineData("?x=t%3Dabc")]
    public void Queries_without_a_token_value_are_left_alone(string? query) =>
        TokenQueryRedactor.Redact(query).Should().BeNull();
}
