// dlexam practice: progress kept in this browser (localStorage), nothing sent anywhere.
// A checked page carries its results in #dl-records; the progress page reads them back.
"use strict";
const STORE = "dlexam-progress";
const LIMIT = 5000;

function load() {
  try { return JSON.parse(localStorage.getItem(STORE) || "[]"); } catch (e) { return []; }
}

function save(records) {
  localStorage.setItem(STORE, JSON.stringify(records.slice(-LIMIT)));
}

function remember() {
  const holder = document.getElementById("dl-records");
  if (!holder) return;
  const fresh = JSON.parse(holder.dataset.records || "[]");
  if (!fresh.length) return;
  const when = new Date().toISOString();
  save(load().concat(fresh.map((r) => Object.assign({ when: when }, r))));
}

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text;
  row.appendChild(td);
  return td;
}

function byTopic(records) {
  const topics = new Map();
  for (const r of records) {
    for (const t of r.topics.length ? r.topics : ["(none)"]) {
      const s = topics.get(t) || { parts: 0, points: 0, max: 0 };
      s.parts += 1; s.points += r.points; s.max += r.max;
      topics.set(t, s);
    }
  }
  return [...topics.entries()].sort();
}

const COLUMNS = ["when", "link", "family", "topics", "label", "status", "points", "max"];

function csv(records) {
  const quote = (v) => '"' + String(v).replace(/"/g, '""') + '"';
  const rows = records.map((r) => COLUMNS.map((c) => quote(c === "topics" ? r.topics.join(" ") : r[c])).join(","));
  return [COLUMNS.join(",")].concat(rows).join("\r\n") + "\r\n";
}

function showProgress() {
  const table = document.getElementById("by-topic");
  if (!table) return;
  const records = load();
  document.getElementById("empty").hidden = records.length > 0;
  const topicBody = table.querySelector("tbody");
  topicBody.replaceChildren();
  for (const [topic, s] of byTopic(records)) {
    const row = topicBody.insertRow();
    cell(row, topic); cell(row, s.parts); cell(row, `${+s.points.toFixed(2)} / ${+s.max.toFixed(2)}`);
    cell(row, s.max ? `${Math.round(100 * s.points / s.max)} %` : "");
  }
  const historyBody = document.querySelector("#history tbody");
  historyBody.replaceChildren();
  for (const r of records.slice().reverse()) {
    const row = historyBody.insertRow();
    cell(row, r.when.replace("T", " ").slice(0, 16));
    const link = document.createElement("a");
    link.href = r.link; link.textContent = r.family;
    cell(row, "").appendChild(link);
    cell(row, r.label); cell(row, r.status); cell(row, `${r.points} / ${r.max}`);
  }
  document.getElementById("export").onclick = () => {
    const blob = new Blob([csv(records)], { type: "text/csv" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "dlexam-progress.csv";
    a.click();
    URL.revokeObjectURL(a.href);
  };
  document.getElementById("clear").onclick = () => {
    if (confirm("Forget every result kept in this browser?")) { localStorage.removeItem(STORE); showProgress(); }
  };
}

document.addEventListener("DOMContentLoaded", () => { remember(); showProgress(); });
