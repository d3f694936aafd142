// Runs the compiled consumer on real responses: `node render.mjs <consumer.js> <fixture.json>`.
// The fixture is {"pages": [page detail, …], "articles": <article listing>, "hours": [hours, …]};
// prints {"pages": [html, …], "cards": html, "hours": [html, …]} as JSON.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [consumer, fixturePath] = process.argv.slice(2);
const { renderPage, renderCards, renderHours } = await import(pathToFileURL(consumer).href);
const fixture = JSON.parse(readFileSync(fixturePath, "utf8"));
process.stdout.write(
  JSON.stringify({
    pages: fixture.pages.map(renderPage),
    cards: renderCards(fixture.articles),
    hours: fixture.hours.map(renderHours),
  }),
);
