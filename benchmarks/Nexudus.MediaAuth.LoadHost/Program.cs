using System.Globalization;
using Nexudus.MediaAuth.LoadHost;

// Serves /files/report.pdf in the mode the load script asks for, and at /tokens a newly issued set of the tokens wrk
// sends: the script fetches them again before a measurement once they are a minute old, so a host kept running for
// many rounds never gets tokens that have expired. In the continuation mode /tokens opens the file with each token and
// returns it with its cookie, and /tokens?fresh=true returns fresh tokens for /fresh/report.pdf.
//   --mode noauth|floor|peer|mediatoken|continuation  --alg HS256|RS256|ES256  --tokens N  --urls http://127.0.0.1:PORT
var app = LoadHostApplication.Build(args);
var tokenCount = int.Parse(app.Configuration["tokens"] ?? "1", CultureInfo.InvariantCulture);
app.MapGet("/tokens", async (bool? fresh) => string.Join(
    '\n',
    app.Configuration["mode"] == "continuation" && fresh != true
        ? await LoadHostApplication.ContinueAsync(app, tokenCount)
        : LoadHostApplication.IssueTokens(app.Services, tokenCount)) + "\n");
await app.RunAsync();
