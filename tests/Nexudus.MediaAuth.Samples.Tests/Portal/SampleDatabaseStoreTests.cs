using System.Net;
using Nexudus.MediaAuth.Sample;
using Nexudus.MediaAuth.Tests.Infrastructure;
using Nexudus.MediaAuth.Tests.EntityFrameworkCore;

namespace Nexudus.MediaAuth.Samples.Tests.Portal;

/// <summary>
/// The sample picks the Entity Framework Core store from <c>ConnectionStrings:Sqlite</c> or
/// <c>ConnectionStrings:Postgres</c>, and creates its table at startup on an empty database.
/// </summary>
public sealed class SampleDatabaseStoreTests
{
    [Fact]
    public async Task With_a_sqlite_connection_string_a_token_issued_on_one_instance_signs_the_customer_in_on_the_other()
    {
        var directory = Directory.CreateTempSubdirectory("sample-sqlite-").FullName;
        try
        {
            await using var instances = await SampleInstances.StartAsync("Sqlite", $"Data Source={Path.Combine(directory, "sample.db")}");
            await SignsInOnTheOtherInstanceOnceAsync(instances);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [PostgresFact]
    public async Task With_a_postgres_connection_string_a_token_issued_on_one_instance_signs_the_customer_in_on_the_other()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var instances = await SampleInstances.StartAsync("Postgres", server.ConnectionString);
        await SignsInOnTheOtherInstanceOnceAsync(instances);
    }

    private static async Task SignsInOnTheOtherInstanceOnceAsync(SampleInstances instances)
    {
        var token = await instances.A.IssueOneTimeTokenAsync(instances.AdaBearer);

        using var login = await instances.B.RequestLoginAsync(token, "/en/invoices");
        using var again = await instances.A.ExchangeAsync(token);
        using var health = await instances.B.Client.GetAsync("/healthz");

        login.Headers.Location!.OriginalString.Should().Be("/en/invoices");
        using var page = await instances.A.GetWithCookieAsync("/en/invoices", login.SignInCookie()!);
        (await page.Content.ReadAsStringAsync()).Should().Contain($"Signed in as {DemoData.Ada.FullName}");
        again.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
