// indsigt: the codebook tree. Drag a code's row onto another row: its upper edge puts the code
// before it, its lower edge after it, its middle makes it a sub-code (last). The step buttons
// beside each code (plain forms) do the same without a mouse. No third-party code.
"use strict";

// The add form checks the path as it is typed (empty, taken, under a code that does not exist)
// and says what the server would answer, in its words; the server still decides on submit.
(function () {
  const form = document.getElementById("add-code");
  if (!form) return;
  const input = form.querySelector("input[name=path]");
  const message = document.getElementById("path-check");
  const known = new Set(Array.from(document.querySelectorAll("li.code-node")).map((li) => li.dataset.path));
  const quote = (text) => "'" + text + "'";

  function problem() {
    const typed = input.value.trim().replace(/^\/+|\/+$/g, "");
    const path = typed.split("/").map((part) => part.trim()).join("/");
    if (!path || path.includes("//")) return input.value.trim() ? form.dataset.empty : "";
    if (known.has(path)) return form.dataset.taken.replace("'§1'", quote(path));
    const cut = path.lastIndexOf("/");
    if (cut > 0 && !known.has(path.slice(0, cut))) {
      return form.dataset.noParent.split("'§2'").join(quote(path.slice(0, cut))).replace("'§1'", quote(path));
    }
    return "";
  }

  function check() {
    const text = problem();
    input.setAttribute("aria-invalid", text ? "true" : "false");
    message.textContent = text;
    message.hidden = !text;
    return !text;
  }

  input.setAttribute("aria-describedby", "path-check");
  input.addEventListener("input", check);
})();

// A step button reloads the page; the focus comes back to the same code's button (or the
// first of its buttons still enabled), so the next step is one key away.
(function () {
  const tree = document.getElementById("code-tree");
  if (!tree) return;
  const KEY = "indsigt-codebook-step";
  tree.addEventListener("submit", (event) => {
    if (!event.target.matches("form.steps") || !event.submitter) return;
    try { window.sessionStorage.setItem(KEY, event.submitter.value); } catch (e) { /* private mode */ }
  });
  let direction = null;
  try {
    direction = window.sessionStorage.getItem(KEY);
    window.sessionStorage.removeItem(KEY);
  } catch (e) { /* private mode */ }
  const found = /^#code-(\d+)$/.exec(window.location.hash);
  if (!direction || !found) return;
  const row = document.querySelector("#code-" + found[1] + " > .code-row");
  if (!row) return;
  const same = row.querySelector('button[value="' + direction + '"]:not([disabled])');
  const button = same || row.querySelector("form.steps button:not([disabled])");
  // after the browser has scrolled to the fragment (which resets the focus)
  if (button) window.addEventListener("load", () => window.setTimeout(() => button.focus(), 0));
})();

(function () {
  const tree = document.getElementById("code-tree");
  if (!tree || tree.dataset.canEdit !== "1") return;
  const status = document.getElementById("tree-status");
  const csrf = () => document.querySelector('meta[name="csrf-token"]').content;
  let dragged = null;

  function node(element) { return element ? element.closest("li.code-node") : null; }

  function zone(event, row) {
    const box = row.getBoundingClientRect();
    const y = (event.clientY - box.top) / box.height;
    return y < 0.25 ? "before" : y > 0.75 ? "after" : "inside";
  }

  function clear() {
    for (const row of tree.querySelectorAll(".drop-before, .drop-after, .drop-inside")) {
      row.classList.remove("drop-before", "drop-after", "drop-inside");
    }
  }

  // Where a drop puts the dragged code: its new parent ("" = the top) and place there.
  function target(over, where) {
    if (where === "inside") return { parent_id: over.dataset.id, position: "" };
    const siblings = Array.from(over.parentElement.children).filter(
      (li) => li.matches("li.code-node") && li !== dragged);
    const index = siblings.indexOf(over);
    return { parent_id: over.dataset.parent, position: String(where === "before" ? index : index + 1) };
  }

  async function move(id, place) {
    if (status) status.textContent = tree.dataset.moving;
    const response = await fetch("/studies/" + tree.dataset.study + "/codebook/" + id + "/move", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf() },
      body: JSON.stringify(place),
      credentials: "same-origin",
    });
    let data = {};
    try { data = await response.json(); } catch (e) { /* empty body */ }
    if (!response.ok) throw new Error(data.error || String(response.status));
    window.location.hash = "code-" + id;
    window.location.reload();
  }

  tree.addEventListener("dragstart", (event) => {
    const row = event.target.closest ? event.target.closest(".code-row") : null;
    if (!row) return;
    dragged = node(row);
    row.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.path);
  });

  tree.addEventListener("dragend", () => {
    clear();
    for (const row of tree.querySelectorAll(".dragging")) row.classList.remove("dragging");
    dragged = null;
  });

  tree.addEventListener("dragover", (event) => {
    const row = event.target.closest ? event.target.closest(".code-row") : null;
    const over = node(row);
    if (!dragged || !over || dragged.contains(over)) return;  // not onto itself or its sub-codes
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    clear();
    row.classList.add("drop-" + zone(event, row));
  });

  tree.addEventListener("dragleave", (event) => {
    const row = event.target.closest ? event.target.closest(".code-row") : null;
    if (row && !row.contains(event.relatedTarget)) clear();
  });

  tree.addEventListener("drop", async (event) => {
    const row = event.target.closest ? event.target.closest(".code-row") : null;
    const over = node(row);
    if (!dragged || !over) return;
    event.preventDefault();
    clear();
    if (dragged.contains(over)) {
      if (status) status.textContent = tree.dataset.refused;
      return;
    }
    const id = dragged.dataset.id;
    try {
      await move(id, target(over, zone(event, row)));
    } catch (error) {
      if (status) status.textContent = error.message;
    }
  });
})();
