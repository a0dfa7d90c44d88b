using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

// An honest Stopwatch harness for DeadlineCalculator.Compute, on one thread. Every input is built before timing;
// each timed round runs the same loop; the figures reported are the median round. See README.md beside this file.
//
//   dotnet run -c Release --project benchmarks/RightsPortal.Benchmarks --artifacts-path /tmp/art-bench [-- --quick]
//
// Exit code 0 when every target is met, 1 when one is missed, 2 on bad arguments.

var unknown = args.Where(a => a != "--quick").ToArray();
if (unknown.Length > 0)
{
    Console.Error.WriteLine($"Unknown argument(s): {string.Join(' ', unknown)}. Usage: RightsPortal.Benchmarks [--quick]");
    return 2;
}

var settings = args.Contains("--quick") ? Settings.Quick : Settings.Full;
return Harness.Run(settings);

internal sealed record Settings(string Name, int Rounds, int NoPauseOpsPerRound, int MixedOpsPerRound, TimeSpan WarmUp)
{
    public static Settings Full { get; } = new("full", 15, 4_000_000, 1_000_000, TimeSpan.FromSeconds(2));

    public static Settings Quick { get; } = new("quick", 5, 500_000, 200_000, TimeSpan.FromMilliseconds(500));
}

internal static class Harness
{
    private const double NoPauseNsTarget = 200;
    private const long NoPauseBytesTarget = 0;
    private const double MixedPerSecondTarget = 1_000_000;

    /// <summary>Inputs per benchmark: a power of two, so the loop picks the next question with a mask.</summary>
    private const int QuestionCount = 1 << 16;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int Run(Settings settings)
    {
        var calculator = new DeadlineCalculator(HolidayCalendar.EnglandAndWales);
        var random = new Random(20260205);
        var noPauses = Inputs.AccessWithoutPauses(random, QuestionCount);
        var mixed = Inputs.Mixed(random, QuestionCount);

        Console.WriteLine($"RightsPortal.Benchmarks: DeadlineCalculator.Compute, {settings.Name} run");
        Console.WriteLine($".NET {Environment.Version}, {Environment.OSVersion}, {Environment.ProcessorCount} logical cores, " +
            $"{(Debugger.IsAttached ? "debugger attached, " : "")}{BuildConfiguration()} build, GC {(GCSettings.IsServerGC ? "server" : "workstation")}, one thread");
        Console.WriteLine($"Stopwatch: {Stopwatch.Frequency.ToString("N0", Invariant)} ticks/s; {settings.Rounds} timed rounds per benchmark after " +
            $"{(settings.WarmUp * 2.5).TotalMilliseconds.ToString("N0", Invariant)} ms of warm-up; {LoadAverage()}");
        Console.WriteLine($"Inputs (built before timing): {QuestionCount.ToString("N0", Invariant)} questions per benchmark; mixed: {Inputs.Describe(mixed)}");
        Console.WriteLine();

        // Warm up on both input sets before timing either, so the tiered JIT has compiled its final code for every path.
        long checksum = 0;
        checksum += WarmUp(settings.WarmUp, () => Loops.Compute(calculator, mixed, 0, QuestionCount));
        checksum += WarmUp(settings.WarmUp, () => Loops.Compute(calculator, noPauses, 0, QuestionCount));
        checksum += WarmUp(settings.WarmUp / 2, () => Loops.Compute(calculator, mixed, 0, QuestionCount));

        // (a) no pauses: the access right, random received dates.
        var (noPauseTicks, noPauseBytes, noPauseSum) = Time(settings.Rounds, settings.NoPauseOpsPerRound, calculator, noPauses);
        checksum += noPauseSum;
        var noPauseNs = NanosecondsPerOp(Median(noPauseTicks), settings.NoPauseOpsPerRound);
        var noPauseBytesPerOp = (double)noPauseBytes / ((long)settings.NoPauseOpsPerRound * settings.Rounds);

        // (b) mixed: every right, random extensions, 0-3 pauses, internal targets, school calendar, complaints.
        var (mixedTicks, mixedBytes, mixedSum) = Time(settings.Rounds, settings.MixedOpsPerRound, calculator, mixed);
        checksum += mixedSum;
        var mixedNs = NanosecondsPerOp(Median(mixedTicks), settings.MixedOpsPerRound);
        var mixedPerSecond = 1e9 / mixedNs;
        var mixedBytesPerOp = (double)mixedBytes / ((long)settings.MixedOpsPerRound * settings.Rounds);

        var rows = new List<Row>
        {
            new("no pauses", "time per computation (median round)", $"{noPauseNs.ToString("F1", Invariant)} ns",
                $"<= {NoPauseNsTarget.ToString("N0", Invariant)} ns", noPauseNs <= NoPauseNsTarget),
            new("no pauses", "heap allocated per computation", $"{noPauseBytesPerOp.ToString("0.###", Invariant)} B",
                $"{NoPauseBytesTarget} B", noPauseBytes <= NoPauseBytesTarget),
            new("mixed", "computations per second (median round)", $"{mixedPerSecond.ToString("N0", Invariant)} /s",
                $">= {MixedPerSecondTarget.ToString("N0", Invariant)} /s", mixedPerSecond >= MixedPerSecondTarget),
        };

        PrintTable(rows);
        Console.WriteLine();
        Console.WriteLine($"no pauses: rounds of {settings.NoPauseOpsPerRound.ToString("N0", Invariant)} computations: " +
            $"min {NanosecondsPerOp(noPauseTicks.Min(), settings.NoPauseOpsPerRound).ToString("F1", Invariant)} ns, " +
            $"median {noPauseNs.ToString("F1", Invariant)} ns, max {NanosecondsPerOp(noPauseTicks.Max(), settings.NoPauseOpsPerRound).ToString("F1", Invariant)} ns; " +
            $"{noPauseBytes.ToString("N0", Invariant)} bytes allocated in all timed rounds");
        Console.WriteLine($"mixed:     rounds of {settings.MixedOpsPerRound.ToString("N0", Invariant)} computations: " +
            $"min {NanosecondsPerOp(mixedTicks.Min(), settings.MixedOpsPerRound).ToString("F1", Invariant)} ns, " +
            $"median {mixedNs.ToString("F1", Invariant)} ns, max {NanosecondsPerOp(mixedTicks.Max(), settings.MixedOpsPerRound).ToString("F1", Invariant)} ns; " +
            $"{mixedBytesPerOp.ToString("0.###", Invariant)} B per computation (not a target)");
        Console.WriteLine($"checksum (sum of due-date day numbers, keeps the work observable): {checksum.ToString(Invariant)}");

        var failed = rows.Count(r => !r.Pass);
        Console.WriteLine(failed == 0 ? "All targets met." : $"{failed} target(s) missed.");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Runs the loop until the warm-up time has passed, so the JIT has settled on its final code.</summary>
    private static long WarmUp(TimeSpan duration, Func<long> loop)
    {
        long sum = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            sum += loop();
        }
        while (clock.Elapsed < duration);

        return sum;
    }

    /// <summary>The timed rounds: Stopwatch ticks per round, and heap bytes this thread allocated across all of them.</summary>
    private static (long[] Ticks, long Bytes, long Sum) Time(int rounds, int opsPerRound, DeadlineCalculator calculator, DeadlineQuestion[] questions)
    {
        var ticks = new long[rounds];
        long sum = 0;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < rounds; round++)
        {
            var start = Stopwatch.GetTimestamp();
            sum += Loops.Compute(calculator, questions, round * 7919, opsPerRound);
            ticks[round] = Stopwatch.GetTimestamp() - start;
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        return (ticks, bytes, sum);
    }

    private static double NanosecondsPerOp(long ticks, int ops) => ticks * (1e9 / Stopwatch.Frequency) / ops;

    private static long Median(long[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Other work on the machine slows every figure: say how busy it was (Linux only).</summary>
    private static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"load average {fields[0]} (1 min) on {Environment.ProcessorCount} cores";
        }
        catch (IOException)
        {
            return "load average unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "load average unknown";
        }
    }

    private static string BuildConfiguration()
    {
#if DEBUG
        return "Debug (figures not meaningful: use -c Release)";
#else
        return "Release";
#endif
    }

    private static void PrintTable(List<Row> rows)
    {
        string[] header = ["benchmark", "measure", "result", "target", "verdict"];
        var cells = rows.Select(r => new[] { r.Benchmark, r.Measure, r.Result, r.Target, r.Pass ? "PASS" : "FAIL" }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Max(c => c[i].Length))).ToArray();

        string Line(string[] c) => "| " + string.Join(" | ", c.Select((x, i) => x.PadRight(widths[i]))) + " |";
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var c in cells) Console.WriteLine(Line(c));
    }

    private sealed record Row(string Benchmark, string Measure, string Result, string Target, bool Pass);
}

internal static class Loops
{
    /// <summary>
    /// The measured loop: <paramref name="ops"/> computations cycling through the prebuilt questions, each passed by
    /// reference, every due date's day number added to the sum that the caller prints.
    /// </summary>
    public static long Compute(DeadlineCalculator calculator, DeadlineQuestion[] questions, int first, int ops)
    {
        long sum = 0;
        var mask = questions.Length - 1;
        for (var i = 0; i < ops; i++)
        {
            sum += calculator.Compute(in questions[(first + i) & mask]).DueOn.DayNumber;
        }

        return sum;
    }
}

internal static class Inputs
{
    private static readonly DateOnly First = new(2024, 1, 1);
    private static readonly DateOnly Last = new(2035, 12, 31);

    private static readonly Right[] OneMonthRights =
        [Right.Access, Right.Rectification, Right.Erasure, Right.Restriction, Right.Objection, Right.Portability, Right.AutomatedDecision];

    /// <summary>A school calendar covering every receipt: three terms a year, September 2023 to July 2036, INSET on each first day.</summary>
    private static readonly SchoolCalendar School = BuildSchoolCalendar();

    public static DeadlineQuestion[] AccessWithoutPauses(Random random, int count)
    {
        var questions = new DeadlineQuestion[count];
        for (var i = 0; i < count; i++)
        {
            questions[i] = new DeadlineQuestion(Right.Access, RandomDate(random, First, Last));
        }

        return questions;
    }

    /// <summary>
    /// Every right, in equal shares: the seven one-month rights (random restarts, extensions and internal targets;
    /// access with 0 to 3 pauses and either reading), the educational record on a prebuilt school calendar, and
    /// complaints with either reading. Pause lists are arrays built here, before timing.
    /// </summary>
    public static DeadlineQuestion[] Mixed(Random random, int count)
    {
        var questions = new DeadlineQuestion[count];
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(OneMonthRights.Length + 2);
            if (pick == OneMonthRights.Length)
            {
                questions[i] = new DeadlineQuestion(Right.EducationalRecord, RandomDate(random, First, Last), SchoolCalendar: School);
                continue;
            }

            if (pick == OneMonthRights.Length + 1)
            {
                questions[i] = new DeadlineQuestion(Right.Complaint, RandomDate(random, First, Last),
                    ComplaintReading: random.Next(2) == 0 ? ComplaintReading.Statutory : ComplaintReading.Ico);
                continue;
            }

            var right = OneMonthRights[pick];
            var pauseCount = right == Right.Access ? random.Next(4) : 0;
            var received = RandomDate(random, pauseCount > 0 ? DeadlineRules.PausesFrom : First, Last);
            DateOnly? started = random.Next(4) == 0 ? received.AddDays(random.Next(1, 30)) : null;
            InternalTarget? target = random.Next(3) switch
            {
                0 => null,
                1 => new InternalTarget(20, WorkingDays: true),
                _ => new InternalTarget(28, WorkingDays: false),
            };

            questions[i] = new DeadlineQuestion(
                right,
                received,
                started,
                Extended: random.Next(2) == 0,
                Pauses: pauseCount > 0 ? Pauses(random, received, pauseCount) : null,
                PauseReading: random.Next(2) == 0 ? PauseReading.Statutory : PauseReading.Ico,
                InternalTarget: target);
        }

        return questions;
    }

    public static string Describe(DeadlineQuestion[] questions)
    {
        var byRight = questions.GroupBy(q => q.Right).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        var paused = questions.Count(q => q.Pauses is { Count: > 0 });
        var extended = questions.Count(q => q.Extended);
        return $"{string.Join(", ", byRight)}; {paused} with pauses, {extended} extended";
    }

    private static ClarificationPause[] Pauses(Random random, DateOnly received, int count)
    {
        var pauses = new ClarificationPause[count];
        var cursor = received;
        for (var i = 0; i < count; i++)
        {
            var asked = cursor.AddDays(random.Next(0, 8));
            var answered = asked.AddDays(random.Next(0, 10));
            pauses[i] = new ClarificationPause(asked, answered);
            cursor = answered.AddDays(1);
        }

        return pauses;
    }

    private static DateOnly RandomDate(Random random, DateOnly from, DateOnly to) =>
        DateOnly.FromDayNumber(random.Next(from.DayNumber, to.DayNumber + 1));

    private static SchoolCalendar BuildSchoolCalendar()
    {
        var terms = new List<(DateOnly, DateOnly)>();
        for (var year = 2023; year <= 2035; year++)
        {
            terms.Add((new DateOnly(year, 9, 1), new DateOnly(year, 12, 19)));
            terms.Add((new DateOnly(year + 1, 1, 5), new DateOnly(year + 1, 3, 29)));
            terms.Add((new DateOnly(year + 1, 4, 16), new DateOnly(year + 1, 7, 21)));
        }

        return new SchoolCalendar(terms, terms.Select(t => t.Item1));
    }
}
