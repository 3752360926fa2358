// The demo page: sends the text to /extract and shows the response over the text.
// Every piece of the text is written with textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
// fields shown for a fact, in this order (its spans are shown over the text instead)
const FIELDS = ["type", "kind", "count", "modality", "source", "date", "location", "persons", "victims",
                "agent", "charge", "actor", "organization", "destination", "latest", "rule"];

document.addEventListener("DOMContentLoaded", () => {
  $("form").addEventListener("submit", (event) => { event.preventDefault(); send(); });
});

async function send() {
  const body = { text: $("text").value };
  if ($("reference-date").value) body.reference_date = $("reference-date").value;
  const headers = { "Content-Type": "application/json" };
  const key = $("api-key").value.trim();
  if (key) headers.Authorization = "Bearer " + key;
  $("send").disabled = true;
  showMessage("");
  try {
    const resp = await fetch("/extract", { method: "POST", headers, body: JSON.stringify(body) });
    const data = await resp.json().catch(() => null);
    if (!resp.ok) {
      $("result").hidden = true;
      showMessage(problemText(resp.status, data));
      return;
    }
    render(body.text, data);
  } catch (err) {
    showMessage("The service could not be reached: " + err.message);
  } finally {
    $("send").disabled = false;
  }
}

// An RFC 9457 problem as a sentence or two a person can act on.
function problemText(status, problem) {
  if (!problem || typeof problem !== "object") return `The service answered ${status}.`;
  let text = `${problem.title || "Error"} (${problem.status || status}): ${problem.detail || ""}`;
  if (status === 401) text += "\nEnter the service's API key above and send again.";
  for (const e of problem.errors || []) text += `\n• ${(e.loc || []).join(".")}: ${e.msg}`;
  return text;
}

function showMessage(text) {
  $("message").textContent = text;
  $("message").hidden = !text;
}

// The spans to draw: every evidence, trigger and count of each fact, the dates and the entities.
// Offsets are Python string indices, that is code points: the text is cut as an array of code points.
function spansOf(data) {
  const spans = [];
  data.facts.forEach((fact, i) => {
    const evidences = fact.evidences && fact.evidences.length ? fact.evidences : [fact.evidence];
    for (const ev of evidences) spans.push({ start: ev.start, end: ev.end, kind: "evidence", fact: i, type: fact.type });
    spans.push({ start: fact.trigger.start, end: fact.trigger.end, kind: "trigger", fact: i });
    if (fact.count && fact.count.start != null) spans.push({ start: fact.count.start, end: fact.count.end, kind: "count", fact: i });
  });
  for (const d of data.dates) spans.push({ start: d.start, end: d.end, kind: "date", title: `${d.text} → ${d.value}` });
  for (const e of data.entities) spans.push({ start: e.start, end: e.end, kind: "ent", label: e.label, title: `${e.label}${e.canonical ? " · " + e.canonical : ""}` });
  return spans.filter((s) => s.end > s.start);
}

function render(text, data) {
  const chars = Array.from(text);
  const spans = spansOf(data);
  const cuts = new Set([0, chars.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const bounds = [...cuts].filter((c) => c >= 0 && c <= chars.length).sort((a, b) => a - b);
  const out = $("annotated");
  out.replaceChildren();
  // the text cut at every span's ends: each piece is covered by the same spans from end to end
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [a, b] = [bounds[k], bounds[k + 1]];
    const piece = chars.slice(a, b).join("");
    const over = spans.filter((s) => s.start <= a && s.end >= b);
    if (!over.length) { out.append(piece); continue; }
    const seg = document.createElement("span");
    seg.className = "seg";
    seg.textContent = piece;
    seg.dataset.start = a;
    seg.dataset.end = b;
    const facts = [...new Set(over.filter((s) => s.kind === "evidence").map((s) => s.fact))];
    if (facts.length) {
      seg.dataset.facts = facts.join(" ");
      seg.classList.add("fact-" + data.facts[facts[0]].type);
    }
    const marks = (kind) => [...new Set(over.filter((s) => s.kind === kind).map((s) => s.fact))];
    if (marks("trigger").length) { seg.classList.add("trigger"); seg.dataset.trigger = marks("trigger").join(" "); }
    if (marks("count").length) { seg.classList.add("count"); seg.dataset.count = marks("count").join(" "); }
    const titles = [];
    for (const s of over) {
      if (s.kind === "date") { seg.classList.add("date"); titles.push("date: " + s.title); }
      if (s.kind === "ent") { seg.classList.add("ent", "ent-" + s.label); titles.push("entity: " + s.title); }
    }
    if (titles.length) seg.title = titles.join("\n");
    if (facts.length) {
      seg.addEventListener("mouseenter", () => select(data, facts[0]));
      seg.addEventListener("click", () => select(data, facts[0]));
    }
    out.append(seg);
  }
  const list = $("facts");
  list.replaceChildren();
  data.facts.forEach((fact, i) => {
    const li = document.createElement("li");
    li.dataset.fact = i;
    li.textContent = summary(fact);
    li.addEventListener("mouseenter", () => select(data, i));
    li.addEventListener("click", () => select(data, i));
    list.append(li);
  });
  $("fact-count").textContent = `(${data.facts.length})`;
  $("details").replaceChildren(hint(data.facts.length ? "Hover over or click a highlighted passage or a fact."
                                                      : "No fact in this text."));
  $("raw").textContent = JSON.stringify(data, null, 2);
  $("result").hidden = false;
}

function summary(fact) {
  const count = fact.count ? ` · ${countText(fact.count)}` : "";
  const kind = fact.kind ? ` (${fact.kind})` : "";
  return `${fact.type}${kind}${count} · ${fact.modality} — “${fact.trigger.text}”`;
}

function countText(c) {
  const range = c.min != null || c.max != null ? ` [${c.min ?? "?"}–${c.max ?? "?"}]` : "";
  return `${c.value} (${c.qualifier})${range}${c.text ? ` “${c.text}”` : ""}`;
}

function hint(text) {
  const dd = document.createElement("dd");
  dd.className = "hint";
  dd.textContent = text;
  return dd;
}

function select(data, i) {
  const fact = data.facts[i];
  const dl = $("details");
  dl.replaceChildren();
  dl.dataset.fact = i;
  for (const name of FIELDS) {
    const value = fact[name];
    if (value == null || (Array.isArray(value) && !value.length)) continue;
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.dataset.field = name;
    dd.textContent = name === "count" ? countText(value) : Array.isArray(value) ? value.join(", ") : String(value);
    dl.append(dt, dd);
  }
  for (const el of document.querySelectorAll(".seg.active, #facts li.active")) el.classList.remove("active");
  for (const el of document.querySelectorAll("#annotated .seg[data-facts]")) {
    if (el.dataset.facts.split(" ").includes(String(i))) el.classList.add("active");
  }
  $("facts").children[i].classList.add("active");
}
