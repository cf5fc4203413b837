using System.Text.Json;

namespace OpsKit.Analyzers.Field.Labels;

/// <summary>Every site of every labels file in a directory.</summary>
internal static class LabelSet
{
    public static IReadOnlyList<LabelSite> Load(string directory, TextWriter log)
    {
        var sites = new List<LabelSite>();
        if (!Directory.Exists(directory))
        {
            log.WriteLine($"labels directory not found: {directory}");
            return sites;
        }

        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var labels = JsonSerializer.Deserialize(File.ReadAllText(file), FieldJsonContext.Default.LabelFile)
                ?? throw new InvalidDataException($"{file} is empty");
            foreach (var site in labels.Sites)
            {
                if (site.Expected is not ("flag" or "no-flag"))
                {
                    throw new InvalidDataException($"{file}: {site.Repo} {site.Path}:{site.Line} has expected '{site.Expected}' (flag or no-flag)");
                }

                sites.Add(site with { Rule = labels.Rule, Project = site.Project.Replace('\\', '/'), Path = site.Path.Replace('\\', '/') });
            }
        }

        return sites;
    }
}
