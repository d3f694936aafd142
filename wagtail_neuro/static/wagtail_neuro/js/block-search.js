/* The StreamField block picker also searches each block's description (its Meta.description).
 *
 * Wagtail 8's picker (StreamBlockMenu in wagtailadmin/js/telepath/blocks.js) filters its
 * ComboBox with `getSearchFields: (item) => [item.label, item.type]`: the description is shown
 * in the preview but never searched, so "CTA", "urgent" or "citation" found nothing. The
 * search fields cannot be passed in, so this makes the item's `type` (searched, never shown)
 * carry the description too, and strips it again when a block is chosen. The package's block
 * descriptions name the words editors search for ("call to action (CTA)", "urgent care").
 *
 * Remove when Wagtail's picker searches descriptions (then `type` is the block name again). */
(function () {
  "use strict";

  const SEPARATOR = "\n";
  let patched = false;

  /** The prototype of Wagtail's StreamBlockMenu, from any rendered stream's first inserter. */
  function findMenuPrototype() {
    for (const element of document.querySelectorAll("[id$='-root']")) {
      const inserters = element.rootBlock && element.rootBlock.inserters;
      if (inserters && inserters.length) {
        const proto = Object.getPrototypeOf(inserters[0]);
        const items = Object.getOwnPropertyDescriptor(proto, "blockItems");
        if (items && items.get && typeof proto.onSelectBlock === "function") return proto;
      }
    }
    return null;
  }

  function patch() {
    if (patched) return;
    const proto = findMenuPrototype();
    if (!proto) return;
    const blockItems = Object.getOwnPropertyDescriptor(proto, "blockItems").get;
    const onSelectBlock = proto.onSelectBlock;

    Object.defineProperty(proto, "blockItems", {
      configurable: true,
      get() {
        const groups = blockItems.call(this);
        const count = groups.reduce((total, group) => total + group.items.length, 0);
        if (count < 2) return groups; // one block type: the button inserts it, no picker
        groups.forEach((group) => {
          group.items.forEach((item) => {
            if (item.description) item.type = item.type + SEPARATOR + item.description;
          });
        });
        return groups;
      },
    });
    proto.onSelectBlock = function (change) {
      const item = change && change.selectedItem;
      if (item && typeof item.type === "string" && item.type.includes(SEPARATOR)) {
        const type = item.type.slice(0, item.type.indexOf(SEPARATOR));
        change = { ...change, selectedItem: { ...item, type } };
      }
      return onSelectBlock.call(this, change);
    };
    patched = true;
  }

  // Before the picker opens (its tooltip renders the menu on the same click)
  document.addEventListener(
    "click",
    (event) => {
      if (event.target instanceof Element && event.target.closest(".c-sf-add-button")) patch();
    },
    true,
  );
  document.addEventListener("w-block:ready", () => window.setTimeout(patch));
})();
