// Prints a page's Largest Contentful Paint element as Lighthouse's mobile emulation sees it (412×823 CSS px at DPR 1.75,
// a touch phone): Lighthouse 12.2.3's own largest-contentful-paint-element audit fails on Debian's Chromium 14x
// ("Cannot read properties of undefined (reading 'frame_sequence')"), so this asks the browser directly, with
// puppeteer-core (Lighthouse's own dependency) and a PerformanceObserver. Usage: node lcp-element.mjs URL [COOKIE]
import puppeteer from "puppeteer-core";

const [url, cookie] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.emulate({
    viewport: { width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true },
    userAgent:
      "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36",
  });
  if (cookie) await page.setExtraHTTPHeaders({ Cookie: cookie });
  await page.goto(url, { waitUntil: "networkidle0" });
  const lcp = await page.evaluate(
    () =>
      new Promise((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          const last = entries[entries.length - 1];
          const element = last.element;
          resolve({
            element: element ? element.outerHTML.replace(/\s+/g, " ").slice(0, 300) : "(removed)",
            url: last.url || null,
            currentSrc: element?.currentSrc ?? null,
            drawnWidth: element?.getBoundingClientRect().width ?? null,
            size: last.size,
            loadTime: Math.round(last.loadTime),
            renderTime: Math.round(last.renderTime),
          });
        }).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
  console.log(JSON.stringify(lcp));
} finally {
  await browser.close();
}
