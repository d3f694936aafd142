/**
 * A frontend's renderer for the documented operations, typed by graphql-codegen from the schema
 * /graphql/ serves. Every stream is switched over exhaustively: a block type added to a stream's
 * union without a case here fails `tsc --strict` at the `never` check (`unhandled`).
 */
import type {
  ArticleQuery,
  ArticlesQuery,
  ClinicHoursQuery,
  ConditionsWithSymptomQuery,
  DayOfWeek,
  HeadingBlockLevel,
  HoursFragment,
  RenditionName,
  SectionContentFragment,
  SymptomSeverity,
} from "./generated/graphql";
import type { JsonValue } from "./json";

type Article = NonNullable<ArticleQuery["article"]>;
type ArticleBlock = Article["body"][number];
type Reference = Article["references"][number];
type Condition = ConditionsWithSymptomQuery["conditions"][number];
type ConditionBlock = Condition["body"][number];

function unhandled(value: never): never {
  throw new Error(`Unhandled block: ${JSON.stringify(value)}`);
}

const escape = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

const HEADING_TAGS: Record<HeadingBlockLevel, string> = { h2: "h2", h3: "h3", h4: "h4" };
const SEVERITY_LABELS: Record<SymptomSeverity, string> = {
  mild: "Mild",
  moderate: "Moderate",
  severe: "Severe",
};
const DAY_ORDER: Record<DayOfWeek, number> = {
  Monday: 1,
  Tuesday: 2,
  Wednesday: 3,
  Thursday: 4,
  Friday: 5,
  Saturday: 6,
  Sunday: 7,
};

function thumbnailWidth(renditions: { name: RenditionName; width: number }[]): number {
  return renditions.find((rendition) => rendition.name === "thumbnail")?.width ?? 0;
}

function renderHours(hours: HoursFragment): string {
  const days = [...hours.openingHoursSpecification]
    .sort((a, b) => (a.dayOfWeek ? DAY_ORDER[a.dayOfWeek] : 8) - (b.dayOfWeek ? DAY_ORDER[b.dayOfWeek] : 8))
    .map((spec) =>
      spec.dayOfWeek
        ? `${spec.dayOfWeek} ${spec.opens}–${spec.closes}`
        : `${spec.validFrom ?? ""}–${spec.validThrough ?? ""} ${spec.opens}–${spec.closes}`,
    );
  const open: boolean = hours.isOpenNow;
  const next: string = hours.nextChange ? new Date(hours.nextChange.at).toISOString() : "";
  const today: string = hours.today.date;
  return `<p>${escape(hours.summary)} (${open ? "open" : "closed"} ${today}; next ${next})</p>${days.join("<br>")}`;
}

function renderSectionContent(block: SectionContentFragment): string {
  switch (block.__typename) {
    case "ParagraphBlock":
      return block.value;
    case "CaptionedImageBlock":
      return `<figure>${block.image ? escape(block.image.alt) : ""}${escape(block.caption)}</figure>`;
    case "QuoteBlock":
      return `<blockquote>${escape(block.quote)} ${escape(block.attribution)}</blockquote>`;
    case "MediaEmbedBlock":
      return block.html ?? (block.url ? `<a href="${escape(block.url)}">${escape(block.url)}</a>` : "");
    case "SymptomListBlock":
      return block.items
        .map((item) => `${escape(item.name)} ${item.severity ? SEVERITY_LABELS[item.severity] : ""}`)
        .join("");
    case "KeyPointsBlock":
      return block.items.map((item) => `<dt>${escape(item.term)}</dt><dd>${escape(item.explanation)}</dd>`).join("");
    case "StepsBlock":
      return block.steps.map((step) => `<li value="${step.number}">${escape(step.title)}</li>`).join("");
    case "CallToActionBlock":
      return `<a href="${escape(block.url ?? "#")}">${escape(block.buttonLabel)}</a>`;
    default:
      return unhandled(block);
  }
}

export function renderArticleBlock(block: ArticleBlock): string {
  switch (block.__typename) {
    case "HeadingBlock":
      return `<${HEADING_TAGS[block.level]} id="${escape(block.anchor)}">${escape(block.text)}</${block.level}>`;
    case "ParagraphBlock":
      return block.value;
    case "CaptionedImageBlock":
      return `<img alt="${escape(block.image?.alt ?? "")}" width="${thumbnailWidth(block.image?.renditions ?? [])}">`;
    case "QuoteBlock":
      return `<blockquote>${escape(block.quote)}</blockquote>`;
    case "MediaEmbedBlock":
      return block.html ?? "";
    case "SymptomListBlock":
      return block.items
        .map((item) => `${escape(item.name)}${item.urgent ? "!" : ""}${item.severity ? SEVERITY_LABELS[item.severity] : ""}`)
        .join("");
    case "ConditionListBlock":
      return block.items.map((item) => (item.page?.url ? `<a href="${escape(item.page.url)}">${escape(item.name)}</a>` : escape(item.name))).join("");
    case "KeyPointsBlock":
      return block.items.map((item) => escape(item.term)).join("");
    case "StepsBlock":
      return block.steps.map((step) => `${step.number}. ${escape(step.title)}`).join("");
    case "CallToActionBlock":
      return `<a href="${escape(block.url ?? "#")}">${escape(block.buttonLabel)}</a>`;
    case "ClinicHoursBlock":
      return block.clinicHours ? renderHours(block.clinicHours) : "";
    default:
      return unhandled(block);
  }
}

export function renderReference(reference: Reference): string {
  switch (reference.__typename) {
    case "ReferenceCitationBlock":
      return `<li id="ref-${reference.number}">${reference.formatted}</li>`;
    default: // one member: TypeScript narrows the discriminant, not the object
      return unhandled(reference.__typename);
  }
}

export function renderConditionBlock(block: ConditionBlock): string {
  switch (block.__typename) {
    case "ConditionSectionBlock":
      return `<section id="${escape(block.anchor)}" data-kind="${block.section}">${block.content.map(renderSectionContent).join("")}</section>`;
    case "ParagraphBlock":
      return block.value;
    case "SymptomListBlock":
      return block.items.map((item) => escape(item.name)).join("");
    case "CallToActionBlock":
      return `<a href="${escape(block.url ?? "#")}">${escape(block.buttonLabel)}</a>`;
    default:
      return unhandled(block);
  }
}

export function renderArticle(data: ArticleQuery): string {
  const article = data.article;
  if (!article) return "";
  const jsonld: JsonValue = article.jsonld;
  return [
    `<h1>${escape(article.title)}</h1>`,
    ...article.body.map(renderArticleBlock),
    `<ol>${article.references.map(renderReference).join("")}</ol>`,
    `<script type="application/ld+json">${JSON.stringify(jsonld)}</script>`,
  ].join("\n");
}

export function renderListing(data: ArticlesQuery): string[] {
  return data.articles.map((article) => `${article.title} ${article.heroImage?.rendition?.url ?? ""}`);
}

export function renderConditions(data: ConditionsWithSymptomQuery): string[] {
  return data.conditions.map((condition) => condition.body.map(renderConditionBlock).join(""));
}

export function renderClinicHours(data: ClinicHoursQuery): string {
  return data.clinicHours ? renderHours(data.clinicHours) : "";
}
