using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.OneTimeTokens;

namespace Nexudus.MediaAuth.LoadHost;

/// <summary>
/// The <c>flood</c> mode, driven by <c>benchmarks/flood/run.sh</c>: the library's token-issuing endpoints
/// (<c>POST /api/sys/users/token/refresh</c>, <c>GET /api/auth/media/customer</c>) with their defaults, for customers
/// signed in by <see cref="FloodCustomerHandler"/>. <c>--no-limit</c> removes the per-customer limit, so that only the
/// in-memory store's bound holds; <c>--redis host:port</c> keeps the tokens in Redis instead.
/// </summary>
public static class FloodHost
{
    public static void AddServices(WebApplicationBuilder builder, SigningCredentials credentials)
    {
        builder.Services.AddAuthentication(FloodCustomerHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, FloodCustomerHandler>(FloodCustomerHandler.SchemeName, configureOptions: null)
            .AddCookie()
            .AddBearerToken();
        builder.Services.AddAuthorization();
        builder.Services.AddMediaTokenAuthentication(options => options.SigningCredentials = credentials);
        builder.Services.AddOneTimeTokens(options => options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme);
        builder.Services.Configure<CustomerAuthenticationOptions>(options =>
        {
            options.AuthenticationSchemes.Add(FloodCustomerHandler.SchemeName);
            if (builder.Configuration.GetValue<bool>("no-limit"))
            {
                options.IssueLimit = null;
            }
        });
        if (builder.Configuration["redis"] is { } redis)
        {
            builder.Services.AddStackExchangeRedisOneTimeTokenStore(options =>
            {
                options.Configuration = redis;
                options.InstanceName = "flood:";
            });
        }
    }

    public static void MapEndpoints(WebApplication app)
    {
        app.MapMediaTokenEndpoints();
        app.MapOneTimeTokenEndpoints();
        app.MapGet("/memory", Memory);
        app.MapPost("/ticket-cost", TicketCostAsync);
    }

    /// <summary>The managed heap, after a full blocking collection when <c>?collect=true</c>.</summary>
    private static string Memory(bool collect = false) =>
        GC.GetTotalMemory(forceFullCollection: collect).ToString(CultureInfo.InvariantCulture) + "\n";

    /// <summary>
    /// The managed memory a live one-time token costs in the configured store: the heap after a full collection,
    /// before and after issuing <paramref name="count"/> tokens to as many customers (principals built beforehand,
    /// since a bearer scheme builds them anyway), divided by the count.
    /// </summary>
    private static async Task<string> TicketCostAsync(IOneTimeTokenService tokens, int count = 10_000)
    {
        var customers = Enumerable.Range(0, count)
            .Select(id => FloodCustomerHandler.CreateCustomer(id.ToString(CultureInfo.InvariantCulture)))
            .ToArray();
        var issued = new string[count];
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < count; i++)
        {
            issued[i] = await tokens.IssueAsync(customers[i]);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        // The tokens themselves are the client's, not the store's: subtract the strings kept alive for this line.
        var tokenStrings = issued.Sum(token => 22L + 2 * token.Length);
        GC.KeepAlive(customers);
        return $"{(after - before - tokenStrings) / (double)count:F0} bytes per live token ({count} tokens)\n";
    }
}
