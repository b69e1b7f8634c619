// indsigt: the progress of background jobs. Every element .job-progress[data-active="1"]
// asks its job's JSON (data-poll) about once a second and shows done / total, the status and
// the message; when the job has ended the page is loaded again to show the result.
"use strict";

(function () {
  let reloading = false;

  function follow(box) {
    const bar = box.querySelector("progress");
    const status = box.querySelector(".job-status");
    const count = box.querySelector(".job-count");
    const message = box.querySelector(".job-message");

    async function tick() {
      try {
        const response = await fetch(box.dataset.poll, {
          headers: { "Accept": "application/json" },
          credentials: "same-origin",
        });
        if (response.ok) {
          const job = await response.json();
          if (job.total) {
            bar.max = job.total;
            bar.value = job.done;
            count.textContent = job.done + " / " + job.total;
          }
          status.textContent = job.status_name;
          message.textContent = job.message || "";
          if (!job.active) {
            box.dataset.active = "0";
            if (!reloading) {
              reloading = true;
              window.location.reload();
            }
            return;
          }
        }
      } catch (error) {
        /* the server may be restarting: try again */
      }
      window.setTimeout(tick, 1000);
    }
    window.setTimeout(tick, 1000);
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const box of document.querySelectorAll('.job-progress[data-active="1"]')) follow(box);
  });
})();
