// The page's only script: drag-and-drop upload with progress, status polling, findings filter, print.
// Vanilla JS, served locally; every text comes from data-* attributes written by the server (Thai or English).
"use strict";

function setupUpload() {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const input = document.getElementById("file-input");
  const zone = document.getElementById("drop-zone");
  const chosen = document.getElementById("chosen-file");
  const errorBox = document.getElementById("upload-error");
  const bar = document.getElementById("upload-progress");
  const submit = document.getElementById("upload-submit");
  const maxBytes = Number(form.dataset.maxBytes);

  const showError = (text) => {
    errorBox.textContent = text;
    errorBox.classList.toggle("hidden", !text);
    const old = document.getElementById("error-message");
    if (old) old.remove();
  };
  const showChosen = () => { chosen.textContent = input.files.length ? input.files[0].name : ""; showError(""); };

  input.addEventListener("change", showChosen);
  ["dragenter", "dragover"].forEach((ev) => zone.addEventListener(ev, (e) => {
    e.preventDefault(); zone.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((ev) => zone.addEventListener(ev, (e) => {
    e.preventDefault(); zone.classList.remove("over");
  }));
  zone.addEventListener("drop", (e) => {
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      showChosen();
    }
  });

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const file = input.files[0];
    if (!file) { showError(form.dataset.none); return; }
    if (file.size > maxBytes) { showError(form.dataset.tooLarge); return; }
    const data = new FormData();
    data.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Requested-With", "fetch");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", (ev) => {
      if (ev.lengthComputable) bar.value = Math.round((100 * ev.loaded) / ev.total);
    });
    xhr.addEventListener("load", () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (_) { /* not JSON: a proxy's page */ }
      if (xhr.status === 202 && body.result_url) { window.location.assign(body.result_url); return; }
      bar.classList.add("hidden"); submit.disabled = false;
      showError(body.error || ("HTTP " + xhr.status));
    });
    xhr.addEventListener("error", () => {
      bar.classList.add("hidden"); submit.disabled = false;
      showError(form.dataset.tooLarge);  // the server closes the connection on an oversized body
    });
    bar.classList.remove("hidden"); bar.value = 0; submit.disabled = true;
    submit.textContent = form.dataset.sending;
    xhr.send(data);
  });
}

function setupProgress() {
  const box = document.getElementById("progress");
  if (!box) return;
  const state = document.getElementById("job-state");
  const elapsed = document.getElementById("job-elapsed");
  const poll = () => {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, cache: "no-store" })
      .then((r) => r.json())
      .then((s) => {
        const label = box.dataset["state" + s.state.charAt(0).toUpperCase() + s.state.slice(1)];
        if (label) state.textContent = label;
        if (typeof s.elapsed === "number") elapsed.textContent = box.dataset.elapsed.replace("{s}", Math.round(s.elapsed));
        if (s.state === "done" || s.state === "failed") { window.location.replace(box.dataset.resultUrl); return; }
        setTimeout(poll, 1000);
      })
      .catch(() => setTimeout(poll, 3000));
  };
  poll();
}

function setupFilters() {
  const form = document.getElementById("finding-filters");
  if (!form) return;
  const sev = document.getElementById("filter-severity");
  const rule = document.getElementById("filter-rule");
  const count = document.getElementById("filter-count");
  const apply = () => {
    const ok = (el) => (!sev.value || el.dataset.severity === sev.value) && (!rule.value || el.dataset.rule === rule.value);
    let shown = 0, total = 0;
    document.querySelectorAll(".finding-item").forEach((li) => {
      const visible = ok(li); li.hidden = !visible; total += 1; if (visible) shown += 1;
    });
    document.querySelectorAll("mark.finding, .note").forEach((el) => el.classList.toggle("muted", !ok(el)));
    count.textContent = count.dataset.template.replace("{n}", shown).replace("{total}", total);
    const url = new URL(window.location.href);
    ["severity", "rule"].forEach((k) => {
      const v = k === "severity" ? sev.value : rule.value;
      if (v) url.searchParams.set(k, v); else url.searchParams.delete(k);
    });
    window.history.replaceState(null, "", url);
  };
  sev.addEventListener("change", apply);
  rule.addEventListener("change", apply);
  form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
}

function setupPrint() {
  document.querySelectorAll("[data-action=print]").forEach((b) => b.addEventListener("click", () => window.print()));
}

document.addEventListener("DOMContentLoaded", () => {
  setupUpload(); setupProgress(); setupFilters(); setupPrint();
});
