using System.Text.Json;
using Microsoft.Playwright;

namespace RightsPortal.EndToEnd.Tests;

/// <summary>
/// Accessibility checks run inside the browser: the axe-core scan (WCAG 2.0/2.1/2.2 A and AA rules) and the
/// checks axe does not make for us (heading outline, a label on every field, a visible focus indicator, no
/// sideways scrolling when zoomed). Each returns the problems as readable strings, empty when there are none.
/// The scanning context must have JavaScript enabled (the portal's public pages load none themselves) and
/// <see cref="BrowserNewContextOptions.BypassCSP"/> set, because the portal's CSP allows no inline script.
/// </summary>
public static class Accessibility
{
    /// <summary>The WCAG levels the service promises (issue 5: WCAG 2.2 AA).</summary>
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>
    /// axe "best-practice" rules also run: content outside landmarks, one main, one h1, heading order, unique
    /// landmarks. Not WCAG failures by themselves, but they are how screen reader users find their way round a page.
    /// </summary>
    public static readonly string[] ExtraRules = ["region", "landmark-one-main", "landmark-unique", "landmark-no-duplicate-banner",
        "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main", "page-has-heading-one", "heading-order", "skip-link"];

    /// <summary>Copied to the output by the csproj from node_modules (npm ci --prefix tests/RightsPortal.EndToEnd.Tests).</summary>
    public static string AxeScriptPath => Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js");

    /// <summary>Injects axe.min.js and returns one line per violation: id, impact, help and the first few targets (with why).</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        if (!File.Exists(AxeScriptPath))
        {
            throw new FileNotFoundException(
                "axe.min.js is not in the test output. Run `npm ci --prefix tests/RightsPortal.EndToEnd.Tests`, then build again.", AxeScriptPath);
        }

        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new() { Path = AxeScriptPath });
        }

        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async ({ tags, landmarkRules }) => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, rules: landmarkRules, resultTypes: ['violations'] });
              return result.violations.map(v => ({
                id: v.id, impact: v.impact ?? '', help: v.help, count: v.nodes.length,
                targets: v.nodes.slice(0, 3).map(n => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\s+/g, ' ').trim() + ']' : '')),
              }));
            }
            """, new { tags = WcagTags, landmarkRules = ExtraRules.ToDictionary(r => r, _ => new { enabled = true }) });

        return [.. violations.EnumerateArray().Select(v =>
            $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()}; " +
            $"{v.GetProperty("count").GetInt32()} element(s), e.g. " +
            string.Join(" | ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString())))];
    }

    /// <summary>
    /// Exactly one h1, and no heading more than one level deeper than the one before it (the outline starts at
    /// level 1, so a GOV.UK error summary's h2 may sit above the page's h1).
    /// </summary>
    public static async Task<IReadOnlyList<string>> HeadingProblemsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            """
            () => {
              const problems = [];
              const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')]
                .filter(h => h.getClientRects().length > 0)
                .map(h => ({ level: Number(h.getAttribute('aria-level') ?? h.tagName.substring(1)), text: h.textContent.trim() }));
              const h1s = headings.filter(h => h.level === 1).length;
              if (h1s !== 1) problems.push(`expected exactly one h1, found ${h1s}`);
              let previous = 1;
              for (const h of headings) {
                if (h.level > previous + 1) problems.push(`h${h.level} "${h.text}" follows h${previous}: a level is skipped`);
                previous = h.level;
              }
              return problems;
            }
            """);

    /// <summary>Every visible input, select and textarea has a non-empty &lt;label&gt; of its own.</summary>
    public static async Task<IReadOnlyList<string>> UnlabelledFieldsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('input, select, textarea')]
              .filter(f => !['hidden', 'submit', 'button', 'reset', 'image'].includes((f.getAttribute('type') ?? '').toLowerCase()))
              .filter(f => ![...(f.labels ?? [])].some(l => l.textContent.trim().length > 0))
              .map(f => `${f.tagName.toLowerCase()}#${f.id || '(no id)'} name="${f.name}" has no label`)
            """);

    /// <summary>
    /// Focuses every focusable element in turn and checks that something visible changes: an outline, or a
    /// box-shadow different from the unfocused one. GOV.UK radios and checkboxes hide the native control and show
    /// focus on their label's ::before box, so for those the label's ::before is checked.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ElementsWithoutVisibleFocusAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            """
            () => {
              const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';
              const describe = e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${(e.textContent || e.name || '').trim().slice(0, 40)}"`;
              const look = (e, pseudo) => { const s = getComputedStyle(e, pseudo);
                return { outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== 'rgba(0, 0, 0, 0)', shadow: s.boxShadow }; };
              const shown = (before, after) => after.outline || (after.shadow !== 'none' && after.shadow !== before.shadow);
              const problems = [];
              for (const e of document.querySelectorAll(selector)) {
                if (e.disabled || e.getClientRects().length === 0) continue;
                const hiddenControl = ['radio', 'checkbox'].includes(e.type) && getComputedStyle(e).opacity === '0';
                const target = hiddenControl ? e.labels?.[0] : e;
                const pseudo = hiddenControl ? '::before' : null;
                if (!target) { problems.push(describe(e) + ': hidden control without a label to show focus'); continue; }
                document.activeElement?.blur();
                const before = look(target, pseudo);
                e.focus();
                if (document.activeElement !== e) { problems.push(describe(e) + ': cannot take focus'); continue; }
                const after = look(target, pseudo);
                if (!shown(before, after)) problems.push(describe(e) + `: no visible focus indicator (outline none, box-shadow ${after.shadow})`);
                e.blur();
              }
              return problems;
            }
            """);

    /// <summary>Horizontal scrolling of the whole page (WCAG 1.4.10 reflow), with the widest elements that cause it.</summary>
    public static async Task<IReadOnlyList<string>> HorizontalScrollingAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            """
            () => {
              const root = document.documentElement;
              if (root.scrollWidth <= root.clientWidth) return [];
              const culprits = [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
                .slice(-3)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).trim().replace(/\s+/g, '.') : ''} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`);
              return [`page is ${root.scrollWidth}px wide in a ${root.clientWidth}px viewport; widest: ${culprits.join(', ')}`];
            }
            """);
}
