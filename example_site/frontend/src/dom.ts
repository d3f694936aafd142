/**
 * A tiny element builder: text always goes in as text nodes, so nothing from the feed is
 * parsed as HTML except rich text the API has already sanitised (see `richText`).
 */

type Child = Node | string | number | null | undefined | false | Child[];
type Attributes = Record<string, string | number | boolean | null | undefined>;

export function h(tag: string, attributes: Attributes = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "href" || name === "src") {
      const safe = safeUrl(String(value));
      if (safe) element.setAttribute(name, safe);
      continue;
    }
    element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(parent, child);
      continue;
    }
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Relative URLs and http(s)/mailto/tel only: a `javascript:` URL never reaches an href. */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (!trimmed) return null;
  try {
    const parsed = new URL(trimmed, window.location.href);
    return ["http:", "https:", "mailto:", "tel:"].includes(parsed.protocol) ? trimmed : null;
  } catch {
    return null;
  }
}

/** Rich text from the API (sanitised server-side) as a fragment, scripts removed again. */
export function richText(html: string): HTMLElement {
  const template = document.createElement("template");
  template.innerHTML = html;
  template.content.querySelectorAll("script, style, iframe, object, embed").forEach((node) => {
    node.remove();
  });
  template.content.querySelectorAll("[href], [src]").forEach((node) => {
    for (const name of ["href", "src"]) {
      const value = node.getAttribute(name);
      if (value !== null && !safeUrl(value)) node.removeAttribute(name);
    }
  });
  const wrapper = h("div", { class: "rich-text" });
  wrapper.appendChild(template.content);
  return wrapper;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  return date.toLocaleDateString("en-US", {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
}
