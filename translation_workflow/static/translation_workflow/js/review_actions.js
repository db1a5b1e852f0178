// The translation editor's footer is drawn by wagtail-localize's React app, which
// has no place for more actions. Once it is drawn, this puts the review bar's
// "Submit for review" button (it submits its own form, by its `form` attribute)
// first in the footer, and hides what the server left without an address: the
// "Stop Synced translation" button of a user who may not publish
// (templatetags/translation_workflow_tags.py, editor_props).
const arrangeReviewActions = () => {
  const editor = document.querySelector(".js-translation-editor");
  const submit = document.querySelector("[data-review-submit]");
  const bar = submit && submit.closest("[data-translation-review]");
  if (!editor) {
    return;
  }

  const hasVisibleChild = (element) => [...element.children].some((child) => !child.hidden);

  const arrange = () => {
    const actions = editor.querySelector("footer nav.actions");
    if (!actions) {
      return;
    }
    for (const button of actions.querySelectorAll(
      'button[data-action~="w-action#post"]:not([data-w-action-url-value])',
    )) {
      button.hidden = true;
    }
    for (const group of actions.querySelectorAll(":scope > .w-dropdown-button")) {
      const menu = group.querySelector("[data-w-dropdown-target='content']");
      const dropdown = menu && menu.closest(".w-dropdown");
      if (dropdown && !hasVisibleChild(menu)) {
        dropdown.hidden = true;
      }
      if (!hasVisibleChild(group)) {
        group.hidden = true;
      }
    }
    if (submit && !actions.contains(submit)) {
      const group = document.createElement("div");
      group.className = "w-dropdown-button";
      group.append(submit);
      actions.prepend(group);
      // Nothing else to say (no request for changes): the bar goes too.
      if ([...bar.children].every((child) => child.tagName === "FORM" || child.hidden)) {
        bar.hidden = true;
      }
    }
  };

  new MutationObserver(arrange).observe(editor, { childList: true, subtree: true });
  arrange();
};

// Loaded in the page's head, as wagtail-localize's own script is.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", arrangeReviewActions);
} else {
  arrangeReviewActions();
}
