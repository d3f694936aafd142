/** The reference frontend's pages, each built from one or two feed requests. */
import type { ArticleCard, ArticlePage, ConditionCard, ConditionPage, PreviewPage } from "./api";
import { api } from "./api";
import { renderReferences, renderStream } from "./blocks";
import { formatDate, h } from "./dom";
import { hoursBadge, hoursTable } from "./hours";

export const ROUTES = {
  articles: "/frontend/",
  article: (id: number) => `/frontend/articles/${id}/`,
  conditions: "/frontend/conditions/",
  condition: (id: number) => `/frontend/conditions/${id}/`,
  hours: "/frontend/hours/",
};

function articleCard(card: ArticleCard): HTMLElement {
  return h(
    "li",
    { class: "card" },
    h("h2", {}, h("a", { href: ROUTES.article(card.id) }, card.title)),
    h(
      "p",
      { class: "meta" },
      formatDate(card.date),
      card.author ? ` · ${card.author}` : "",
      ` · ${card.reading_time} min read`,
    ),
    h("p", {}, card.summary),
  );
}

export async function articleList(): Promise<HTMLElement[]> {
  const [articles, hours] = await Promise.all([api.articles(), api.clinicHours()]);
  const clinic = hours.items[0];
  return [
    h("h1", {}, "Articles"),
    clinic ? h("div", { class: "status" }, h("a", { href: ROUTES.hours }, clinic.name), ": ", hoursBadge(clinic)) : null,
    articles.items.length
      ? h("ul", { class: "cards" }, ...articles.items.map(articleCard))
      : h("p", {}, "No articles yet."),
  ].filter((node): node is HTMLElement => node !== null);
}

export function articleDetail(page: ArticlePage): HTMLElement[] {
  return [
    h(
      "article",
      { class: "article" },
      h("h1", {}, page.title),
      h(
        "p",
        { class: "meta" },
        formatDate(page.date),
        page.author ? ` · By ${page.author.name}` : "",
        ` · ${page.reading_time} min read`,
      ),
      page.reviewed_by
        ? h("p", { class: "meta" }, `Medically reviewed by ${page.reviewed_by.name}`, page.last_reviewed ? ` on ${formatDate(page.last_reviewed)}` : "")
        : null,
      h("p", { class: "summary" }, page.summary),
      ...renderStream(page.body),
      renderReferences(page.references),
      page.related_articles?.length
        ? h(
            "nav",
            { "aria-label": "Related articles" },
            h("h2", {}, "Related articles"),
            h("ul", {}, ...page.related_articles.map((a) => h("li", {}, h("a", { href: ROUTES.article(a.id) }, a.title)))),
          )
        : null,
    ),
  ];
}

export function conditionDetail(page: ConditionPage): HTMLElement[] {
  return [
    h(
      "article",
      { class: "condition" },
      h("h1", {}, page.title),
      page.also_known_as?.length ? h("p", { class: "meta" }, `Also known as ${page.also_known_as.join(", ")}`) : null,
      page.icd10_codes?.length
        ? h("p", { class: "meta" }, "ICD-10: ", page.icd10_codes.map((c) => `${c.code} ${c.description}`.trim()).join("; "))
        : null,
      h("p", { class: "summary" }, page.summary),
      ...renderStream(page.body),
      renderReferences(page.references),
      page.related_conditions?.length
        ? h(
            "nav",
            { "aria-label": "Related conditions" },
            h("h2", {}, "Related conditions"),
            h("ul", {}, ...page.related_conditions.map((c) => h("li", {}, h("a", { href: ROUTES.condition(c.id) }, c.title)))),
          )
        : null,
    ),
  ];
}

/** Conditions A–Z, grouped by first letter, narrowed by `?symptom=` (the feed's filter). */
export async function conditionIndex(symptom: string): Promise<HTMLElement[]> {
  const list = await api.allConditions(symptom ? { symptom } : {});
  const groups = new Map<string, ConditionCard[]>();
  for (const card of [...list.items].sort((a, b) => a.title.localeCompare(b.title))) {
    const letter = card.title.normalize("NFD").charAt(0).toUpperCase();
    groups.set(letter, [...(groups.get(letter) ?? []), card]);
  }
  const form = h(
    "form",
    { class: "filter", role: "search", method: "get", action: ROUTES.conditions },
    h("label", { for: "symptom" }, "Filter by symptom"),
    h("input", { id: "symptom", name: "symptom", type: "search", value: symptom, placeholder: "e.g. Tingling" }),
    h("button", { type: "submit" }, "Filter"),
    symptom ? h("a", { href: ROUTES.conditions }, "Show all") : null,
  );
  const letters = [...groups.keys()];
  return [
    h("h1", {}, "Conditions A–Z"),
    form,
    h("p", { role: "status" }, symptom ? `${list.count} condition(s) with the symptom “${symptom}”.` : `${list.count} conditions.`),
    letters.length
      ? h("nav", { "aria-label": "Letters", class: "letters" }, ...letters.map((l) => h("a", { href: `#letter-${l}` }, l)))
      : null,
    ...letters.map((letter) =>
      h(
        "section",
        { id: `letter-${letter}`, "aria-labelledby": `heading-${letter}` },
        h("h2", { id: `heading-${letter}` }, letter),
        h(
          "ul",
          { class: "cards" },
          ...(groups.get(letter) ?? []).map((card) =>
            h(
              "li",
              { class: "card" },
              h("h3", {}, h("a", { href: ROUTES.condition(card.id) }, card.title)),
              card.also_known_as.length ? h("p", { class: "meta" }, card.also_known_as.join(", ")) : null,
              h("p", {}, card.summary),
            ),
          ),
        ),
      ),
    ),
  ].filter((node): node is HTMLElement => node !== null);
}

export async function hoursPage(): Promise<HTMLElement[]> {
  const list = await api.clinicHours();
  return [
    h("h1", {}, "Opening hours"),
    ...(list.items.length ? list.items.map((hours) => hoursTable(hours)) : [h("p", {}, "No hours published yet.")]),
  ];
}

function isCondition(page: PreviewPage): page is ConditionPage {
  return "icd10_codes" in page || page.meta.type.toLowerCase().endsWith("conditionpage");
}

function isArticle(page: PreviewPage): page is ArticlePage {
  return "reading_time" in page && "body" in page;
}

/** A page of the feed, by what it is (agency subclasses keep their parent's fields). */
export function pageView(page: PreviewPage): HTMLElement[] {
  if (isCondition(page)) return conditionDetail(page);
  if (isArticle(page)) return articleDetail(page);
  return [h("h1", {}, page.title), h("p", {}, "This page type has no frontend view yet.")];
}

/** The admin's "Frontend" preview: the draft behind `?token=`, rendered like the live page. */
export async function preview(token: string, contentType: string): Promise<HTMLElement[]> {
  const page = await api.preview(token, contentType);
  const banner = h("p", { class: "preview-banner", role: "note" }, "Preview of a draft: not published yet.");
  return [banner, ...pageView(page)];
}
