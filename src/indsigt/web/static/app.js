// indsigt: small progressive enhancements. No third-party code; every request carries the
// CSRF token from <meta name="csrf-token">.
"use strict";

(function () {
  const csrf = () => document.querySelector('meta[name="csrf-token"]').content;
  // The interface's words in its language (the <script id="i18n"> block of base.html).
  const words = (() => {
    const found = {};
    for (const id of ["i18n", "i18n-coding"]) {
      const block = document.getElementById(id);
      try { Object.assign(found, block ? JSON.parse(block.textContent) : {}); } catch (e) { /* none */ }
    }
    return found;
  })();
  const t = (key, fallback) => words[key] || fallback;

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRF-Token": csrf(),
      },
      body: JSON.stringify(body || {}),
      credentials: "same-origin",
    });
    let data = {};
    try { data = await response.json(); } catch (e) { /* empty body */ }
    if (!response.ok) {
      throw new Error(data.error || (t("failed", "request failed") + " (" + response.status + ")"));
    }
    return data;
  }

  // -- forms that ask before they act -------------------------------------------------------
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // -- document view: select text → its exact span (document offsets) → pick a code ---------
  // Every piece of the transcript (a passage, or the text between passages) carries
  // data-start, its offset in the document text; offsets count code points, as Python does.
  const points = (text) => Array.from(text).length;
  const blank = (ch) => /\s/.test(ch);

  function pieceInfo(piece) {
    if (!piece._chars) piece._chars = Array.from(piece.textContent);
    const start = Number(piece.dataset.start);
    return { start, end: start + piece._chars.length, chars: piece._chars };
  }

  function offsetIn(piece, node, offset) {
    const part = document.createRange();
    part.setStart(piece, 0);
    part.setEnd(node, offset);
    return points(part.toString());
  }

  // The selection as {start, end, pieces} in document offsets (white space trimmed), or null.
  function selectionSpan(root) {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!root.contains(range.commonAncestorContainer) && !range.intersectsNode(root)) return null;
    const pieces = Array.from(root.querySelectorAll(".piece")).filter((p) => range.intersectsNode(p));
    if (pieces.length === 0) return null;
    const first = pieces[0], last = pieces[pieces.length - 1];
    let start = pieceInfo(first).start;
    if (first.contains(range.startContainer)) start += offsetIn(first, range.startContainer, range.startOffset);
    let end = pieceInfo(last).end;
    if (last.contains(range.endContainer)) end = pieceInfo(last).start + offsetIn(last, range.endContainer, range.endOffset);
    // Trim white space at both ends, piece by piece.
    let i = 0;
    for (; i < pieces.length; i++) {
      const info = pieceInfo(pieces[i]);
      start = Math.max(start, info.start);
      while (start < info.end && blank(info.chars[start - info.start])) start++;
      if (start < info.end) break;
    }
    let j = pieces.length - 1;
    for (; j >= i; j--) {
      const info = pieceInfo(pieces[j]);
      end = Math.min(end, info.end);
      while (end > info.start && blank(info.chars[end - 1 - info.start])) end--;
      if (end > info.start) break;
    }
    if (i >= pieces.length || j < i || end <= start) return null;
    const kept = pieces.slice(i, j + 1);
    let text = "";
    for (const piece of kept) {
      const info = pieceInfo(piece);
      text += info.chars.slice(Math.max(start, info.start) - info.start, Math.min(end, info.end) - info.start).join("");
    }
    return { start, end, text, range: range.cloneRange(), passages: kept.filter((p) => p.dataset.passage).length };
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // The code picker: a combobox over the codebook tree; typing filters by path, labels (all
  // languages) and definition; the ancestors of a match stay visible (dimmed) for context.
  function codePicker(onPick, onActive) {
    const input = document.getElementById("code-search");
    const list = document.getElementById("code-options");
    const none = document.getElementById("code-none");
    if (!input || !list) return null;
    const options = Array.from(list.querySelectorAll('[role="option"]'));
    for (const option of options) option._search = fold(option.dataset.search || "");
    let active = null;

    function visible() { return options.filter((o) => !o.hidden); }

    function activate(option) {
      for (const o of options) o.setAttribute("aria-selected", o === option ? "true" : "false");
      active = option;
      if (option) {
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
      if (onActive) onActive(option);
    }

    function filter() {
      const words = fold(input.value).split(/\s+/).filter(Boolean);
      const hits = new Set(options.filter((o) => words.every((w) => o._search.includes(w))));
      const context = new Set();
      for (const hit of hits) {
        const parts = hit.dataset.path.split("/");
        for (let k = 1; k < parts.length; k++) context.add(parts.slice(0, k).join("/"));
      }
      for (const option of options) {
        const hit = hits.has(option);
        option.hidden = !hit && !context.has(option.dataset.path);
        option.classList.toggle("context", !hit && !option.hidden);
      }
      if (none) none.hidden = hits.size > 0;
      // Typing makes the first match the choice; an empty search keeps the one chosen before.
      if (words.length > 0 || !active || active.hidden) {
        activate(options.find((o) => hits.has(o)) || null);
      }
    }

    function move(step) {
      const shown = visible();
      if (shown.length === 0) return;
      const at = shown.indexOf(active);
      activate(shown[Math.max(0, Math.min(shown.length - 1, at < 0 ? 0 : at + step))]);
    }

    input.addEventListener("input", filter);
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") { move(1); event.preventDefault(); }
      else if (event.key === "ArrowUp") { move(-1); event.preventDefault(); }
      else if (event.key === "Home" && event.ctrlKey) { activate(visible()[0] || null); event.preventDefault(); }
      else if (event.key === "Enter") { if (active) onPick(active); event.preventDefault(); }
      else if (event.key === "Escape") {
        if (input.value) { input.value = ""; filter(); } else { onPick(null); }
        event.preventDefault();
      }
    });
    list.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus
    list.addEventListener("click", (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) { activate(option); onPick(option); }
    });
    return {
      input,
      current: () => active,
      choose(id) {
        const option = options.find((o) => o.dataset.code === String(id));
        if (option) activate(option);
      },
    };
  }

  function documentPage(panel) {
    const root = document.getElementById("transcript");
    const info = document.getElementById("selection-info");
    const button = document.getElementById("add-coding");
    const status = document.getElementById("coding-status");
    const study = panel.dataset.study;
    const documentId = Number(panel.dataset.document);
    const highlights = window.CSS && CSS.highlights && window.Highlight ? CSS.highlights : null;
    let picked = null;

    function ready() {
      if (button) button.disabled = !picked || !picker || !picker.current();
    }

    async function code(option) {
      if (!picked) {
        if (status) status.textContent = t("select", "Select text in the transcript to code it.");
        return;
      }
      if (!option) { if (status) status.textContent = t("choose", "Choose a code first."); return; }
      window.localStorage.setItem("indsigt-code-" + study, option.dataset.code);
      if (button) button.disabled = true;
      status.textContent = t("coding", "Coding…");
      try {
        await post("/studies/" + study + "/codings", {
          document_id: documentId, start: picked.start, end: picked.end, code_id: Number(option.dataset.code),
        });
        status.textContent = t("saved", "Saved.");
        window.location.reload();
      } catch (error) {
        status.textContent = error.message;
        ready();
      }
    }

    function clear() {
      picked = null;
      if (highlights) highlights.delete("indsigt-pending");
      if (info) info.textContent = t("select", "Select text in the transcript to code it.");
      ready();
    }

    const picker = codePicker((option) => (option ? code(option) : clear()), () => ready());
    if (picker) {
      const remembered = window.localStorage.getItem("indsigt-code-" + study);
      if (remembered) picker.choose(remembered);
    }

    function show() {
      const span = selectionSpan(root);
      if (!span) {
        // A click in the transcript drops the selection; one elsewhere (the picker) keeps it.
        const selection = window.getSelection();
        if (picked && selection && selection.isCollapsed && selection.anchorNode && root.contains(selection.anchorNode)) clear();
        return;
      }
      picked = span;
      if (highlights) highlights.set("indsigt-pending", new Highlight(span.range));
      if (info) {
        const short = span.text.length > 140 ? span.text.slice(0, 140) + "…" : span.text;
        const noun = span.passages > 1 ? t("passages", "passages") : t("passage", "passage");
        info.textContent = t("selected", "Selected") + " (" + (span.end - span.start) + " "
          + t("characters", "characters") + ", " + span.passages + " " + noun + "): “" + short + "”";
      }
      ready();
    }

    let timer = null;
    document.addEventListener("selectionchange", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(show, 60);
    });

    if (button) button.addEventListener("click", () => code(picker ? picker.current() : null));

    // "c" in the transcript jumps to the picker (keyboard users, and right after a selection).
    document.addEventListener("keydown", (event) => {
      if (!picker || event.target.closest("input, textarea, select, button") || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "c") { picker.input.focus(); event.preventDefault(); }
    });

    // Chips: folded to dots and a count; a chip lights up the span it codes.
    const showAll = document.getElementById("show-chips");
    if (showAll) {
      showAll.checked = window.localStorage.getItem("indsigt-chips-open") === "1";
      root.classList.toggle("chips-open", showAll.checked);
      showAll.addEventListener("change", () => {
        root.classList.toggle("chips-open", showAll.checked);
        window.localStorage.setItem("indsigt-chips-open", showAll.checked ? "1" : "0");
      });
    }
    function light(id, on) {
      for (const mark of root.querySelectorAll("mark.seg")) {
        if (mark.dataset.codings.split(" ").includes(id)) mark.classList.toggle("lit", on);
      }
    }
    for (const chip of root.querySelectorAll(".chip[data-coding]")) {
      const on = () => light(chip.dataset.coding, true), off = () => light(chip.dataset.coding, false);
      chip.addEventListener("mouseenter", on); chip.addEventListener("mouseleave", off);
      chip.addEventListener("focus", on); chip.addEventListener("blur", off);
    }

    root.addEventListener("click", async (event) => {
      const toggle = event.target.closest(".chip-toggle");
      if (toggle) {
        const chips = toggle.closest(".chips");
        const open = !chips.classList.contains("open");
        chips.classList.toggle("open", open);
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        return;
      }
      const remove = event.target.closest(".remove");
      if (!remove) return;
      event.preventDefault();
      try {
        await post("/studies/" + study + "/codings/" + remove.dataset.coding + "/delete", {});
        window.location.reload();
      } catch (error) {
        if (status) status.textContent = error.message;
      }
    });
  }

  // -- suggestion queue: j/k move, a accept, r reject, u undo ---------------------------------
  function queuePage(queue) {
    const items = Array.from(document.querySelectorAll(".suggestion"));
    const left = document.getElementById("queue-left");
    let index = 0;

    function focus(next) {
      if (items.length === 0) return;
      index = Math.max(0, Math.min(items.length - 1, next));
      items.forEach((item, i) => item.classList.toggle("focus", i === index));
      items[index].scrollIntoView({ block: "nearest" });
    }

    function show(item, status, reviewer) {
      const decided = status !== "suggested";
      item.classList.toggle("done", decided);
      item.classList.toggle("accepted", status === "accepted");
      item.classList.toggle("rejected", status === "rejected");
      for (const b of item.querySelectorAll("button")) {
        b.hidden = b.classList.contains("undo") ? !decided : decided;
        b.disabled = false;
      }
      const state = item.querySelector(".state");
      if (state) {
        state.textContent = status === "accepted" ? "✓ " + t("accepted", "Accepted")
          : status === "rejected" ? "✗ " + t("rejected", "Rejected") : "";
        if (decided && reviewer) state.textContent += " " + t("by", "by") + " " + reviewer;
      }
    }

    function count(delta) {
      if (left) left.textContent = String(Math.max(0, Number(left.textContent) + delta));
    }

    async function decide(item, decision) {
      if (!item) return;
      const message = item.querySelector(".result");
      const base = "/studies/" + queue.dataset.study + "/queue/" + item.dataset.id;
      const undoing = decision === "undo";
      if (undoing !== item.classList.contains("done")) return;
      for (const b of item.querySelectorAll("button")) b.disabled = true;
      try {
        if (undoing) {
          await post(base + "/undo", {});
          show(item, "suggested");
          if (queue.contains(item)) count(1);
          message.textContent = t("undone", "Undone");
        } else {
          const result = await post(base, { decision });
          show(item, result.status, result.reviewed_by);
          count(-1);
          message.textContent = "";
          const next = items.findIndex((other, i) => i > index && !other.classList.contains("done"));
          if (next >= 0) focus(next);
        }
      } catch (error) {
        for (const b of item.querySelectorAll("button")) b.disabled = false;
        message.textContent = error.message;
      }
    }

    document.addEventListener("submit", (event) => {
      const item = event.target.closest(".suggestion");
      if (!item) return;
      event.preventDefault();
      index = items.indexOf(item);
      decide(item, event.submitter ? event.submitter.value : "accept");
    });

    document.addEventListener("keydown", (event) => {
      if (event.target.closest("input, textarea, select") || event.metaKey || event.ctrlKey || event.altKey) return;
      const key = event.key;
      if (key === "j" || key === "ArrowDown") { focus(index + 1); event.preventDefault(); }
      else if (key === "k" || key === "ArrowUp") { focus(index - 1); event.preventDefault(); }
      else if (queue.dataset.canReview !== "1") return;
      else if (key === "a") decide(items[index], "accept");
      else if (key === "r") decide(items[index], "reject");
      else if (key === "u") decide(items[index], "undo");
    });
    focus(0);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const panel = document.getElementById("coding-panel");
    if (panel) documentPage(panel);
    const queue = document.getElementById("queue");
    if (queue) queuePage(queue);
  });
})();
