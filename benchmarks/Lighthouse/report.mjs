// Reads the Lighthouse JSON reports of ./benchmark-lighthouse.sh (<folder>/<page>-<run>.json) and prints, per page, the
// median run by performance score: the four category scores, FCP, LCP, CLS and TBT, each against the issue's target,
// then the opportunities and failed audits of any page that misses one, so the reason is on the screen.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [folder, ...pages] = process.argv.slice(2);
const targets = {
  performance: (v) => v >= 95,
  accessibility: (v) => v === 100,
  fcp: (v) => v < 1000,
  lcp: (v) => v < 1500,
  cls: (v) => v < 0.05,
};

const rows = [];
const misses = [];
for (const page of pages) {
  const runs = readdirSync(folder)
    .filter((f) => f.startsWith(`${page}-`) && f.endsWith(".json") && /^\d+\.json$/.test(f.slice(page.length + 1)))
    .map((f) => JSON.parse(readFileSync(join(folder, f), "utf8")))
    .sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  const report = runs[Math.floor((runs.length - 1) / 2)];
  const score = (id) => Math.round(report.categories[id].score * 100);
  const audit = (id) => report.audits[id].numericValue;
  const row = {
    page,
    performance: score("performance"),
    accessibility: score("accessibility"),
    "best-practices": score("best-practices"),
    seo: score("seo"),
    fcp: Math.round(audit("first-contentful-paint")),
    lcp: Math.round(audit("largest-contentful-paint")),
    cls: Number(audit("cumulative-layout-shift").toFixed(3)),
    tbt: Math.round(audit("total-blocking-time")),
    runs: runs.map((r) => Math.round(r.categories.performance.score * 100)).join("/"),
  };
  rows.push(row);
  const missed = Object.entries(targets).filter(([k, ok]) => !ok(row[k])).map(([k]) => k);
  if (missed.length > 0) {
    misses.push({ page, url: report.finalDisplayedUrl, missed, report });
  }
}

const header = ["page", "performance", "accessibility", "best-practices", "seo", "fcp", "lcp", "cls", "tbt", "runs"];
const units = { fcp: " ms", lcp: " ms", tbt: " ms" };
const cells = rows.map((r) => header.map((h) => `${r[h]}${units[h] ?? ""}`));
const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
const line = (values) => values.map((v, i) => v.padEnd(widths[i])).join("  ");
console.log("\nLighthouse 12.2.3, mobile (median run by performance; 'runs' lists each run's performance score)");
console.log(line(header));
for (const c of cells) console.log(line(c));
console.log("Targets: performance ≥ 95, accessibility 100, FCP < 1000 ms, LCP < 1500 ms, CLS < 0.05");

for (const { page, url, missed, report } of misses) {
  console.log(`\n${page} (${url}) misses: ${missed.join(", ")}`);
  // The audits that cost points: those of the categories scored below 100, and the metric and opportunity audits.
  const ids = new Set(
    Object.values(report.categories)
      .filter((c) => c.score < 1)
      .flatMap((c) => c.auditRefs.filter((r) => r.weight > 0 || c.id === "performance").map((r) => r.id)),
  );
  const failed = Object.values(report.audits)
    .filter((a) => ids.has(a.id) && a.score !== null && a.score < 0.9)
    .filter((a) => a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "notApplicable" && a.scoreDisplayMode !== "manual")
    .sort((a, b) => (a.score ?? 1) - (b.score ?? 1))
    .slice(0, 12);
  for (const a of failed) {
    console.log(`  - ${a.id} (${Math.round((a.score ?? 0) * 100)}): ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ""}`);
  }
  const lcpElement = report.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node?.snippet;
  if (lcpElement) console.log(`  LCP element: ${lcpElement}`);
}
process.exitCode = 0;
