/**
 * One renderer per StreamField block type of the feed. The `switch` is exhaustive over the
 * generated union: a block type added to the schema fails `npm run typecheck` until it is
 * rendered here.
 */
import type { AnyBlock, ImageData, Reference } from "./api";
import { h, richText } from "./dom";
import { hoursBadge, hoursTable } from "./hours";

function image(data: ImageData | null | undefined, caption = ""): HTMLElement | null {
  if (!data) return null;
  const rendition = data.renditions["medium"] ?? Object.values(data.renditions)[0];
  const src = rendition?.url ?? data.url;
  if (!src) return null;
  return h(
    "figure",
    { class: "block-image" },
    h("img", {
      src,
      alt: data.alt,
      width: rendition?.width ?? data.width,
      height: rendition?.height ?? data.height,
      loading: "lazy",
    }),
    caption ? h("figcaption", {}, caption) : null,
  );
}

export function renderBlock(block: AnyBlock): HTMLElement | null {
  switch (block.type) {
    case "heading":
      return h(block.value.level, { id: block.value.anchor || null }, block.value.text);
    case "paragraph":
      return richText(block.value);
    case "image":
      return image(block.value.image, block.value.caption);
    case "quote":
      return h(
        "figure",
        { class: "block-quote" },
        h("blockquote", {}, block.value.quote),
        block.value.attribution ? h("figcaption", {}, block.value.attribution) : null,
      );
    case "embed":
      // provider HTML is not trusted here: a link works everywhere
      if (!block.value) return null; // an embed the provider no longer answers for
      return h(
        "p",
        { class: "block-embed" },
        h("a", { href: block.value.url }, `Watch or view: ${block.value.url}`),
      );
    case "symptom_list":
      return h(
        "section",
        { class: "block-symptoms" },
        block.value.heading ? h("h3", {}, block.value.heading) : null,
        block.value.intro ? h("p", {}, block.value.intro) : null,
        h(
          "ul",
          {},
          ...block.value.items.map((item) =>
            h(
              "li",
              { class: item.urgent ? "symptom symptom--urgent" : "symptom" },
              h("strong", {}, item.name),
              item.severity ? ` (${item.severity})` : "",
              item.urgent ? h("span", { class: "urgent" }, " — seek care urgently") : null,
              item.description ? h("span", {}, ` ${item.description}`) : null,
            ),
          ),
        ),
      );
    case "condition_list":
      return h(
        "section",
        { class: "block-conditions" },
        block.value.heading ? h("h3", {}, block.value.heading) : null,
        h(
          "ul",
          {},
          ...block.value.items.map((item) =>
            h(
              "li",
              {},
              item.page?.url
                ? h("a", { href: `/frontend/conditions/${item.page.id}/` }, item.name || item.page.title)
                : h("strong", {}, item.name),
              item.description ? ` — ${item.description}` : "",
            ),
          ),
        ),
      );
    case "key_points":
      return h(
        "section",
        { class: "block-key-points" },
        block.value.heading ? h("h3", {}, block.value.heading) : null,
        block.value.intro ? h("p", {}, block.value.intro) : null,
        h(
          "dl",
          {},
          ...block.value.items.flatMap((item) => [h("dt", {}, item.term), h("dd", {}, item.explanation)]),
        ),
      );
    case "steps":
      return h(
        "section",
        { class: "block-steps" },
        block.value.heading ? h("h3", {}, block.value.heading) : null,
        block.value.intro ? h("p", {}, block.value.intro) : null,
        h(
          "ol",
          {},
          ...block.value.steps.map((step) =>
            h("li", {}, h("strong", {}, step.title), step.description ? ` ${step.description}` : ""),
          ),
        ),
      );
    case "call_to_action":
      return h(
        "aside",
        { class: "block-cta" },
        h("h3", {}, block.value.heading),
        block.value.text ? h("p", {}, block.value.text) : null,
        block.value.url ? h("a", { class: "button", href: block.value.url }, block.value.button_label) : null,
      );
    case "clinic_hours": {
      const hours = block.value.clinic_hours;
      if (!hours) return null; // a draft or expired snippet: the feed sends null
      const section = hoursTable(hours);
      if (block.value.heading) section.querySelector("h2")!.textContent = block.value.heading;
      return section;
    }
    case "section":
      return h(
        "section",
        { class: "condition-section", id: block.value.anchor || null },
        h("h2", {}, block.value.heading),
        ...renderStream(block.value.content),
      );
    default: {
      const unknown: never = block;
      return unknown;
    }
  }
}

export function renderStream(blocks: readonly AnyBlock[] | null | undefined): HTMLElement[] {
  return (blocks ?? []).map(renderBlock).filter((node): node is HTMLElement => node !== null);
}

export function renderReferences(references: readonly Reference[] | null | undefined): HTMLElement | null {
  if (!references?.length) return null;
  return h(
    "section",
    { class: "references", "aria-labelledby": "references" },
    h("h2", { id: "references" }, "References"),
    h(
      "ol",
      {},
      ...references.map((reference) =>
        h(
          "li",
          { id: `ref-${reference.number}` },
          reference.value.formatted,
          reference.value.doi_url ? [" ", h("a", { href: reference.value.doi_url }, "DOI")] : null,
          reference.value.url ? [" ", h("a", { href: reference.value.url }, "Source")] : null,
        ),
      ),
    ),
  );
}

export { hoursBadge };
