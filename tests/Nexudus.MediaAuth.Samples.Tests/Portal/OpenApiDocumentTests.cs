using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Samples.Tests.Portal;

/// <summary>
/// The OpenAPI document that <c>Microsoft.AspNetCore.OpenApi</c> writes for the library's endpoints, with no OpenAPI
/// code in the host beyond <c>AddOpenApi()</c> / <c>MapOpenApi()</c>.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private SampleServer _server = null!;
    private OpenApiDocument _document = null!;

    public async Task InitializeAsync()
    {
        _server = await SampleServer.StartAsync();
        _document = await OpenApiDocument.FetchAsync(_server.Client);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Documents_every_api_endpoint_with_its_method_and_not_the_browser_login_redirect()
    {
        _document.Operations().Should().BeEquivalentTo(
        [
            "GET /api/auth/media/customer",
            "GET /.well-known/media-token-keys.json",
            "POST /api/sys/users/token/refresh",
            "POST /api/sys/users/exchange",
            "POST /api/token",
            "GET /api/public/files/my",
            "GET /api/public/billing/invoices/my",
            "GET /api/public/billing/invoices/{invoiceId}/pdf",
            "GET /api/public/files/{fileId}/download",
        ]);
    }

    [Theory]
    [InlineData("get", "/api/auth/media/customer", "GetCustomerMediaToken", "Media tokens", "Get a media token")]
    [InlineData("get", "/.well-known/media-token-keys.json", "GetMediaTokenJwks", "Media tokens", "Get the media token public keys")]
    [InlineData("post", "/api/sys/users/token/refresh", "IssueOneTimeToken", "One-time tokens", "Get a one-time token")]
    [InlineData("post", "/api/sys/users/exchange", "ExchangeOneTimeToken", "One-time tokens", "Exchange a one-time token for a bearer token")]
    public void Library_endpoints_have_a_name_tag_summary_and_description(string method, string path, string operationId, string tag, string summary)
    {
        var operation = _document.Operation(method, path);

        operation.GetProperty("operationId").GetString().Should().Be(operationId);
        operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal(tag);
        operation.GetProperty("summary").GetString().Should().Be(summary);
        operation.GetProperty("description").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Media_token_endpoint_returns_JwtMedia_with_the_jwt_field()
    {
        var responses = _document.Operation("get", "/api/auth/media/customer").GetProperty("responses");

        _document.PropertyNames(_document.JsonSchema(responses, "200")).Should().Equal("jwt");
        _document.RequiredNames(_document.JsonSchema(responses, "200")).Should().Equal("jwt");
        responses.GetProperty("401").TryGetProperty("content", out _).Should().BeFalse(
            "the 401 is the host's bearer challenge, which has no body");
        OpenApiDocument.ProblemSchemaName(responses, "403").Should().Be("ProblemDetails");
        OpenApiDocument.ProblemSchemaName(responses, "429").Should().Be("ProblemDetails");
    }

    [Fact]
    public void One_time_token_endpoint_returns_the_ActionConfirmation_envelope_and_takes_shape()
    {
        var operation = _document.Operation("post", "/api/sys/users/token/refresh");
        var responses = operation.GetProperty("responses");

        foreach (var status in new[] { "200", "429", "500" })
        {
            _document.PropertyNames(_document.JsonSchema(responses, status))
                .Should().Equal("WasSuccessful", "Value", "Status", "Message", "Errors");
        }

        responses.TryGetProperty("401", out _).Should().BeTrue();
        var shape = OpenApiDocument.Parameter(operation, "_shape");
        shape.GetProperty("in").GetString().Should().Be("query");
        (shape.TryGetProperty("required", out var required) && required.GetBoolean()).Should().BeFalse("_shape is optional");
    }

    [Fact]
    public void Exchange_endpoint_documents_its_query_parameters_ExchangedToken_and_problem_responses()
    {
        var operation = _document.Operation("post", "/api/sys/users/exchange");
        var responses = operation.GetProperty("responses");

        _document.PropertyNames(_document.JsonSchema(responses, "200"))
            .Should().Equal("token", "token_type", "expires_in", "refresh_token");
        foreach (var status in new[] { "400", "401", "503" })
        {
            OpenApiDocument.ProblemSchemaName(responses, status).Should().Be("ProblemDetails", $"{status} is a ProblemDetails");
        }

        var token = OpenApiDocument.Parameter(operation, "token");
        token.GetProperty("in").GetString().Should().Be("query");
        token.GetProperty("required").GetBoolean().Should().BeTrue();
        token.GetProperty("schema").GetProperty("type").GetString().Should().Be("string");
        token.GetProperty("description").GetString().Should().Contain("one-time token");

        var minutes = OpenApiDocument.Parameter(operation, "validForInMinutes");
        minutes.GetProperty("in").GetString().Should().Be("query");
        minutes.GetProperty("required").GetBoolean().Should().BeTrue();
        minutes.GetProperty("schema").GetProperty("format").GetString().Should().Be("int32");
    }

    [Fact]
    public void Media_token_protected_endpoint_documents_the_t_query_parameter_and_a_401_problem()
    {
        var operation = _document.Operation("get", "/api/public/billing/invoices/{invoiceId}/pdf");

        var t = OpenApiDocument.Parameter(operation, "t");
        t.GetProperty("in").GetString().Should().Be("query");
        t.GetProperty("required").GetBoolean().Should().BeTrue();
        t.GetProperty("schema").GetProperty("type").GetString().Should().Be("string");
        t.GetProperty("description").GetString().Should().Contain("/api/auth/media/customer");

        var responses = operation.GetProperty("responses");
        responses.GetProperty("200").GetProperty("content").TryGetProperty("application/pdf", out _).Should().BeTrue();
        OpenApiDocument.ProblemSchemaName(responses, "401").Should().Be("ProblemDetails");
        OpenApiDocument.ProblemSchemaName(responses, "404").Should().Be("ProblemDetails");
    }

    [Fact]
    public void Operations_say_whether_they_take_the_bearer_token_or_a_media_token_in_the_query()
    {
        var schemes = _document.SecuritySchemes();
        schemes.GetProperty("BearerToken").GetProperty("type").GetString().Should().Be("http");
        schemes.GetProperty("BearerToken").GetProperty("scheme").GetString().Should().Be("bearer");
        schemes.GetProperty("MediaToken").GetProperty("type").GetString().Should().Be("apiKey");
        schemes.GetProperty("MediaToken").GetProperty("in").GetString().Should().Be("query");
        schemes.GetProperty("MediaToken").GetProperty("name").GetString().Should().Be("t");

        OpenApiDocument.Security(_document.Operation("get", "/api/auth/media/customer")).Should().Equal("BearerToken");
        OpenApiDocument.Security(_document.Operation("post", "/api/sys/users/token/refresh")).Should().Equal("BearerToken");
        OpenApiDocument.Security(_document.Operation("get", "/api/public/billing/invoices/{invoiceId}/pdf")).Should().Equal("MediaToken");
        OpenApiDocument.Security(_document.Operation("post", "/api/sys/users/exchange")).Should().BeEmpty(
            "the exchange is anonymous: the one-time token is its own credential");
    }

    [Fact]
    public void Wire_integers_are_plain_integers_and_shape_is_described()
    {
        var envelope = _document.JsonSchema(_document.Operation("post", "/api/sys/users/token/refresh").GetProperty("responses"), "200");
        var exchanged = _document.JsonSchema(_document.Operation("post", "/api/sys/users/exchange").GetProperty("responses"), "200");

        _document.PropertySchema(envelope, "Status").GetProperty("type").GetString().Should().Be("integer");
        _document.PropertySchema(exchanged, "expires_in").GetProperty("type").GetString().Should().Be("integer");
        OpenApiDocument.Parameter(_document.Operation("post", "/api/sys/users/token/refresh"), "_shape")
            .GetProperty("description").GetString().Should().Contain("Value,WasSuccessful");
    }

    [NpmFact]
    public async Task A_client_generated_by_openapi_typescript_type_checks_against_the_document()
    {
        var directory = Directory.CreateTempSubdirectory("openapi-client-").FullName;
        try
        {
            var document = Path.Combine(directory, "openapi.json");
            await File.WriteAllTextAsync(document, _document.RawText);
            foreach (var file in new[] { "client.ts", "tsconfig.json" })
            {
                File.Copy(Path.Combine(NodeTools.ProjectDirectory, file), Path.Combine(directory, file));
            }

            await NodeTools.RunAsync("openapi-typescript/bin/cli.js", document, "--output", Path.Combine(directory, "schema.d.ts"));

            // client.ts compiles only if Status and expires_in are numbers, jwt a string, and the PDF takes t in its query.
            await NodeTools.RunAsync("typescript/bin/tsc", "--project", Path.Combine(directory, "tsconfig.json"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Sample_lists_are_documented_with_the_PascalCase_portal_fields()
    {
        var invoices = _document.Operation("get", "/api/public/billing/invoices/my").GetProperty("responses");
        var files = _document.Operation("get", "/api/public/files/my").GetProperty("responses");

        _document.PropertyNames(_document.JsonSchema(invoices, "200").GetProperty("items"))
            .Should().Contain(["Id", "InvoiceNumber", "TotalAmount", "CurrencyCode", "Paid"]);
        _document.PropertyNames(_document.JsonSchema(files, "200").GetProperty("items"))
            .Should().Contain(["Id", "UniqueId", "Name", "Signed", "CreatedOnUtc"]);
    }

    [Fact]
    public async Task A_host_of_its_own_gets_the_token_parameter_and_the_envelope_documented_as_they_work()
    {
        await using var host = await TestHost.StartAsync(
            builder =>
            {
                builder.Services.AddOpenApi();
                builder.Services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme).AddBearerToken();
                builder.Services.AddMediaTokenAuthentication(options => options.SigningCredentials = TestKeys.HmacCredentials);
                builder.Services.AddOneTimeTokens();
                builder.Services.AddBearerTokenExchange();
                builder.Services.AddAuthorization();
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapOpenApi();
                app.MapMediaTokenEndpoints();
                app.MapOneTimeTokenEndpoints();
                app.MapGet("/download", () => "file").RequireMediaToken();
            });

        var document = await OpenApiDocument.FetchAsync(host.Client);

        var download = document.Operation("get", "/download");
        OpenApiDocument.Parameter(download, "t").GetProperty("required").GetBoolean().Should().BeTrue();
        download.GetProperty("parameters").EnumerateArray().Should().ContainSingle();
        document.PropertyNames(document.JsonSchema(document.Operation("post", "/api/sys/users/token/refresh").GetProperty("responses"), "200"))
            .Should().Equal("WasSuccessful", "Value", "Status", "Message", "Errors");
    }

    /// <summary>The served document, with the lookups the tests need.</summary>
    private sealed class OpenApiDocument
    {
        private readonly JsonElement _root;

        private OpenApiDocument(JsonElement root) => _root = root;

        public static async Task<OpenApiDocument> FetchAsync(HttpClient client)
        {
            using var response = await client.GetAsync("/openapi/v1.json");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return new OpenApiDocument(json.RootElement.Clone());
        }

        public string RawText => _root.GetRawText();

        public JsonElement SecuritySchemes() => _root.GetProperty("components").GetProperty("securitySchemes");

        /// <summary>The names of the security schemes an operation accepts, one per alternative requirement.</summary>
        public static IEnumerable<string> Security(JsonElement operation) =>
            operation.TryGetProperty("security", out var security)
                ? security.EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(scheme => scheme.Name))
                : [];

        public JsonElement PropertySchema(JsonElement schema, string name) =>
            Resolve(Resolve(schema).GetProperty("properties").GetProperty(name));

        public static JsonElement Parameter(JsonElement operation, string name) =>
            operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

        public IEnumerable<string> Operations() =>
            _root.GetProperty("paths").EnumerateObject().SelectMany(path =>
                path.Value.EnumerateObject().Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"));

        public JsonElement Operation(string method, string path) =>
            _root.GetProperty("paths").GetProperty(path).GetProperty(method);

        public JsonElement JsonSchema(JsonElement responses, string status) =>
            Resolve(responses.GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema"));

        public static string? ProblemSchemaName(JsonElement responses, string status) =>
            responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json")
                .GetProperty("schema").GetProperty("$ref").GetString()!.Split('/')[^1];

        public IEnumerable<string> PropertyNames(JsonElement schema) =>
            Resolve(schema).GetProperty("properties").EnumerateObject().Select(p => p.Name);

        public IEnumerable<string?> RequiredNames(JsonElement schema) =>
            Resolve(schema).GetProperty("required").EnumerateArray().Select(p => p.GetString());

        private JsonElement Resolve(JsonElement schema) =>
            schema.TryGetProperty("$ref", out var reference)
                ? _root.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
                : schema;
    }
}
