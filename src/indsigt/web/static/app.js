// indsigt: small progressive enhancements. No third-party code; every request carries the
// CSRF token from <meta name="csrf-token">.
"use strict";

(function () {
  const csrf = () => document.querySelector('meta[name="csrf-token"]').content;
  // The interface's words in its language (the <script id="i18n"> block of base.html).
  const words = (() => {
    const block = document.getElementById("i18n");
    try { return block ? JSON.parse(block.textContent) : {}; } catch (e) { return {}; }
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

  // -- document view: select text → passages → add a coding --------------------------------
  function overlap(range, element) {
    const part = document.createRange();
    part.selectNodeContents(element);
    if (element.contains(range.startContainer)) part.setStart(range.startContainer, range.startOffset);
    if (element.contains(range.endContainer)) part.setEnd(range.endContainer, range.endOffset);
    return part.toString();
  }

  function selectedPassages(root) {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return [];
    const range = selection.getRangeAt(0);
    const found = [];
    for (const element of root.querySelectorAll(".passage")) {
      if (range.intersectsNode(element) && overlap(range, element).trim().length > 0) {
        found.push(element);
      }
    }
    return found;
  }

  function documentPage(panel) {
    const root = document.getElementById("transcript");
    const info = document.getElementById("selection-info");
    const button = document.getElementById("add-coding");
    const select = document.getElementById("code-select");
    const status = document.getElementById("coding-status");
    const study = panel.dataset.study;
    let picked = [];

    if (select) {
      const remembered = window.localStorage.getItem("indsigt-code-" + study);
      if (remembered && select.querySelector('option[value="' + remembered + '"]')) select.value = remembered;
      select.addEventListener("change", () => window.localStorage.setItem("indsigt-code-" + study, select.value));
    }

    function show() {
      for (const element of root.querySelectorAll(".passage.picked")) element.classList.remove("picked");
      picked = selectedPassages(root);
      if (!info) return;
      if (picked.length === 0) {
        info.textContent = t("select", "Select text in the transcript to code it.");
      } else {
        const text = picked.map((e) => e.textContent).join(" ");
        const short = text.length > 140 ? text.slice(0, 140) + "…" : text;
        const noun = picked.length > 1 ? t("passages", "passages") : t("passage", "passage");
        info.textContent = picked.length + " " + noun + ": “" + short + "”";
      }
      if (button) button.disabled = picked.length === 0 || !select || !select.value;
    }

    let timer = null;
    document.addEventListener("selectionchange", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(show, 60);
    });

    if (button) {
      button.addEventListener("click", async () => {
        const ids = picked.map((e) => Number(e.dataset.passage));
        if (ids.length === 0) return;
        button.disabled = true;
        status.textContent = t("saving", "Saving…");
        try {
          await post("/studies/" + study + "/codings", { passage_ids: ids, code_id: Number(select.value) });
          status.textContent = t("saved", "Saved.");
          window.location.reload();
        } catch (error) {
          status.textContent = error.message;
          button.disabled = false;
        }
      });
    }

    root.addEventListener("click", async (event) => {
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
