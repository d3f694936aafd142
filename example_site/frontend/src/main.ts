/**
 * The wagtail_neuro reference frontend: a headless client of the example site's REST feed,
 * served at /frontend/ and used as the admin's "Frontend" preview (/frontend/preview/).
 */
import { ApiError, api } from "./api";
import { h } from "./dom";
import { articleList, conditionIndex, hoursPage, pageView, preview } from "./pages";

type View = () => Promise<HTMLElement[]>;

function route(path: string, query: URLSearchParams): View {
  const detail = path.match(/^\/frontend\/(articles|conditions)\/(\d+)\/?$/);
  if (detail) {
    const id = Number(detail[2]);
    return async () => pageView(await api.page(id));
  }
  if (/^\/frontend\/conditions\/?$/.test(path)) return () => conditionIndex(query.get("symptom") ?? "");
  if (/^\/frontend\/hours\/?$/.test(path)) return hoursPage;
  if (/^\/frontend\/preview\/?$/.test(path)) {
    const token = query.get("token");
    if (!token) return async () => [h("h1", {}, "Preview"), h("p", {}, "Open a preview from the Wagtail admin.")];
    return () => preview(token, query.get("content_type") ?? "");
  }
  if (/^\/frontend\/?$/.test(path)) return articleList;
  return async () => [h("h1", {}, "Not found"), h("p", {}, "There is no page at this address.")];
}

async function render(): Promise<void> {
  const main = document.getElementById("app");
  if (!main) return;
  main.setAttribute("aria-busy", "true");
  try {
    const nodes = await route(window.location.pathname, new URLSearchParams(window.location.search))();
    main.replaceChildren(...nodes);
    const title = main.querySelector("h1")?.textContent;
    if (title) document.title = `${title} · Reference frontend`;
  } catch (error) {
    const message = error instanceof ApiError ? `${error.message} (HTTP ${error.status})` : String(error);
    main.replaceChildren(h("h1", {}, "Could not load this page"), h("p", { role: "alert" }, message));
  } finally {
    main.removeAttribute("aria-busy");
    main.dataset.ready = "true";
  }
}

void render();
