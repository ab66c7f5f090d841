using BenchmarkDotNet.Running;

if (args is ["keywords", ..])
{
    return GovGuard.Benchmarks.Content.KeywordsMode.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
