/* Error badges on every editor tab that holds an error (works around wagtail#12823).
 *
 * Wagtail counts a tab's errors once, when its badge connects; StreamField and inline-panel
 * errors are drawn later by their JavaScript, so a tab holding only those (References, say)
 * showed no badge after a failed save. This recounts with Wagtail's own selector whenever
 * the form changes, and sets the badge's Stimulus value so Wagtail draws it as usual. */
(function () {
  "use strict";

  const DEFAULT_FIND = ":not([hidden]):is(.error-message,.help-critical)";

  function recount() {
    document
      .querySelectorAll('[data-controller~="w-count"][data-w-count-container-value]')
      .forEach((badge) => {
        const find = badge.dataset.wCountFindValue || DEFAULT_FIND;
        let total = 0;
        document.querySelectorAll(badge.dataset.wCountContainerValue).forEach((container) => {
          total += container.querySelectorAll(find).length;
        });
        if (badge.dataset.wCountTotalValue !== String(total)) {
          badge.setAttribute("data-w-count-total-value", String(total));
        }
      });
  }

  let pending = null;
  function schedule() {
    if (pending === null) {
      pending = window.setTimeout(() => {
        pending = null;
        recount();
      }, 100);
    }
  }

  function start() {
    const form = document.querySelector("[data-edit-form], form#page-edit-form, main form");
    if (!form) return;
    new MutationObserver(schedule).observe(form, { childList: true, subtree: true });
    schedule();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
