// ally serve: the page's script. Plain JavaScript, no framework, no build
// step, no external requests. Document text is only ever put into the page
// with textContent (never innerHTML), so pasted markup is shown, not run.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);

  const els = {
    form: $("check-form"),
    text: $("doc-text"),
    format: $("doc-format"),
    profile: $("doc-profile"),
    detected: $("detected-profile"),
    file: $("doc-file"),
    fileName: $("file-name"),
    drop: $("drop-zone"),
    check: $("check-button"),
    sample: $("sample-button"),
    status: $("status"),
    error: $("error"),
    resultsHeading: $("results-heading"),
    readonlyNote: $("readonly-note"),
    readonlyKind: $("readonly-kind"),
    undo: $("undo-button"),
    fixAll: $("fix-all-button"),
    copy: $("copy-button"),
    downloadText: $("download-text-button"),
    downloadDiff: $("download-diff-button"),
    docView: $("doc-view"),
    scorecard: $("scorecard-body"),
    list: $("findings-list"),
    count: $("findings-count"),
    popover: $("popover"),
    popoverBody: $("popover-body"),
    popoverClose: $("popover-close"),
  };

  const SAMPLE = [
    "# Shift lead",
    "",
    "We're a young, fast-moving team looking for a rockstar shift lead to keep our kitchen running.",
    "",
    "## What you'll do",
    "",
    "- Act as chairman of the weekly safety meeting",
    "- Man the front counter during the lunch rush",
    "- Click here to see the full list of duties",
    "",
    "## About you",
    "",
    "- 15 years of experience in a busy kitchen",
    "- A native English speaker who is aggressive about hitting targets",
    "- In order to apply, send your CV",
    "",
  ].join("\n");

  // Category families: the first part of a finding's category.
  const FAMILIES = {
    "exclusionary": { label: "Exclusionary", badge: "E", line: "solid underline" },
    "gender-coded": { label: "Gender-coded", badge: "G", line: "dashed underline" },
    "accessibility": { label: "Accessibility", badge: "A", line: "dotted underline" },
    "plain-language": { label: "Plain language", badge: "P", line: "double underline" },
    "job-post": { label: "Job post", badge: "J", line: "wavy underline" },
  };
  const PROFILE_NAMES = { "job-post": "job post", "policy": "policy", "general": "general document" };
  const FORMAT_EXT = { markdown: ".md", text: ".txt", html: ".html" };
  const CHECKLIST = [
    ["pay-range", "Pay range"],
    ["eeo-statement", "Equal-opportunity statement"],
    ["accommodation-statement", "Accommodation statement"],
  ];

  const state = {
    original: null,     // the text as first checked (what the diff compares against)
    current: null,      // the text the results are for
    format: "markdown",
    baseName: "document",
    editable: true,     // false while the text is extracted from a PDF or DOCX
    sourceKind: null,   // "pdf" or "docx" for an extracted text
    findings: [],
    metrics: null,
    undo: [],           // earlier texts, newest last
    rules: new Map(),
    busy: false,
    popoverFor: null,   // the element the popover describes
    returnFocus: null,  // where focus goes when the popover closes
    hideTimer: 0,
  };

  // ---- helpers -------------------------------------------------------

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === "class") el.className = v;
        else if (k === "text") el.textContent = v;
        else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? "" : String(v));
      }
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function family(category) {
    const f = String(category || "").split(".")[0];
    return FAMILIES[f] ? f : "other";
  }
  function familyLabel(f) { return FAMILIES[f] ? FAMILIES[f].label : "Other"; }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : (many || one + "s")); }

  // byteIndex maps each UTF-8 byte offset of text that starts a character
  // (and the end) to the JavaScript string index, using TextEncoder for the
  // byte lengths. Offsets inside a character map to the character's start.
  function byteIndex(text) {
    const enc = new TextEncoder();
    const total = enc.encode(text).length;
    const map = new Int32Array(total + 1);
    let b = 0;
    let i = 0;
    for (const ch of text) {
      const n = enc.encode(ch).length;
      for (let k = 0; k < n; k++) map[b + k] = i;
      b += n;
      i += ch.length;
    }
    map[total] = text.length;
    return { map, total, at(off) { return off >= 0 && off <= total ? map[off] : -1; } };
  }

  function setBusy(on) {
    state.busy = on;
    els.check.disabled = on;
    els.form.setAttribute("aria-busy", on ? "true" : "false");
    updateButtons();
  }

  function showError(msg) {
    if (msg) {
      els.error.textContent = msg;
      els.error.hidden = false;
    } else {
      els.error.textContent = "";
      els.error.hidden = true;
    }
  }

  function announce(msg) {
    // Clear first so the same message is announced again.
    els.status.textContent = "";
    window.setTimeout(() => { els.status.textContent = msg; }, 30);
  }

  async function api(path, body) {
    const opts = { method: body === undefined ? "GET" : "POST", headers: { "Accept": "application/json" } };
    if (body instanceof FormData) {
      opts.body = body;
    } else if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    const res = await fetch(path, opts);
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (!res.ok) {
      const msg = data && (data.error || data.message);
      throw new Error(msg ? String(msg) : "The server answered " + res.status + " " + res.statusText + ".");
    }
    if (data === null) throw new Error("The server's answer could not be read.");
    return data;
  }

  function currentFilename() {
    return state.baseName + (FORMAT_EXT[state.format] || ".txt");
  }

  // ---- rules (for "why") ---------------------------------------------

  async function loadRules() {
    try {
      const data = await api("/api/rules");
      for (const r of data.rules || []) state.rules.set(r.id, r);
    } catch (e) {
      // The page still works without explanations.
    }
  }

  // ---- checking --------------------------------------------------------

  async function lintText(text) {
    setBusy(true);
    showError("");
    try {
      const data = await api("/api/lint", {
        text,
        filename: currentFilename(),
        format: state.format,
        profile: els.profile.value,
      });
      render(data, text);
      return true;
    } catch (e) {
      showError("The check failed: " + e.message);
      announce("The check failed.");
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function lintFile(file) {
    setBusy(true);
    showError("");
    const fd = new FormData();
    fd.append("file", file, file.name);
    fd.append("profile", els.profile.value);
    try {
      const data = await api("/api/lint", fd);
      const f = fileOf(data);
      const text = typeof data.text === "string" ? data.text : "";
      state.baseName = file.name.replace(/\.[^.]*$/, "") || "document";
      state.original = text;
      state.undo = [];
      if (data.editable === false) {
        state.editable = false;
        state.sourceKind = (f.format || "").toUpperCase() || "file";
        state.format = "text";
        els.format.value = "text";
      } else {
        state.editable = true;
        state.sourceKind = null;
        if (f.format && FORMAT_EXT[f.format]) {
          state.format = f.format;
          els.format.value = f.format;
        }
      }
      els.text.value = text;
      els.fileName.textContent = "Opened " + file.name + ".";
      render(data, text);
    } catch (e) {
      showError("Could not check " + file.name + ": " + e.message);
      announce("The check failed.");
    } finally {
      setBusy(false);
    }
  }

  function fileOf(data) {
    if (data && Array.isArray(data.files)) return data.files[0] || {};
    return data || {};
  }

  function render(data, text) {
    const f = fileOf(data);
    if (f.error) showError("The document could not be read: " + f.error);
    state.current = text;
    state.findings = Array.isArray(f.findings) ? f.findings : [];
    state.metrics = f.metrics || {};
    state.profile = f.profile || data.profile || "";
    hidePopover(false);

    els.detected.textContent = state.profile
      ? "Checked as: " + (PROFILE_NAMES[state.profile] || state.profile) +
        (els.profile.value === "auto" ? " (detected)" : "")
      : "Not checked yet.";

    els.readonlyNote.hidden = state.sourceKind === null;
    els.readonlyKind.textContent = state.sourceKind ? state.sourceKind + " file" : "file";

    renderDocument(text, state.findings);
    renderList(state.findings);
    renderScorecard(state.findings, state.metrics, state.profile);
    updateButtons();

    const n = state.findings.length;
    announce(n === 0 ? "No problems found." : plural(n, "problem") + " found.");
    // How many checks have been shown: lets tests wait for a result.
    state.checks = (state.checks || 0) + 1;
    document.body.dataset.checks = String(state.checks);
  }

  // ---- the document with highlights ------------------------------------

  // positioned returns the findings that have a range inside text, with
  // string indices, in document order.
  function positioned(text, findings) {
    const idx = byteIndex(text);
    const out = [];
    findings.forEach((f, i) => {
      if (!f.start || !f.end) return;
      const s = idx.at(f.start.offset);
      const e = idx.at(f.end.offset);
      if (s < 0 || e < 0 || e <= s) return;
      out.push({ f, i, s, e });
    });
    return out;
  }

  function renderDocument(text, findings) {
    const view = els.docView;
    view.replaceChildren();
    view.dataset.state = "checked";
    if (text.length === 0) {
      view.append(h("p", { class: "placeholder", text: "The document is empty." }));
      return;
    }
    const spans = positioned(text, findings);
    // Cut the text at every start and end; each piece is covered by some
    // findings, and belongs to the innermost one (the shortest range).
    const cuts = new Set([0, text.length]);
    for (const sp of spans) { cuts.add(sp.s); cuts.add(sp.e); }
    const points = [...cuts].sort((a, b) => a - b);
    const started = new Set();
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k];
      const b = points[k + 1];
      const piece = text.slice(a, b);
      const covering = spans.filter((sp) => sp.s <= a && sp.e >= b);
      if (covering.length === 0) {
        view.append(document.createTextNode(piece));
        continue;
      }
      covering.sort((x, y) => (x.e - x.s) - (y.e - y.s) || x.i - y.i);
      const owner = covering[0];
      const fam = family(owner.f.category);
      const first = !started.has(owner.i);
      started.add(owner.i);
      const others = covering.slice(1).map((c) => c.f.rule);
      const label = describeHighlight(owner.f, covering.length);
      const mark = h("mark", {
        class: "hl cat-" + fam + (first ? "" : " continued"),
        "data-rule": owner.f.rule,
        "data-index": owner.i,
        "data-indexes": covering.map((c) => c.i).join(" "),
        "data-category": owner.f.category,
        "data-severity": owner.f.severity,
        "data-also": others.length ? others.join(" ") : null,
        role: "button",
        tabindex: first ? "0" : "-1",
        "aria-label": label,
        "aria-haspopup": "dialog",
        "aria-expanded": "false",
      });
      mark.textContent = piece;
      view.append(mark);
    }
  }

  function describeHighlight(f, n) {
    const fam = familyLabel(family(f.category));
    let s = "“" + f.match + "”: " + fam + ", " + f.severity + ". " + f.message;
    if (n > 1) s += " (" + plural(n - 1, "more problem") + " here)";
    return s;
  }

  // ---- the list of findings ----------------------------------------------

  function renderList(findings) {
    els.list.replaceChildren();
    els.count.textContent = "(" + findings.length + ")";
    if (findings.length === 0) {
      els.list.append(h("li", { class: "placeholder", text: "No problems found. Well done." }));
      return;
    }
    const doc = [];
    const placed = [];
    findings.forEach((f, i) => (f.start ? placed : doc).push(i));
    placed.sort((a, b) => findings[a].start.offset - findings[b].start.offset || a - b);
    if (doc.length) {
      els.list.append(h("li", { class: "group-label", text: "The document as a whole" }));
      for (const i of doc) els.list.append(listItem(findings[i], i));
    }
    if (placed.length) {
      els.list.append(h("li", { class: "group-label", text: "In the text, from the top" }));
      for (const i of placed) els.list.append(listItem(findings[i], i));
    }
  }

  function listItem(f, i) {
    const fam = family(f.category);
    const where = f.start
      ? "Line " + f.start.line + ", column " + f.start.column
      : "Whole document";
    const btn = h("button", {
      type: "button",
      class: "finding-item cat-" + fam,
      "data-rule": f.rule,
      "data-index": i,
      "data-category": f.category,
      "aria-haspopup": "dialog",
      "aria-expanded": "false",
    },
      h("span", { class: "cat-chip cat-" + fam, "aria-hidden": "true", text: FAMILIES[fam] ? FAMILIES[fam].badge : "?" }),
      h("span", { class: "where" }, familyLabel(fam) + " · " + f.severity + " · " + where),
      h("span", { class: "what" },
        f.match ? h("span", { class: "match", text: f.match }) : null,
        f.match ? " — " : null,
        f.message),
    );
    return h("li", null, btn);
  }

  // ---- score card ------------------------------------------------------------

  function renderScorecard(findings, m, profile) {
    const body = els.scorecard;
    body.replaceChildren();
    m = m || {};

    const total = h("div", { class: "score-row", id: "score-total" },
      h("h4", { text: "Problems" }),
      h("p", null, h("span", { class: "score-big", id: "score-problem-count", text: String(findings.length) }),
        " " + (findings.length === 1 ? "problem" : "problems") + " found"));
    body.append(total);

    const grade = m.readability ? Number(m.readability.flesch_kincaid_grade) : NaN;
    body.append(h("div", { class: "score-row", id: "score-grade" },
      h("h4", { text: "Reading grade" }),
      h("p", null,
        h("span", { class: "score-big", text: isFinite(grade) ? grade.toFixed(1) : "—" }),
        " " + gradeWords(grade) +
        (typeof m.words === "number" ? " · " + plural(m.words, "word") : ""))));

    const g = m.gender_coding;
    const gRow = h("div", { class: "score-row", id: "score-gender" }, h("h4", { text: "Gender coding" }));
    if (g) {
      const masc = Number(g.masculine) || 0;
      const fem = Number(g.feminine) || 0;
      const sum = masc + fem;
      const meter = h("div", { class: "gender-meter", "aria-hidden": "true" });
      if (sum === 0) {
        meter.append(h("span", { class: "none" }));
      } else {
        const ms = h("span", { class: "masc" });
        const fs = h("span", { class: "fem" });
        ms.style.width = (100 * masc / sum) + "%";
        fs.style.width = (100 * fem / sum) + "%";
        meter.append(ms, fs);
      }
      gRow.append(
        h("p", { id: "gender-verdict" }, h("strong", { text: capitalise(g.verdict || "neutral") })),
        h("div", { class: "meter-labels", "aria-hidden": "true" },
          h("span", { text: "Masculine" }), h("span", { text: "Feminine" })),
        meter,
        h("p", { id: "gender-counts" },
          plural(masc, "masculine-coded word") + ", " + plural(fem, "feminine-coded word") +
          (g.masculine_words && g.masculine_words.length ? " (masculine: " + g.masculine_words.join(", ") + ")" : "") +
          (g.feminine_words && g.feminine_words.length ? " (feminine: " + g.feminine_words.join(", ") + ")" : "") + "."),
      );
    } else {
      gRow.append(h("p", { text: "Counted for job posts only." }));
    }
    body.append(gRow);

    const c = m.checklist || {};
    const cRow = h("div", { class: "score-row", id: "score-checklist" }, h("h4", { text: "Job post checklist" }));
    if (Object.keys(c).length) {
      const ul = h("ul", { class: "checklist" });
      for (const [key, name] of CHECKLIST) {
        if (!(key in c)) continue;
        const ok = c[key] === true;
        ul.append(h("li", { "data-check": key, "data-ok": ok ? "true" : "false" },
          h("span", { class: ok ? "mark-yes" : "mark-no", "aria-hidden": "true", text: ok ? "✓" : "✗" }),
          h("span", null, name + ": " + (ok ? "included" : "missing"))));
      }
      cRow.append(ul);
    } else {
      cRow.append(h("p", { text: profile === "job-post" ? "No checks ran." : "Applies to job posts only." }));
    }
    body.append(cRow);

    const counts = new Map();
    for (const f of findings) {
      const fam = family(f.category);
      counts.set(fam, (counts.get(fam) || 0) + 1);
    }
    const catRow = h("div", { class: "score-row", id: "score-categories" }, h("h4", { text: "Problems by kind" }));
    const ul = h("ul", { class: "category-counts" });
    for (const fam of [...Object.keys(FAMILIES), "other"]) {
      const n = counts.get(fam) || 0;
      if (fam === "other" && n === 0) continue;
      ul.append(h("li", { "data-category": fam },
        h("span", null,
          h("span", { class: "cat-chip cat-" + fam, "aria-hidden": "true", text: FAMILIES[fam] ? FAMILIES[fam].badge : "?" }),
          familyLabel(fam)),
        h("span", { class: "n", text: String(n) })));
    }
    catRow.append(ul);
    body.append(catRow);
  }

  function gradeWords(g) {
    if (!isFinite(g) || g === 0) return "(no sentences to measure)";
    if (g <= 8) return "(easy to read)";
    if (g <= 12) return "(fairly hard; aim for 8 or lower)";
    return "(hard to read; aim for 8 or lower)";
  }

  function capitalise(s) { return s ? s.charAt(0).toUpperCase() + s.slice(1) : s; }

  // ---- popover -------------------------------------------------------------

  function indexesOf(el) {
    const list = el.dataset.indexes || el.dataset.index || "";
    return list.split(" ").filter(Boolean).map(Number).filter((i) => state.findings[i]);
  }

  function showPopover(anchor, focusInside) {
    window.clearTimeout(state.hideTimer);
    const idxs = indexesOf(anchor);
    if (!idxs.length) return;
    if (state.popoverFor && state.popoverFor !== anchor) setExpanded(state.popoverFor, false);
    state.popoverFor = anchor;
    setExpanded(anchor, true);

    const body = els.popoverBody;
    body.replaceChildren();
    idxs.forEach((i, n) => body.append(popoverEntry(state.findings[i], i, n === 0)));

    const pop = els.popover;
    pop.hidden = false;
    placePopover(anchor);
    if (focusInside) {
      state.returnFocus = anchor;
      const first = pop.querySelector("button.suggestion") || els.popoverClose;
      first.focus();
    }
  }

  function popoverEntry(f, i, first) {
    const fam = family(f.category);
    const rule = state.rules.get(f.rule);
    const entry = h("div", { class: "entry", "data-rule": f.rule });
    entry.append(
      h("h4", { id: first ? "popover-title" : null, text: f.message }),
      h("p", { class: "meta" },
        h("span", { class: "cat-chip cat-" + fam, "aria-hidden": "true", text: FAMILIES[fam] ? FAMILIES[fam].badge : "?" }),
        familyLabel(fam) + " (" + f.category + ") · " + f.severity +
        (f.start ? " · line " + f.start.line : " · whole document") + " · rule " + f.rule),
    );
    if (rule && rule.why) entry.append(h("p", { class: "why" }, h("strong", { text: "Why: " }), rule.why));
    const sugg = Array.isArray(f.suggestions) ? f.suggestions : [];
    if (sugg.length && f.start) {
      entry.append(h("p", { class: "meta", text: "Replace “" + f.match + "” with:" }));
      const row = h("div", { class: "suggestions", role: "group", "aria-label": "Suggestions" });
      sugg.forEach((s, k) => {
        row.append(h("button", {
          type: "button",
          class: "suggestion",
          "data-index": i,
          "data-suggestion": k,
          "aria-label": "Replace “" + f.match + "” with “" + s + "”",
          onclick: () => applySuggestion(i, k),
        }, s));
      });
      entry.append(row);
      if (!state.editable || state.sourceKind) {
        entry.append(h("p", { class: "meta", text: "This changes the copy of the extracted text; the original file is not changed." }));
      }
    } else if (sugg.length) {
      entry.append(h("p", { class: "meta", text: "Try: " + sugg.join(", ") }));
    } else {
      entry.append(h("p", { class: "meta", text: f.start ? "No ready-made replacement: reword this part yourself." : "Add this to the document yourself." }));
    }
    return entry;
  }

  function placePopover(anchor) {
    const pop = els.popover;
    const r = anchor.getBoundingClientRect();
    const w = pop.offsetWidth;
    const sx = window.scrollX;
    const sy = window.scrollY;
    let left = r.left + sx;
    const maxLeft = sx + document.documentElement.clientWidth - w - 8;
    if (left > maxLeft) left = maxLeft;
    if (left < sx + 8) left = sx + 8;
    let top = r.bottom + sy + 6;
    const ph = pop.offsetHeight;
    if (r.bottom + ph + 6 > window.innerHeight && r.top - ph - 6 > 0) top = r.top + sy - ph - 6;
    pop.style.left = left + "px";
    pop.style.top = top + "px";
  }

  function setExpanded(el, on) {
    if (!el || !el.isConnected) return;
    el.setAttribute("aria-expanded", on ? "true" : "false");
    el.classList.toggle("active", on && el.classList.contains("hl"));
  }

  // hidePopover hides the popover. Focus returns to the finding it was
  // opened from when it was inside the popover, unless keepFocus (the
  // caller moves focus itself, after re-checking).
  function hidePopover(keepFocus) {
    window.clearTimeout(state.hideTimer);
    if (els.popover.hidden) return;
    const focusWasInside = els.popover.contains(document.activeElement);
    els.popover.hidden = true;
    setExpanded(state.popoverFor, false);
    const back = state.returnFocus || state.popoverFor;
    state.popoverFor = null;
    state.returnFocus = null;
    if (focusWasInside && !keepFocus && back && back.isConnected) focusQuietly(back);
  }

  // focusQuietly moves focus without the preview that focusing a finding
  // shows.
  function focusQuietly(el) {
    state.quietFocus = true;
    try { el.focus(); } finally { state.quietFocus = false; }
  }

  function scheduleHide() {
    window.clearTimeout(state.hideTimer);
    state.hideTimer = window.setTimeout(() => {
      if (els.popover.contains(document.activeElement)) return;
      if (els.popover.matches(":hover")) return;
      if (state.popoverFor && (state.popoverFor === document.activeElement || state.popoverFor.matches(":hover"))) return;
      hidePopover(false);
    }, 300);
  }

  function anchorOf(target) {
    if (!(target instanceof Element)) return null;
    return target.closest(".hl[data-index], .finding-item[data-index]");
  }

  // ---- editing ---------------------------------------------------------------

  function pushUndo(text) {
    state.undo.push(text);
    if (state.undo.length > 100) state.undo.shift();
  }

  async function setText(text, message) {
    els.text.value = text;
    const ok = await lintText(text);
    if (ok && message) announceAfter(message);
    return ok;
  }

  function announceAfter(message) {
    const n = state.findings.length;
    announce(message + " " + (n === 0 ? "No problems found." : plural(n, "problem") + " found."));
  }

  async function applySuggestion(i, k) {
    const f = state.findings[i];
    if (!f || !f.start || state.busy) return;
    const text = state.current;
    const idx = byteIndex(text);
    const replacement = f.suggestions[k];
    let s = idx.at(f.start.offset);
    let e = idx.at(f.end.offset);
    let rep = replacement;
    // The first suggestion may come with a fix that also corrects "a"/"an".
    if (k === 0 && f.fix && f.fix.replacement !== undefined) {
      const fs = idx.at(f.fix.start);
      const fe = idx.at(f.fix.end);
      if (fs >= 0 && fe >= fs) { s = fs; e = fe; rep = f.fix.replacement; }
    }
    if (s < 0 || e < s) return;
    const anchorIndex = listPosition(i);
    const next = text.slice(0, s) + rep + text.slice(e);
    if (!state.editable) {
      state.editable = true; // from now on the extracted copy is edited
    }
    pushUndo(text);
    hidePopover(true);
    await setText(next, "Replaced “" + f.match + "” with “" + replacement + "”.");
    focusAfterEdit(anchorIndex);
  }

  function listPosition(i) {
    const items = [...els.list.querySelectorAll(".finding-item")];
    return items.findIndex((b) => Number(b.dataset.index) === i);
  }

  function focusAfterEdit(pos) {
    const items = els.list.querySelectorAll(".finding-item");
    if (items.length && pos >= 0) {
      focusQuietly(items[Math.min(pos, items.length - 1)]);
    } else {
      els.resultsHeading.focus();
    }
  }

  async function undo() {
    if (!state.undo.length || state.busy) return;
    const prev = state.undo.pop();
    hidePopover(false);
    await setText(prev, "Undone.");
    els.undo.focus();
    if (els.undo.disabled) els.resultsHeading.focus();
  }

  async function fixAll() {
    if (state.current === null || state.busy) return;
    setBusy(true);
    showError("");
    let data;
    try {
      data = await api("/api/fix", {
        text: state.current,
        filename: currentFilename(),
        profile: els.profile.value,
        unsafe: false,
      });
    } catch (e) {
      showError("Could not apply the fixes: " + e.message);
      return;
    } finally {
      setBusy(false);
    }
    const applied = Number(data.applied) || 0;
    if (applied === 0 || typeof data.text !== "string" || data.text === state.current) {
      announceAfter("No safe fixes to apply.");
      return;
    }
    pushUndo(state.current);
    await setText(data.text, plural(applied, "safe fix", "safe fixes") + " applied.");
  }

  // ---- export -------------------------------------------------------------------

  function download(name, content, type) {
    const blob = new Blob([content], { type });
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: name, class: "visually-hidden" });
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  async function copyText() {
    const text = state.current || "";
    let ok = false;
    if (navigator.clipboard && window.isSecureContext) {
      try { await navigator.clipboard.writeText(text); ok = true; } catch (e) { ok = false; }
    }
    if (!ok) {
      const ta = h("textarea", { "aria-hidden": "true", readonly: true, class: "offscreen" });
      ta.value = text;
      document.body.append(ta);
      ta.select();
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      ta.remove();
      els.copy.focus();
    }
    announce(ok ? "The revised text is copied." : "Copying failed: select the text in the box above and copy it.");
  }

  async function downloadDiff() {
    if (state.current === null || state.busy) return;
    try {
      const data = await api("/api/diff", { old: state.original, new: state.current, filename: currentFilename() });
      const diff = typeof data.diff === "string" ? data.diff : "";
      els.downloadDiff.dataset.lastDiff = diff;
      if (!diff) {
        announce("There are no changes yet, so the diff is empty.");
        return;
      }
      download(state.baseName + ".diff", diff, "text/x-diff");
      announce("The diff is downloading.");
    } catch (e) {
      showError("Could not make the diff: " + e.message);
    }
  }

  function updateButtons() {
    const have = state.current !== null;
    els.undo.disabled = state.busy || state.undo.length === 0;
    els.fixAll.disabled = state.busy || !have;
    els.copy.disabled = !have;
    els.downloadText.disabled = !have;
    els.downloadDiff.disabled = state.busy || !have;
  }

  // ---- events ---------------------------------------------------------------------

  els.form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (state.busy) return;
    const text = els.text.value;
    state.format = els.format.value;
    if (state.current === null || state.original === null) {
      state.original = text;
      state.undo = [];
    } else if (text !== state.current) {
      // A change typed into the box: undo can go back to what was there.
      pushUndo(state.current);
    }
    if (text !== state.current && state.sourceKind && text.trim() === "") {
      state.sourceKind = null;
    }
    lintText(text);
  });

  els.format.addEventListener("change", () => { state.format = els.format.value; });

  els.sample.addEventListener("click", () => {
    els.text.value = SAMPLE;
    els.format.value = "markdown";
    els.profile.value = "job-post";
    state.format = "markdown";
    state.baseName = "job-post";
    state.sourceKind = null;
    state.editable = true;
    state.original = null;
    state.current = null;
    state.undo = [];
    els.text.focus();
    els.text.setSelectionRange(0, 0);
    els.text.scrollTop = 0;
  });

  els.text.addEventListener("input", () => {
    if (els.text.value.trim() === "") {
      // An emptied box starts a new document.
      state.original = null;
      state.current = null;
      state.undo = [];
      state.sourceKind = null;
      state.editable = true;
      state.baseName = "document";
      updateButtons();
    }
  });

  els.file.addEventListener("change", () => {
    const f = els.file.files && els.file.files[0];
    if (f) lintFile(f);
  });

  ["dragenter", "dragover"].forEach((t) => els.drop.addEventListener(t, (ev) => {
    ev.preventDefault();
    els.drop.classList.add("dragging");
  }));
  ["dragleave", "dragend"].forEach((t) => els.drop.addEventListener(t, () => els.drop.classList.remove("dragging")));
  els.drop.addEventListener("drop", (ev) => {
    ev.preventDefault();
    els.drop.classList.remove("dragging");
    const f = ev.dataTransfer && ev.dataTransfer.files && ev.dataTransfer.files[0];
    if (f) lintFile(f);
  });
  // A file dropped elsewhere on the page should not navigate away from it.
  window.addEventListener("dragover", (ev) => ev.preventDefault());
  window.addEventListener("drop", (ev) => ev.preventDefault());

  els.undo.addEventListener("click", undo);
  els.fixAll.addEventListener("click", fixAll);
  els.copy.addEventListener("click", copyText);
  els.downloadText.addEventListener("click", () => {
    if (state.current === null) return;
    download(currentFilename(), state.current, "text/plain;charset=utf-8");
    announce("The revised text is downloading.");
  });
  els.downloadDiff.addEventListener("click", downloadDiff);

  // Highlights and list items: click, Enter or Space opens the popover with
  // focus inside; hover or focus shows it without moving focus.
  function onActivate(ev) {
    const a = anchorOf(ev.target);
    if (!a) return;
    ev.preventDefault();
    showPopover(a, true);
  }
  els.docView.addEventListener("click", onActivate);
  els.list.addEventListener("click", onActivate);
  // A highlight opens on the release of Enter or Space, so that the key
  // press cannot also press the suggestion button that receives focus.
  let pressed = null;
  els.docView.addEventListener("keydown", (ev) => {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    const a = anchorOf(ev.target);
    if (!a) return;
    ev.preventDefault();
    if (!ev.repeat) pressed = a;
  });
  els.docView.addEventListener("keyup", (ev) => {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    const a = anchorOf(ev.target);
    if (!a || a !== pressed) return;
    pressed = null;
    ev.preventDefault();
    showPopover(a, true);
  });
  for (const root of [els.docView, els.list]) {
    root.addEventListener("focusin", (ev) => {
      if (state.quietFocus) return;
      const a = anchorOf(ev.target);
      if (a && state.popoverFor !== a) showPopover(a, false);
    });
    root.addEventListener("focusout", () => scheduleHide());
    root.addEventListener("mouseover", (ev) => {
      const a = anchorOf(ev.target);
      if (a && state.popoverFor !== a && !els.popover.contains(document.activeElement)) showPopover(a, false);
    });
    root.addEventListener("mouseout", () => scheduleHide());
  }
  els.popover.addEventListener("mouseleave", () => scheduleHide());
  els.popover.addEventListener("focusout", () => scheduleHide());
  els.popoverClose.addEventListener("click", () => hidePopover(false));

  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && !els.popover.hidden) {
      ev.preventDefault();
      hidePopover(false);
      return;
    }
    const z = (ev.ctrlKey || ev.metaKey) && !ev.shiftKey && !ev.altKey && (ev.key === "z" || ev.key === "Z");
    if (z) {
      const t = ev.target;
      const typing = t instanceof HTMLTextAreaElement ||
        (t instanceof HTMLInputElement && t.type !== "file" && t.type !== "button") ||
        (t instanceof HTMLElement && t.isContentEditable);
      if (typing) return;
      ev.preventDefault();
      undo();
    }
  });
  window.addEventListener("resize", () => {
    if (!els.popover.hidden && state.popoverFor && state.popoverFor.isConnected) placePopover(state.popoverFor);
  });

  updateButtons();
  loadRules();
}());
