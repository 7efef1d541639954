using System.Runtime.InteropServices;
using CsCheck;
using Microsoft.AspNetCore.WebUtilities;
using Nexudus.MediaAuth.Hosting;

namespace Nexudus.MediaAuth.Tests.Hosting;

/// <summary>
/// The one reading of a parameter that must appear once, shared by the media token handler, the login redirect and
/// the exchange: it finds what <c>Request.Query</c> would, and nothing else.
/// </summary>
public sealed class SingleQueryValueTests
{
    [Theory]
    [InlineData("?t=abc", "abc")]
    [InlineData("t=abc", "abc")]
    [InlineData("?a=1&t=abc&b=2", "abc")]
    [InlineData("?T=abc", "abc")]
    [InlineData("?%74=abc", "abc")]
    [InlineData("?%54=abc", "abc")]
    [InlineData("?t=a+b%2Bc", "a b+c")]
    [InlineData("?t=a%20b", "a b")]
    [InlineData("?t=a=b=c", "a=b=c")]
    [InlineData("?&&t=abc&&", "abc")]
    [InlineData("?t=", "")]
    [InlineData("?t", "")]
    [InlineData("?tt=x&t=abc&t2=y", "abc")]
    public void A_parameter_that_appears_once_is_read_unescaped(string query, string expected)
    {
        SingleQueryValue.Read(query, "t", out var value).Should().Be(QueryValueOccurrence.Once);
        value.ToString().Should().Be(expected);
        SingleQueryValue.TryRead(query, "t", out var tried).Should().BeTrue();
        tried.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("?t=abc&t=def")]
    [InlineData("?t=abc&T=def")]
    [InlineData("?t=abc&%74=def")]
    [InlineData("?t=&t=")]
    [InlineData("?t&t=abc")]
    public void A_parameter_that_appears_twice_is_repeated_with_no_value(string query)
    {
        SingleQueryValue.Read(query, "t", out var value).Should().Be(QueryValueOccurrence.Repeated);
        value.IsEmpty.Should().BeTrue();
        SingleQueryValue.TryRead(query, "t", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?")]
    [InlineData("?token=abc")]
    [InlineData("?tt=abc")]
    [InlineData("?t%3D=abc")]
    [InlineData("?%7=abc")]
    [InlineData("?=t")]
    [InlineData("?+t=abc")]
    public void A_parameter_that_is_not_there_is_absent(string? query)
    {
        SingleQueryValue.Read(query, "t", out var value).Should().Be(QueryValueOccurrence.Absent);
        value.IsEmpty.Should().BeTrue();
        SingleQueryValue.TryRead(query, "t", out _).Should().BeFalse();
    }

    [Fact]
    public void A_value_that_needs_no_unescaping_is_read_in_place_without_allocating()
    {
        const string query = "?server=true&redirectUrl=%2Fen%2Finvoices&t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2ln";
        SingleQueryValue.Read(query, "t", out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            SingleQueryValue.Read(query, "t", out _);
            SingleQueryValue.Read(query, "absent", out _);
        }

        GC.GetAllocatedBytesForCurrentThread().Should().Be(before);
        SingleQueryValue.Read(query, "t", out var value);
        MemoryMarshal.TryGetString(value, out var text, out _, out _).Should().BeTrue("the value is a slice of the query");
        text.Should().BeSameAs(query);
    }

    [Fact]
    public void Agrees_with_the_query_collection_on_any_query()
    {
        Gen.Char["tT=&+%2074aA"].Array[0, 24].Select(chars => "?" + new string(chars)).Sample(query =>
        {
            var values = QueryHelpers.ParseQuery(query).TryGetValue("t", out var t) ? t : default;
            var expected = values.Count switch
            {
                0 => QueryValueOccurrence.Absent,
                1 => QueryValueOccurrence.Once,
                _ => QueryValueOccurrence.Repeated,
            };

            SingleQueryValue.Read(query, "t", out var value).Should().Be(expected, $"the query was {query}");
            value.ToString().Should().Be(values.Count == 1 ? values[0] : string.Empty, $"the query was {query}");
        }, iter: 10_000);
    }
}
