/**
 * The REST feed (API v3) as the reference frontend reads it. Every type comes from
 * `schema.d.ts`, generated from the OpenAPI document with `npm run types`: when the schema
 * changes in a way this frontend does not handle, `npm run typecheck` fails.
 */
import type { components, operations } from "./schema";

type Schemas = components["schemas"];

export type ArticleCard = Schemas["ArticleCard"];
export type ArticleCardList = Schemas["ArticleCardList"];
export type ArticlePage = Schemas["ArticlePageSchema"];
export type ConditionCard = Schemas["ConditionCard"];
export type ConditionCardList = Schemas["ConditionCardList"];
export type ConditionPage = Schemas["ConditionPageSchema"];
export type ClinicHours = Schemas["ClinicHoursData"];
export type ClinicHoursList = Schemas["ClinicHoursList"];
export type ArticleBlock = Schemas["ArticleBodyBlockItem"];
export type ConditionBlock = Schemas["ConditionBodyBlockItem"];
export type SectionBlock = Schemas["SectionContentBlockItem"];
export type AnyBlock = ArticleBlock | ConditionBlock | SectionBlock;
export type Reference = Schemas["ReferenceCitationBlock"];
export type ImageData = Schemas["ImageData"];
export type Author = Schemas["AuthorData"];
export type PreviewPage =
  operations["wagtail_neuro_preview"]["responses"][200]["content"]["application/json"];

/** An API answer that is not 2xx; `message` is the API's own `detail` when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The API root, from `<main data-api="/api/v3">` (same origin by default). */
export function apiRoot(): string {
  const root = document.getElementById("app")?.dataset.api ?? "/api/v3";
  return root.replace(/\/$/, "");
}

export async function getJSON<T>(path: string, params: Record<string, string> = {}): Promise<T> {
  const query = new URLSearchParams(params).toString();
  const url = `${apiRoot()}${path}${query ? `?${query}` : ""}`;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body: unknown = await response.json();
      if (body && typeof body === "object" && "detail" in body) {
        message = String((body as { detail: unknown }).detail);
      }
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, message);
  }
  return (await response.json()) as T;
}

/** Every item of a paginated listing (the feed answers at most 20 per request). */
async function all<T extends { count: number; items: unknown[] }>(
  path: string,
  params: Record<string, string>,
): Promise<T> {
  const first = await getJSON<T>(path, { ...params, limit: String(PAGE_SIZE) });
  const items = [...first.items];
  while (items.length < first.count) {
    const next = await getJSON<T>(path, { ...params, limit: String(PAGE_SIZE), offset: String(items.length) });
    if (!next.items.length) break;
    items.push(...next.items);
  }
  return { ...first, items };
}

const PAGE_SIZE = 20;

export const api = {
  articles: (params: Record<string, string> = {}) =>
    getJSON<ArticleCardList>("/articles/", params),
  page: (id: number) => getJSON<PreviewPage>(`/pages/${id}/`),
  allConditions: (params: Record<string, string> = {}) =>
    all<ConditionCardList>("/conditions/", params),
  clinicHours: () => getJSON<ClinicHoursList>("/clinic-hours/"),
  preview: (token: string, contentType: string) =>
    getJSON<PreviewPage>("/preview/", { token, content_type: contentType }),
};
