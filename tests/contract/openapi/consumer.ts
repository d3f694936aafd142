/**
 * A frontend team's code against the REST v3 contract, with nothing hand-written about the API:
 * every type comes from `schema.d.ts`, which openapi-typescript generates from the document
 * the server answers at /api/v3/openapi.json (see test_typescript.py, which also runs this
 * file on demo responses).
 *
 * It compiles under `tsc --strict` only while the contract is exact:
 * - the page union narrows on the top-level `type` (no cast, no `meta.type` lookup);
 * - every block type of every stream is rendered by one `switch` whose `default` takes a
 *   `never`: a block type added to the schema without a case here fails the build;
 * - fields the server always sends are not optional (no `?.` or `!` needed), nulls appear
 *   only where they really occur, and fixed value sets (heading levels, severities, section
 *   kinds, rendition names) are literal unions that a `Record` must cover completely.
 * The `clinicsite.*` cases are the agency app of tests/extending (its own `faq` block), which
 * the test settings install: an agency's page type joins the union with its discriminator.
 */
import type { components, paths } from "./schema";

type Schemas = components["schemas"];
export type PageDetail =
  paths["/api/v3/pages/{page_id}/"]["get"]["responses"][200]["content"]["application/json"];
type ArticleList =
  paths["/api/v3/articles/"]["get"]["responses"][200]["content"]["application/json"];
type ClinicHours = Schemas["ClinicHoursData"];
type Block =
  | Schemas["ArticleBodyBlockItem"]
  | Schemas["ConditionBodyBlockItem"]
  | Schemas["SectionContentBlockItem"]
  | Schemas["ClinicArticleBodyItem"];

/** The exhaustiveness check: only reachable if a case is missing, which tsc reports. */
function unreachable(value: never): never {
  throw new Error(`unhandled: ${JSON.stringify(value)}`);
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const SEVERITY: Record<NonNullable<Schemas["SymptomBlockValue"]["severity"]>, string> = {
  mild: "Mild",
  moderate: "Moderate",
  severe: "Severe",
};

const SECTION_ICON: Record<Schemas["ConditionSectionBlockValue"]["section"], string> = {
  overview: "info",
  symptoms: "list",
  causes: "question",
  risk_factors: "warning",
  diagnosis: "search",
  treatment: "heart",
  when_to_seek_care: "alert",
  other: "doc",
};

type RenditionName = keyof Schemas["ImageData"]["renditions"];
const SIZES: Record<RenditionName, string> = {
  thumbnail: "160w",
  medium: "800w",
  large: "1600w",
};

function image(data: Schemas["ImageData"] | null, caption: string): string {
  if (data === null) return "";
  const srcset = (Object.keys(SIZES) as RenditionName[])
    .map((name) => {
      const rendition: Schemas["RenditionData"] | undefined = data.renditions[name];
      return rendition ? `${rendition.url} ${SIZES[name]}` : "";
    })
    .filter(Boolean)
    .join(", ");
  const src = data.url ?? "";
  return `<figure><img src="${escape(src)}" srcset="${escape(srcset)}" alt="${escape(data.alt)}" width="${data.width}" height="${data.height}"><figcaption>${escape(caption)}</figcaption></figure>`;
}

function hours(data: ClinicHours): string {
  const status = data.open_now ? "Open now" : "Closed";
  const next = data.next_change === null ? "" : ` until ${data.next_change.at}`;
  const week = data.weekly
    .map((day) => `${day.weekday_name}: ${day.periods.map((p) => `${p.opens}-${p.closes}`).join(", ")}`)
    .join("; ");
  const specs = data.opening_hours_specification
    .map((spec) => `${spec["@type"]} ${spec.dayOfWeek ?? spec.validFrom ?? ""} ${spec.opens}`)
    .join("; ");
  return `<div class="hours" data-tz="${escape(data.timezone)}">${status}${next}. ${escape(week)} ${escape(specs)} ${escape(data.notes)}</div>`;
}

export function renderBlock(block: Block): string {
  const open = `<div data-block="${block.type}" data-id="${block.id ?? ""}">`;
  switch (block.type) {
    case "heading": {
      const level: "h2" | "h3" | "h4" = block.value.level;
      return `${open}<${level} id="${escape(block.value.anchor)}">${escape(block.value.text)}</${level}></div>`;
    }
    case "paragraph":
      return `${open}${block.value}</div>`;
    case "image":
      return `${open}${image(block.value.image, block.value.caption)}</div>`;
    case "quote":
      return `${open}<blockquote>${escape(block.value.quote)}</blockquote>${escape(block.value.attribution)}</div>`;
    case "embed":
      if (block.value === null) return `${open}</div>`;
      return `${open}<a href="${escape(block.value.url)}">${escape(block.value.url)}</a>${block.value.html ?? ""}</div>`;
    case "symptom_list":
      return `${open}<h3>${escape(block.value.heading)}</h3>${escape(block.value.intro)}<ul>${block.value.items
        .map(
          (item) =>
            `<li>${escape(item.name)}${item.severity === null ? "" : ` (${SEVERITY[item.severity]})`}${item.urgent ? " !" : ""} ${escape(item.description)}</li>`,
        )
        .join("")}</ul></div>`;
    case "condition_list":
      return `${open}<h3>${escape(block.value.heading)}</h3><ul>${block.value.items
        .map((item) => {
          const link = item.page === null ? null : item.page.url;
          return link === null
            ? `<li>${escape(item.name)}</li>`
            : `<li><a href="${escape(link)}">${escape(item.name)}</a> ${escape(item.description)}</li>`;
        })
        .join("")}</ul></div>`;
    case "key_points":
      return `${open}<h3>${escape(block.value.heading)}</h3><dl>${block.value.items
        .map((item) => `<dt>${escape(item.term)}</dt><dd>${escape(item.explanation)}</dd>`)
        .join("")}</dl></div>`;
    case "steps":
      return `${open}<h3>${escape(block.value.heading)}</h3><ol>${block.value.steps
        .map((step) => `<li value="${step.number}">${escape(step.title)}: ${escape(step.description)}</li>`)
        .join("")}</ol></div>`;
    case "call_to_action": {
      const button = block.value.url === null ? "" : `<a href="${escape(block.value.url)}">${escape(block.value.button_label)}</a>`;
      return `${open}<h3>${escape(block.value.heading)}</h3>${escape(block.value.text)}${button}</div>`;
    }
    case "clinic_hours":
      return `${open}<h3>${escape(block.value.heading)}</h3>${block.value.clinic_hours === null ? "" : hours(block.value.clinic_hours)}</div>`;
    case "section":
      return `${open}<section id="${escape(block.value.anchor)}" data-icon="${SECTION_ICON[block.value.section]}"><h2>${escape(block.value.heading)}</h2>${block.value.content
        .map(renderBlock)
        .join("")}</section></div>`;
    case "faq":
      return `${open}<details><summary>${escape(block.value.question)}</summary>${block.value.answer}</details></div>`;
    default:
      return unreachable(block);
  }
}

function references(items: Schemas["ReferenceCitationBlock"][]): string {
  return `<ol class="references">${items
    .map((ref) => {
      const link = ref.value.doi_url ?? ref.value.pmid_url ?? ref.value.url;
      return `<li value="${ref.number}" data-block="${ref.type}">${escape(ref.value.formatted)} <a href="${escape(link)}">${escape(ref.value.title)}</a></li>`;
    })
    .join("")}</ol>`;
}

function byline(author: Schemas["AuthorData"] | null): string {
  return author === null ? "" : `<p class="byline">${escape(author.name)}, ${escape(author.credentials)}</p>`;
}

/** The page narrows on its top-level `type`: each case sees its own page schema's fields. */
export function renderPage(page: PageDetail): string {
  const head = `<h1 data-type="${page.type}" data-meta-type="${page.meta.type}">${escape(page.title)}</h1>`;
  switch (page.type) {
    case "wagtail_neuro.ArticlePage":
    case "clinicsite.ClinicArticlePage":
      return [
        head,
        byline(page.author),
        `<time datetime="${page.date}">${page.reading_time} min</time>`,
        page.tags.map((tag) => `<a href="?tags=${escape(tag.slug)}">${escape(tag.name)}</a>`).join(" "),
        page.categories.map((category) => escape(category.name)).join(", "),
        image(page.hero_image, ""),
        ...page.body.map(renderBlock),
        references(page.references),
        page.related_articles.map((related) => escape(related.title)).join(", "),
        `<script type="application/ld+json">${JSON.stringify(page.jsonld["@graph"])}</script>`,
        `<link rel="canonical" href="${escape(page.seo.canonical_url ?? page.meta.html_url ?? "")}">`,
      ].join("\n");
    case "wagtail_neuro.ConditionPage":
      return [
        head,
        page.also_known_as.join(", "),
        page.icd10_codes.map((code) => `${code.code} ${escape(code.description)}`).join(", "),
        ...page.body.map(renderBlock),
        references(page.references),
        page.related_conditions.map((related) => escape(related.title)).join(", "),
      ].join("\n");
    case "wagtail_neuro.ArticleIndexPage":
    case "wagtail_neuro.ConditionIndexPage":
    case "clinicsite.ClinicArticleIndexPage":
      return `${head}${page.intro}`;
    default:
      // the host's own page types (a home page, Wagtail's root): title and meta only
      return `${head}<a href="${escape(page.meta.detail_url)}">${escape(page.meta.slug)}</a>`;
  }
}

export function renderCards(list: ArticleList): string {
  return `<p>${list.count} articles</p>${list.items
    .map((card) => `<article><a href="${escape(card.url ?? card.detail_url)}">${escape(card.title)}</a> ${escape(card.author ?? "")} ${card.reading_time} min</article>`)
    .join("")}`;
}

export function renderHours(data: ClinicHours): string {
  return hours(data);
}

/** How a frontend would load a page: `fetch`, then the generated type (no hand-written one). */
export async function fetchPage(origin: string, id: number): Promise<string> {
  const response = await fetch(`${origin}/api/v3/pages/${id}/`);
  if (!response.ok) throw new Error(`${response.status} for page ${id}`);
  const page: PageDetail = await response.json();
  return renderPage(page);
}
