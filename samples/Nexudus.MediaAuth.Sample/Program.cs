using Nexudus.MediaAuth.Sample;

SampleHost.Build(new WebApplicationOptions { Args = args }).Run();
