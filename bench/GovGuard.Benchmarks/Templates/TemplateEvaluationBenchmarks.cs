using System.Text;
using BenchmarkDotNet.Attributes;
using GovGuard.Benchmarks.Logs;
using GovGuard.Detection.Http;
using GovGuard.Detection.Templates;

namespace GovGuard.Benchmarks.Templates;

/// <summary>
/// Every shipped template judged against 1,000 fetched responses held in memory (ordinary pages,
/// JSON APIs, error pages, a few real matches): the cost of the matchers per response.
/// </summary>
[MemoryDiagnoser]
public class TemplateEvaluationBenchmarks
{
    private readonly List<HttpResponseView> _responses = [];
    private List<HttpTemplate> _templates = [];

    [GlobalSetup]
    public void Setup()
    {
        _templates = [.. TemplateSet.Load(BenchRules.Files("templates", "*.yaml")).Templates];
        var page = "<!DOCTYPE html><html><head><title>政务公开</title></head><body>" + string.Concat(Enumerable.Repeat("<li><a href=\"/zwgk/a.html\">关于做好政务信息公开工作的通知</a><span>2024-05-12</span></li>", 200)) + "</body></html>";
        var json = "{\"code\":0,\"data\":[" + string.Join(',', Enumerable.Range(0, 100).Select(i => $"{{\"id\":{i},\"title\":\"通知{i}\"}}")) + "]}";
        for (var i = 0; i < 1000; i++)
        {
            var (status, body, type) = (i % 100) switch
            {
                0 => (200, "{\"_links\":{\"self\":{\"href\":\"http://h/actuator\"},\"env\":{\"href\":\"http://h/actuator/env\"}}}", "application/json"),
                1 => (401, "<html><body>401</body></html>", "text/html"),
                < 40 => (200, json, "application/json"),
                < 50 => (404, "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>", "text/html"),
                _ => (200, page, "text/html; charset=utf-8"),
            };
            List<KeyValuePair<string, string>> headers = [new("Content-Type", type), new("Server", "nginx"), new("Content-Length", Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture))];
            if (i % 100 == 1)
            {
                headers.Add(new("WWW-Authenticate", "Basic realm=\"Tomcat Manager Application\""));
            }

            _responses.Add(HttpResponseView.FromText(new Uri($"https://www.example.gov.cn/p{i}"), status, headers, body));
        }
    }

    /// <summary>6 templates × 1,000 responses = 6,000 judgements per call.</summary>
    [Benchmark]
    public int EvaluateAllTemplatesOver1000Responses()
    {
        var n = 0;
        foreach (var r in _responses)
        {
            foreach (var t in _templates)
            {
                if (TemplateSet.Evaluate(t, 0, r) is not null)
                {
                    n++;
                }
            }
        }

        return n;
    }
}
