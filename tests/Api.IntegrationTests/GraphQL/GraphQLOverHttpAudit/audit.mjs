// Runs every graphql-http server audit against the URL given as the only argument
// and prints the results as JSON: [{ id, name, status: "ok" | "warn" | "notice" | "error", reason }].
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint URL>');
  process.exit(2);
}

const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  results.push({ id: result.id, name: result.name, status: result.status, reason: result.reason ?? null });
}

console.log(JSON.stringify(results));
