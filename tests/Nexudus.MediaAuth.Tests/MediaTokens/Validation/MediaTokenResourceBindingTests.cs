using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Issuance;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens.Validation;

/// <summary>
/// A token bound to a resource (<c>res</c>) authenticates requests for that path, or under that prefix, and nothing else,
/// whichever way the path is dressed up, with the validation cache on or off. Every path here reaches the same
/// catch-all endpoint, so a 401 comes from the binding, not from routing.
/// </summary>
public sealed class MediaTokenResourceBindingTests
{
    private const string Invoice1001 = "/api/public/billing/invoices/1001/pdf";
    private const string FilesPrefix = "/api/public/files/";
    private const string NotForThisResource = "The token is not valid for this resource.";

    public static TheoryData<int> CacheSizes => [0, MediaTokenDefaults.ValidationCacheSize];

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Token_bound_to_an_invoice_opens_that_invoice_and_not_another(int cacheSize)
    {
        await using var host = await StartAsync(cacheSize);
        var token = Issue(host, Invoice1001);

        // Twice each, so that with the cache on the second answer comes from a cache hit.
        for (var i = 0; i < 2; i++)
        {
            using var own = await host.Client.GetAsync(TestHost.WithToken(Invoice1001, token));
            using var other = await host.Client.GetAsync(TestHost.WithToken("/api/public/billing/invoices/1002/pdf", token));

            (await own.ShouldDescribeUserAsync()).Should().Contain($"{ClaimTypes.NameIdentifier}=1");
            await other.ShouldBeInvalidTokenAsync(NotForThisResource);
            (await other.Content.ReadAsStringAsync()).Should().NotContain("1001");
        }
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task A_cached_token_is_checked_against_each_request_path(int cacheSize)
    {
        await using var host = await StartAsync(cacheSize);
        var token = Issue(host, Invoice1001);

        // The first request validates (and, with the cache on, remembers) the token on the wrong path.
        using var other = await host.Client.GetAsync(TestHost.WithToken("/api/public/billing/invoices/1002/pdf", token));
        using var own = await host.Client.GetAsync(TestHost.WithToken(Invoice1001, token));
        using var otherAgain = await host.Client.GetAsync(TestHost.WithToken("/api/public/billing/invoices/1002/pdf", token));

        await other.ShouldBeInvalidTokenAsync(NotForThisResource);
        await own.ShouldDescribeUserAsync();
        await otherAgain.ShouldBeInvalidTokenAsync(NotForThisResource);
        (host.Services.GetRequiredService<MediaTokenSchemeStates>()
            .Get(MediaTokenDefaults.AuthenticationScheme).Validator.Cache?.Count ?? 0).Should().Be(cacheSize == 0 ? 0 : 1);
    }

    /// <summary>URLs a client sends that resolve to another invoice, or to no canonical path at all.</summary>
    [Theory]
    [InlineData("/api/public/billing/invoices/1001/pdf/../../1002/pdf", 0)]
    [InlineData("/api/public/billing/invoices/1001/pdf/../../1002/pdf", MediaTokenDefaults.ValidationCacheSize)]
    [InlineData("/api/public/billing/invoices/1001/pdf/%2e%2e/%2e%2e/1002/pdf", 0)]
    [InlineData("/api/public/billing/invoices/1001/pdf/%2e%2e/%2e%2e/1002/pdf", MediaTokenDefaults.ValidationCacheSize)]
    [InlineData("/api/public/billing/invoices/1001/pdf%2F..%2F..%2F1002%2Fpdf", 0)]
    [InlineData("/api/public/billing/invoices/1001/pdf%2F..%2F..%2F1002%2Fpdf", MediaTokenDefaults.ValidationCacheSize)]
    [InlineData("/api/public/billing/invoices/1001%252Fpdf", 0)]
    [InlineData("/api/public/billing/invoices//1001/pdf", 0)]
    [InlineData("/api/public/billing/invoices//1001/pdf", MediaTokenDefaults.ValidationCacheSize)]
    [InlineData("/API/public/billing/invoices/1001/pdf", 0)]
    [InlineData("/API/public/billing/invoices/1001/pdf", MediaTokenDefaults.ValidationCacheSize)]
    [InlineData("/api/public/billing/invoices/1001/pdf/", 0)]
    [InlineData("/api/public/billing/invoices/1001/pdf/x", MediaTokenDefaults.ValidationCacheSize)]
    [InlineData("/api/public/billing/invoices/1001", 0)]
    public async Task Path_tricks_over_http_do_not_widen_an_invoice_binding(string url, int cacheSize)
    {
        await using var host = await StartAsync(cacheSize);
        var token = Issue(host, Invoice1001);

        using var response = await host.Client.GetAsync(TestHost.WithToken(url, token));

        await response.ShouldBeInvalidTokenAsync(NotForThisResource);
    }

    /// <summary>
    /// Request paths as a server or proxy that does not normalize might hand them to the application: the check refuses
    /// every path that is not canonical, even one that some resolver would turn into the bound path.
    /// </summary>
    [Theory]
    [InlineData("/api/public/billing/invoices/1002/../1001/pdf")]
    [InlineData("/api/public/billing/invoices/1001/./pdf")]
    [InlineData("/api/public/billing/invoices/1001/pdf/.")]
    [InlineData("/api/public/billing/invoices//1001/pdf")]
    [InlineData("/api/public/billing/invoices/1001/pdf.")]
    [InlineData("/api/public/billing/invoices/1001./pdf")]
    [InlineData("/api/public/billing/invoices/1001/pd%66")]
    [InlineData("/api/public/billing/invoices/1002/..\\1001/pdf")]
    [InlineData("/api/public/billing/invoices/1001/pdf\0")]
    [InlineData("/api/public/billing/invoices/1001/pdf\n")]
    public async Task Non_canonical_request_paths_never_match_a_binding(string rawPath)
    {
        foreach (var cacheSize in new[] { 0, MediaTokenDefaults.ValidationCacheSize })
        {
            await using var host = await StartAsync(cacheSize);
            var token = Issue(host, Invoice1001);

            var canonical = await SendRawAsync(host, PathString.Empty, Invoice1001, token);
            var tricked = await SendRawAsync(host, PathString.Empty, rawPath, token);

            canonical.Response.StatusCode.Should().Be(StatusCodes.Status200OK);
            tricked.Response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized);
            tricked.Response.Headers.WWWAuthenticate.ToString().Should().Contain($"error_description=\"{NotForThisResource}\"");
        }
    }

    [Theory]
    [InlineData("/api/public/files/a.pdf", true)]
    [InlineData("/api/public/files/folder/b.pdf", true)]
    [InlineData("/api/public/files/", true)]
    [InlineData("/api/public/files", false)]
    [InlineData("/api/public/filesX/a.pdf", false)]
    [InlineData("/api/public/filesX", false)]
    [InlineData("/api/public/other/a.pdf", false)]
    [InlineData("/api/public/files/../billing/invoices/1001/pdf", false)]
    [InlineData("/api/public/files/%2e%2e/billing/invoices/1001/pdf", false)]
    [InlineData("/api/public/files/..%2Fbilling%2Finvoices%2F1001%2Fpdf", false)]
    [InlineData("/API/PUBLIC/FILES/a.pdf", false)]
    public async Task Prefix_binding_opens_paths_under_the_prefix_only(string url, bool opens)
    {
        foreach (var cacheSize in new[] { 0, MediaTokenDefaults.ValidationCacheSize })
        {
            await using var host = await StartAsync(cacheSize);
            var token = Issue(host, FilesPrefix);

            using var response = await host.Client.GetAsync(TestHost.WithToken(url, token));

            if (opens)
            {
                await response.ShouldDescribeUserAsync();
            }
            else
            {
                await response.ShouldBeInvalidTokenAsync(NotForThisResource);
            }
        }
    }

    [Theory]
    [InlineData("/api/public/files/../secret/a.pdf")]
    [InlineData("/api/public/files/a/../../secret/a.pdf")]
    [InlineData("/api/public/files/%2e%2e/secret/a.pdf")]
    [InlineData("/api/public/files/.../secret/a.pdf")]
    [InlineData("/api/public/files//a.pdf")]
    [InlineData("/api/public/files/..\\secret\\a.pdf")]
    public async Task Prefix_binding_refuses_raw_dot_segments_and_encodings_under_the_prefix(string rawPath)
    {
        await using var host = await StartAsync(MediaTokenDefaults.ValidationCacheSize);
        var token = Issue(host, FilesPrefix);

        var context = await SendRawAsync(host, PathString.Empty, rawPath, token);

        context.Response.StatusCode.Should().Be(StatusCodes.Status401Unauthorized);
    }

    [Theory]
    [InlineData("/portal/api/public/files/", true)]
    [InlineData("/portal/api/", true)]
    [InlineData("/portal/", true)]
    [InlineData("/api/public/files/", false)]
    [InlineData("/portal/api/public/files/a.pdf/", false)]
    public async Task Binding_is_compared_with_the_path_base_and_the_path_together(string resource, bool opens)
    {
        await using var host = await StartAsync(MediaTokenDefaults.ValidationCacheSize);
        var token = Issue(host, resource);

        var context = await SendRawAsync(host, new PathString("/portal"), "/api/public/files/a.pdf", token);

        context.Response.StatusCode.Should().Be(opens ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Unbound_token_works_unless_binding_is_required(int cacheSize)
    {
        await using var optional = await StartAsync(cacheSize);
        await using var required = await StartAsync(cacheSize, requireBinding: true);

        using var unboundWhereOptional = await optional.Client.GetAsync(TestHost.WithToken(Invoice1001, IssueUnbound(optional)));
        using var unboundWhereRequired = await required.Client.GetAsync(TestHost.WithToken(Invoice1001, IssueUnbound(required)));
        using var boundWhereRequired = await required.Client.GetAsync(TestHost.WithToken(Invoice1001, Issue(required, Invoice1001)));

        await unboundWhereOptional.ShouldDescribeUserAsync();
        await unboundWhereRequired.ShouldBeInvalidTokenAsync("The token is not bound to a resource.");
        await boundWhereRequired.ShouldDescribeUserAsync();
    }

    [Fact]
    public async Task A_second_scheme_with_the_same_keys_requires_binding_on_its_endpoints_only()
    {
        const string BoundScheme = "BoundMediaToken";
        await using var host = await TestHost.StartMediaTokenHostAsync(
            options => options.ValidationCacheSize = 0,
            configureServices: builder => builder.Services.AddAuthentication().AddMediaToken(BoundScheme, options =>
            {
                options.SigningCredentials = TestKeys.HmacCredentials;
                options.RequireResourceBinding = true;
            }),
            configureApp: app => TestHost.MapUserDescription(app, "/bound/{**path}").RequireMediaToken(BoundScheme),
            mapMediaTokenEndpoints: false);
        var unbound = IssueUnbound(host);

        using var unboundOnDefaultScheme = await host.GetMediaAsync(unbound);
        using var unboundOnBoundScheme = await host.Client.GetAsync(TestHost.WithToken("/bound/a.pdf", unbound));
        using var boundOnBoundScheme = await host.Client.GetAsync(TestHost.WithToken("/bound/a.pdf", Issue(host, "/bound/")));

        await unboundOnDefaultScheme.ShouldDescribeUserAsync();
        await unboundOnBoundScheme.ShouldBeInvalidTokenAsync("The token is not bound to a resource.", BoundScheme);
        (await boundOnBoundScheme.ShouldDescribeUserAsync()).Should().Contain($"scheme={BoundScheme}");
    }

    [Theory]
    [InlineData(""","res":1001""")]
    [InlineData(""","res":null""")]
    [InlineData(""","res":true""")]
    [InlineData(""","res":["/api/public/billing/invoices/1001/pdf"]""")]
    [InlineData(""","res":{"path":"/api/public/billing/invoices/1001/pdf"}""")]
    [InlineData(""","res":"/api/public/billing/invoices/1001/pdf","res":"/api/public/billing/invoices/1001/pdf" """)]
    [InlineData(""","res":"/api/public/billing/invoices/1002/pdf","res":"/api/public/billing/invoices/1001/pdf" """)]
    public async Task Resource_claim_of_the_wrong_type_or_repeated_is_malformed(string resourceClaims)
    {
        foreach (var cacheSize in new[] { 0, MediaTokenDefaults.ValidationCacheSize })
        {
            await using var host = await StartHmacAsync(cacheSize);
            var token = TestToken.Hmac(TestToken.ValidHeader, TestToken.ValidClaims(host.Time.GetUtcNow(), resourceClaims));

            using var response = await host.Client.GetAsync(TestHost.WithToken(Invoice1001, token));

            await response.ShouldBeInvalidTokenAsync("The token is malformed.");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("api/public/billing/invoices/1001/pdf")]
    [InlineData("/api/public/billing/invoices/1002/../1001/pdf")]
    [InlineData("/api/public/billing//invoices/1001/pdf")]
    [InlineData("/api/public/billing/invoices/1001/pdf.")]
    [InlineData("/api/public/billing/invoices/%31001/pdf")]
    public async Task Resource_claim_that_is_not_a_canonical_path_is_refused(string resource)
    {
        await using var host = await StartHmacAsync();
        var token = TestToken.Hmac(TestToken.ValidHeader, TestToken.ValidClaims(host.Time.GetUtcNow(), $$""","res":"{{resource}}" """));

        using var response = await host.Client.GetAsync(TestHost.WithToken(Invoice1001, token));

        await response.ShouldBeInvalidTokenAsync("The token's resource is not a canonical path.");
    }

    [Fact]
    public async Task Hand_signed_resource_claim_is_honoured_like_an_issued_one()
    {
        await using var host = await StartHmacAsync();
        var token = TestToken.Hmac(TestToken.ValidHeader, TestToken.ValidClaims(host.Time.GetUtcNow(), $$""","res":"{{Invoice1001}}" """));

        using var own = await host.Client.GetAsync(TestHost.WithToken(Invoice1001, token));
        using var other = await host.Client.GetAsync(TestHost.WithToken("/api/public/billing/invoices/1002/pdf", token));

        await own.ShouldDescribeUserAsync();
        await other.ShouldBeInvalidTokenAsync(NotForThisResource);
    }

    [Theory]
    [MemberData(nameof(CacheSizes))]
    public async Task Token_supplied_by_the_MessageReceived_event_is_checked_against_the_path(int cacheSize)
    {
        await using var host = await StartAsync(cacheSize, configure: options => options.Events.OnMessageReceived = context =>
        {
            context.Token = context.Request.Headers["X-Media-Token"];
            return Task.CompletedTask;
        });
        var token = Issue(host, Invoice1001);

        using var own = await SendWithHeaderAsync(host, Invoice1001, token);
        using var other = await SendWithHeaderAsync(host, "/api/public/billing/invoices/1002/pdf", token);

        await own.ShouldDescribeUserAsync();
        await other.ShouldBeInvalidTokenAsync(NotForThisResource);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/")]
    [InlineData("/api/public/billing/invoices/1001/pdf")]
    [InlineData("/api/public/files/")]
    [InlineData("/api/public/files/my report.pdf")]
    public async Task Issuer_accepts_canonical_resources(string? resource)
    {
        await using var host = await StartAsync(0);

        var issue = () => resource is null ? IssueUnbound(host) : Issue(host, resource);

        issue.Should().NotThrow();
    }

    [Theory]
    [InlineData("/api/public/billing/invoices/1002/../1001/pdf")]
    [InlineData("/api/public/billing/invoices/./1001/pdf")]
    [InlineData("/api/public/billing//invoices/1001/pdf")]
    [InlineData("/api/public/billing/invoices/1001/pdf.")]
    [InlineData("/api/public/billing/invoices/1001%2Fpdf")]
    [InlineData("/api/public/billing/invoices\\1001\\pdf")]
    [InlineData("/api/public/billing/invoices/1001/pdf\r\n")]
    public async Task Issuer_refuses_resources_that_are_not_canonical(string resource)
    {
        await using var host = await StartAsync(0);

        var issue = () => Issue(host, resource);

        issue.Should().ThrowExactly<ArgumentException>().Which.ParamName.Should().Be("resource");
    }

    [Fact]
    public async Task Issuer_refuses_an_empty_resource()
    {
        await using var host = await StartAsync(0);
        var issuer = host.Services.GetRequiredService<IMediaTokenIssuer>();

        var issue = () => issuer.IssueToken(Customer, default);

        issue.Should().ThrowExactly<ArgumentException>().Which.ParamName.Should().Be("resource");
    }

    private static readonly ClaimsPrincipal Customer = new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "1")], "test"));

    private static Task<TestHost> StartAsync(int cacheSize, bool requireBinding = false, Action<MediaTokenOptions>? configure = null) =>
        TestHost.StartMediaTokenHostAsync(
            options =>
            {
                // An asymmetric key, because only schemes with one use the validation cache, which these tests must cover.
                options.SigningCredentials = new SigningCredentials(TestKeys.Ecdsa, SecurityAlgorithms.EcdsaSha256);
                options.ValidationCacheSize = cacheSize;
                options.RequireResourceBinding = requireBinding;
                configure?.Invoke(options);
            },
            configureApp: app => TestHost.MapUserDescription(app, "/{**path}").RequireMediaToken(),
            mapMediaTokenEndpoints: false);

    /// <summary>A host for tokens signed by hand with <see cref="TestToken.Hmac"/>; refused tokens are never cached.</summary>
    private static Task<TestHost> StartHmacAsync(int cacheSize = MediaTokenDefaults.ValidationCacheSize) =>
        StartAsync(cacheSize, configure: options => options.SigningCredentials = TestKeys.HmacCredentials);

    private static string Issue(TestHost host, string resource) =>
        host.Services.GetRequiredService<IMediaTokenIssuer>().IssueToken(Customer, new PathString(resource));

    private static string IssueUnbound(TestHost host) => host.Services.GetRequiredService<IMediaTokenIssuer>().IssueToken(Customer);

    /// <summary>Sends the request with <c>PathBase</c> and <c>Path</c> exactly as given, undecoded and unnormalized.</summary>
    private static Task<HttpContext> SendRawAsync(TestHost host, PathString pathBase, string path, string token)
    {
        var server = (TestServer)host.Services.GetRequiredService<IServer>();
        return server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.PathBase = pathBase;
            context.Request.Path = new PathString(path);
            context.Request.QueryString = QueryString.Create("t", token);
        });
    }

    private static Task<HttpResponseMessage> SendWithHeaderAsync(TestHost host, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Media-Token", token);
        return host.Client.SendAsync(request);
    }
}
