// The audit page's script: plain DOM, no framework, no network. It reads the JSON data the
// report embedded (shapes: cleaner/audit/page.py and cleaner/audit/context.py) and renders
// every section again whenever a filter changes.
"use strict";
(function () {
  const D = JSON.parse(document.getElementById("data").textContent);
  const RULES = D.rules; // [id, description, changes, documents, removed characters]
  const FAMILY = {
    boilerplate: "#c8574d", quotes: "#7b5fc4", spacing: "#2a8c9f", names: "#2f5bd3",
    repair: "#c98a1b", tidy: "#8d96a6", metadata: "#3a9a5e", decode: "#9c5a32",
  };
  const OTHER_COLOR = "#5c6370";
  const CHART_ROWS = 25;
  const state = { rule: -1, lang: "", site: "", text: "", doc: -1, chartAll: false };
  const $ = (id) => document.getElementById(id);
  const fmt = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US"));
  const bytes = (n) => {
    if (n === null || n === undefined) return "–";
    if (n < 10000) return fmt(n) + " B";
    const [unit, size] = n < 1e6 ? ["kB", 1e3] : n < 1e9 ? ["MB", 1e6] : ["GB", 1e9];
    return (n / size).toFixed(1) + " " + unit;
  };
  const pct = (part, whole) => (whole ? (100 * part / whole).toFixed(1) + "%" : "–");
  const familyOf = (rule) => rule.split(".")[0];
  const colorOf = (rule) => FAMILY[familyOf(rule)] || OTHER_COLOR;
  const ruleTitle = (i) => RULES[i][0] + (RULES[i][1] ? ": " + RULES[i][1] : " (no description: a rule this report does not know)");

  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "onclick") node.addEventListener("click", value);
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children || []) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  // Text with the search query marked, so a match is easy to find in long documents.
  function addText(parent, text) {
    if (!state.text || !text) { parent.append(text); return; }
    const pattern = new RegExp("(" + state.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + ")", "gi");
    text.split(pattern).forEach((piece, i) => {
      if (i % 2) parent.append(el("mark", { class: "q", text: piece }));
      else if (piece) parent.append(piece);
    });
  }

  // Changes that are only white space or invisible characters are shown with visible marks.
  const INVISIBLE = /[\u00a0\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]/;
  function visible(text) {
    if (text === "") return "∅";
    if (text.trim() !== "" && !INVISIBLE.test(text)) return text;
    return text.replace(/ /g, "␣").replace(/\n/g, "↵").replace(/\t/g, "⇥")
      .replace(/\u00a0/g, "⍽").replace(/[\u00ad\u200b-\u200f\u2060\ufeff]/g,
        (c) => "[U+" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0") + "]");
  }

  function changeTitle(doc, change) {
    const [rule, action, line, before, after, note] = change;
    let title = ruleTitle(rule) + "\n" + action + (line !== null ? " on input line " + line : " (whole document)");
    if (before || after) title += ":\n" + JSON.stringify(before) + " → " + JSON.stringify(after);
    if (note) title += "\n" + note;
    return title;
  }

  // --- filters -------------------------------------------------------------------------
  function slice() {
    if (state.site) return D.sites.find((row) => row[0] === state.site) || null;
    if (state.lang) return D.languages.find((row) => row[0] === state.lang) || null;
    return null;
  }

  const haystacks = new Map();
  function haystack(doc) {
    if (!haystacks.has(doc)) {
      const parts = [doc.id, doc.rid === null || doc.rid === undefined ? "" : String(doc.rid)];
      for (const row of doc.rows) {
        if (row[0] === "r") parts.push(row[2]);
        else if (row[0] === "k") for (const s of row[3]) if (typeof s === "string") parts.push(s);
      }
      for (const change of doc.ch) parts.push(change[3], change[4]);
      haystacks.set(doc, parts.join("\n").toLowerCase());
    }
    return haystacks.get(doc);
  }

  function matches(doc) {
    if (state.rule >= 0 && doc.rules[String(state.rule)] === undefined) return false;
    if (state.lang && doc.lang !== state.lang) return false;
    if (state.site && doc.site !== state.site) return false;
    if (state.text && !haystack(doc).includes(state.text.toLowerCase())) return false;
    return true;
  }

  function setFilter(key, value) {
    state[key] = value;
    update();
  }

  // --- sections ------------------------------------------------------------------------
  function renderHeader() {
    $("sub").textContent = "Manifest" + (D.manifests.length > 1 ? "s " : " ") + D.manifests.join(", ") +
      " · " + fmt(D.totals.documents) + " documents · " + fmt(RULES.length) + " rules with changes";
  }

  function renderCards() {
    const row = slice();
    const t = D.totals;
    const c = row ? { documents: row[1], changed: row[2], unchanged: row[3], errors: row[4], changes: row[5],
      removed: row[6], bin: row[7], bout: row[8] } : { documents: t.documents, changed: t.changed,
      unchanged: t.unchanged, errors: t.errors, changes: t.changes, removed: t.removed_chars,
      bin: t.bytes_in, bout: t.bytes_out };
    const kinds = Object.entries(D.errorKinds).map(([k, n]) => fmt(n) + " " + k).join(", ");
    const cards = [
      ["Documents", fmt(c.documents), row ? (state.site ? "site " + state.site : "language " + state.lang) : "in the manifest"],
      ["Changed", fmt(c.changed), pct(c.changed, c.documents) + " of documents"],
      ["Unchanged", fmt(c.unchanged), pct(c.unchanged, c.documents)],
      ["Errors", fmt(c.errors), !row && kinds ? kinds : pct(c.errors, c.documents), c.errors > 0],
      ["Changes", fmt(c.changes), c.changed ? (c.changes / c.changed).toFixed(1) + " per changed document" : ""],
      ["Bytes in → out", bytes(c.bin) + " → " + bytes(c.bout), (c.bin ? "−" + pct(c.bin - c.bout, c.bin) + "; " : "") + fmt(c.bin) + " → " + fmt(c.bout) + " bytes (UTF-8)"],
      ["Removed characters", fmt(c.removed), c.bin ? pct(c.removed, c.bin) + " of input" : ""],
    ];
    if (!row && t.missing_outputs) cards.push(["Missing outputs", fmt(t.missing_outputs), "ok records without a readable output (a --check run writes none); sizes leave them out", true]);
    $("totals").replaceChildren(...cards.map(([k, v, d, bad]) =>
      el("div", { class: "card" + (bad ? " bad" : "") }, [el("div", { class: "k", text: k }), el("div", { class: "v", text: v }), el("div", { class: "d", text: d })])));
  }

  function renderFilters() {
    const ruleSelect = $("f-rule");
    if (!ruleSelect.options.length) {
      ruleSelect.append(el("option", { value: "-1", text: "all rules (" + RULES.length + ")" }));
      RULES.forEach((r, i) => ruleSelect.append(el("option", { value: String(i), text: r[0] + " (" + fmt(r[2]) + ")" })));
      $("f-lang").append(el("option", { value: "", text: "all languages (" + D.languages.length + ")" }));
      D.languages.forEach((r) => $("f-lang").append(el("option", { value: r[0], text: r[0] + " (" + fmt(r[1]) + " docs)" })));
      $("f-site").append(el("option", { value: "", text: "all sites (" + fmt(D.sitesTotal) + ")" }));
      D.sites.forEach((r) => $("f-site").append(el("option", { value: r[0], text: r[0] + " (" + fmt(r[1]) + " docs)" })));
    }
    ruleSelect.value = String(state.rule);
    $("f-lang").value = state.lang;
    $("f-site").value = state.site;
    if ($("f-text").value !== state.text) $("f-text").value = state.text;
    ruleSelect.classList.toggle("active-filter", state.rule >= 0);
    $("f-lang").classList.toggle("active-filter", !!state.lang);
    $("f-site").classList.toggle("active-filter", !!state.site);
    $("f-text").classList.toggle("active-filter", !!state.text);
  }

  function renderChart() {
    const row = slice();
    const counts = RULES.map((r, i) => [i, row ? (row[9][String(i)] || 0) : r[2]]).filter((x) => x[1] > 0);
    counts.sort((a, b) => b[1] - a[1] || (RULES[a[0]][0] < RULES[b[0]][0] ? -1 : 1));
    let shown = state.chartAll ? counts : counts.slice(0, CHART_ROWS);
    if (state.rule >= 0 && !shown.some((x) => x[0] === state.rule)) {
      const picked = counts.find((x) => x[0] === state.rule);
      if (picked) shown = shown.concat([picked]);
    }
    const families = [...new Set(RULES.map((r) => familyOf(r[0])))];
    $("legend").replaceChildren(...families.map((f) => el("span", {}, [el("i", { style: "background:" + (FAMILY[f] || OTHER_COLOR) }), f])));
    if (!shown.length) {
      $("chart").replaceChildren(el("p", { class: "empty", text: "No changes in this selection." }));
      $("chart-more").textContent = "";
      return;
    }
    const W = 1000, LEFT = 300, BAR = 480, H = 40;
    const max = Math.max(...shown.map((x) => x[1]));
    const parts = [];
    shown.forEach(([i, n], k) => {
      const [id, desc, total, docs] = RULES[i];
      const y = k * H;
      const width = Math.max(2, Math.round(BAR * n / max));
      const cls = "bar" + (state.rule === i ? " sel" : state.rule >= 0 ? " dim" : "");
      const short = desc ? (desc.length > 105 ? desc.slice(0, 104) + "…" : desc) : "(no description: a rule this report does not know)";
      parts.push(
        '<g class="' + cls + '" data-rule="' + i + '"><title>' + escapeHtml(ruleTitle(i) + "\n" + fmt(n) + " changes" +
          (row ? " in this selection (" + fmt(total) + " in all)" : " in " + fmt(docs) + " documents")) + "</title>" +
        '<rect class="bg" x="0" y="' + y + '" width="' + W + '" height="' + H + '" fill="transparent"></rect>' +
        '<text class="id" x="' + (LEFT - 10) + '" y="' + (y + 17) + '" text-anchor="end">' + escapeHtml(id) + "</text>" +
        '<rect x="' + LEFT + '" y="' + (y + 6) + '" width="' + width + '" height="14" rx="2" fill="' + colorOf(id) + '"></rect>' +
        '<text class="num" x="' + (LEFT + width + 6) + '" y="' + (y + 17) + '">' + escapeHtml(fmt(n) + (row ? "" : " in " + fmt(docs) + " docs")) + "</text>" +
        '<text class="desc" x="' + LEFT + '" y="' + (y + 33) + '">' + escapeHtml(short) + "</text></g>");
    });
    // Markup, not createElementNS: the HTML parser puts <svg> in its namespace by itself.
    $("chart").innerHTML = '<svg viewBox="0 0 ' + W + " " + shown.length * H + '" role="img" aria-label="Changes per rule">' + parts.join("") + "</svg>";
    $("chart-more").textContent = counts.length > CHART_ROWS ? (state.chartAll ? "Show the top " + CHART_ROWS + " rules only" : "Show all " + counts.length + " rules") : "";
  }

  function renderSilent() {
    const box = $("silent");
    if (!D.silent.length) { box.hidden = true; return; }
    box.querySelector("summary").textContent = D.silent.length + " shipped rules changed nothing in this run";
    box.querySelector("ul").replaceChildren(...D.silent.map(([id, desc]) => el("li", { title: desc || "" }, [el("code", { text: id })])));
  }

  function sliceTable(table, rows, key, label) {
    const extra = state.rule >= 0;
    const head = el("tr", {}, [el("th", { text: label }), el("th", { class: "n", text: "Documents" }), el("th", { class: "n", text: "Changed" }),
      el("th", { class: "n", text: "Errors" }), el("th", { class: "n", text: "Changes" }), el("th", { class: "n", text: "Removed chars" }),
      extra ? el("th", { class: "n", text: RULES[state.rule][0] }) : null]);
    const max = Math.max(1, ...rows.map((r) => r[1]));
    const body = rows.map((r) => el("tr", { class: "click" + (state[key] === r[0] ? " sel" : ""), title: "Filter by " + label.toLowerCase() + " " + r[0],
      onclick: () => setFilter(key, state[key] === r[0] ? "" : r[0]) }, [
      el("td", { class: "name", text: r[0] }),
      el("td", { class: "n" }, [el("span", { class: "minibar", style: "width:" + Math.round(50 * r[1] / max) + "px" }), fmt(r[1])]), el("td", { class: "n", text: fmt(r[2]) }), el("td", { class: "n", text: fmt(r[4]) }),
      el("td", { class: "n", text: fmt(r[5]) }), el("td", { class: "n", text: fmt(r[6]) }),
      extra ? el("td", { class: "n", text: fmt(r[9][String(state.rule)] || 0) }) : null]));
    table.replaceChildren(el("thead", {}, [head]), el("tbody", {}, body));
  }

  function renderTables() {
    sliceTable($("languages"), D.languages, "lang", "Language");
    sliceTable($("sites"), D.sites, "site", "Site");
    $("sites-note").textContent = D.sitesTotal > D.sites.length ? "The " + D.sites.length + " sites with most documents of " + fmt(D.sitesTotal) + "; the stats JSON lists all." : "";
  }

  function renderTop() {
    const rows = D.top.map((i) => [i, D.docs[i]]).filter(([, d]) => matches(d));
    const head = el("tr", {}, ["#", "Document", "Language", "Site", "Removed chars", "Of input", "Changes"].map((t, i) => el("th", { class: i === 0 || i > 3 ? "n" : "", text: t })));
    const body = rows.map(([i, d], k) => el("tr", { class: "click" + (state.doc === i ? " sel" : ""), onclick: () => openDoc(i, true) }, [
      el("td", { class: "n", text: String(k + 1) }), el("td", { class: "id", text: d.id }), el("td", { text: d.lang }), el("td", { text: d.site }),
      el("td", { class: "n", text: fmt(d.removed) }), el("td", { class: "n", text: d.bin ? pct(d.removed, d.bin) : "–" }), el("td", { class: "n", text: fmt(d.n) })]));
    $("top").replaceChildren(el("thead", {}, [head]), el("tbody", {}, body.length ? body : [el("tr", {}, [el("td", { colspan: "7", class: "empty", text: "No document in this selection." })])]));
  }

  function listedDocs() {
    const list = [];
    D.docs.forEach((d, i) => { if (matches(d)) list.push(i); });
    if (state.rule >= 0) {
      // Documents sampled for the rule first, in sample order; then others it changed.
      const sampled = (i) => D.docs[i].for.includes(state.rule);
      list.sort((a, b) => (sampled(b) - sampled(a)) || a - b);
    }
    return list;
  }

  function renderDocList(list) {
    $("docs-note").textContent = "Shown in context: for each rule, the " + D.examplesPerRule + " documents it changed with the smallest sha256(rule, id), " +
      "a deterministic sample, and the " + D.top.length + " documents with most removed text; " + fmt(D.docs.length) + " documents in all. Statistics above cover every document.";
    $("doc-count").textContent = fmt(list.length) + " of " + fmt(D.docs.length) + " documents";
    $("doclist").replaceChildren(...list.map((i) => {
      const d = D.docs[i];
      const tags = [d.lang, d.site !== "(none)" ? d.site : null, fmt(d.n) + " changes", d.removed ? fmt(d.removed) + " chars removed" : null].filter(Boolean);
      const item = el("li", { class: state.doc === i ? "sel" : "", "data-doc": String(i), "data-rules": Object.keys(d.rules).map((r) => RULES[r][0]).join(" "), onclick: () => openDoc(i, false) }, [
        el("div", { class: "did" }), el("div", { class: "meta", text: tags.join(" · ") })]);
      addText(item.firstChild, d.id);
      return item;
    }));
  }

  function openDoc(i, scroll) {
    state.doc = i;
    renderTop();
    for (const li of $("doclist").children) li.classList.toggle("sel", li.dataset.doc === String(i));
    renderViewer();
    if (scroll) $("docs-section").scrollIntoView({ behavior: "smooth", block: "start" });
  }

  function segmentLeft(doc, cell, segment) {
    if (typeof segment === "string") { addText(cell, segment); return; }
    if (segment[0] === "cut") { cell.append(el("span", { class: "cut", text: " … " + fmt(segment[1]) + " more characters not shown" })); return; }
    const change = doc.ch[segment[0]];
    const hit = state.rule >= 0 ? (change[0] === state.rule ? " hit" : " dim") : "";
    if (segment.length > 1) {
      const label = change[4] ? visible(change[3]) + " → " + visible(change[4]) : "−" + visible(change[3]);
      cell.append(el("span", { class: "badge" + hit, title: changeTitle(doc, change) + "\n(the log does not give its position in the line)", text: label }));
      return;
    }
    const span = el("span", { class: "chg" + hit, title: changeTitle(doc, change) });
    if (change[3]) { const del = el("del", { class: "c" }); addText(del, visible(change[3])); span.append(del); }
    const ins = el("ins", { class: "c" }); addText(ins, visible(change[4])); span.append(ins);
    cell.append(span);
  }

  function segmentRight(doc, cell, segment) {
    if (typeof segment === "string") { addText(cell, segment); return; }
    if (segment[0] === "cut") { cell.append(el("span", { class: "cut", text: " … " + fmt(segment[1]) + " more characters not shown" })); return; }
    if (segment.length > 1) return;
    const change = doc.ch[segment[0]];
    const mark = el("mark", { class: "after" + (state.rule >= 0 && change[0] === state.rule ? " hit" : ""), title: changeTitle(doc, change) });
    addText(mark, change[4]);
    cell.append(mark);
  }

  function renderViewer() {
    const viewer = $("viewer");
    const doc = D.docs[state.doc];
    if (!doc) { viewer.replaceChildren(el("p", { class: "empty", text: "No document matches the filters." })); return; }
    const facts = [doc.src && doc.src !== doc.id ? "from " + doc.src : null, doc.lang, doc.site, fmt(doc.n) + " changes", fmt(doc.removed) + " characters removed",
      doc.bin !== null ? fmt(doc.bin) + " → " + fmt(doc.bout) + " bytes" : null,
      doc.rid !== null && doc.rid !== undefined ? "record id " + doc.rid : null].filter(Boolean);
    const parts = [el("div", { class: "head" }, [el("h3", { text: doc.id }), el("span", { class: "facts", text: facts.join(" · ") })])];
    const chips = Object.entries(doc.rules).sort((a, b) => b[1] - a[1]).map(([r, n]) => el("span", {
      class: "chip" + (Number(r) === state.rule ? " sel" : ""), title: ruleTitle(Number(r)) + "\nClick to filter by this rule",
      onclick: () => setFilter("rule", Number(r) === state.rule ? -1 : Number(r)) }, [RULES[r][0] + " ×" + n]));
    parts.push(el("div", { class: "chips" }, chips));
    const reasons = [];
    if (doc.for.length) reasons.push("sampled for " + doc.for.map((r) => RULES[r][0]).join(", "));
    if (doc.top) reasons.push("among the documents with most removed text");
    parts.push(el("div", { class: "keys" }, ["Shown because: " + reasons.join("; ") + ". Left: the input rebuilt from the log, ",
      el("s", { text: "removed lines" }), ", ", el("del", { class: "c", text: "before" }), el("ins", { class: "c", text: "after" }),
      " replacements, ", el("span", { class: "badge", text: "−x" }), " a change whose place in its line is not logged. Right: the clean output. Hover for the rule."]));
    if (doc.missing) parts.push(el("p", { class: "note", text: "No clean output to show: the run wrote none (--check, --diff) or it cannot be read. Its changes are listed below." }));
    if (doc.approx) parts.push(el("p", { class: "note", text: "A whole-document change altered the number of lines, so the alignment of input and output lines may be off." }));
    const whole = doc.whole.concat(doc.unplaced);
    if (whole.length) {
      parts.push(el("div", { class: "whole" }, ["Changes to the whole document" + (doc.unplaced.length ? " or on lines not found" : "") + ": ",
        ...whole.map((c) => { const ch = doc.ch[c]; return el("span", { class: "badge", title: changeTitle(doc, ch), text: RULES[ch[0]][0] + ": " + visible(ch[3]).slice(0, 60) + " → " + visible(ch[4]).slice(0, 60) }); })]));
    }
    if (doc.rows.length) {
      const table = el("table", { class: "ctx" }, [
        el("colgroup", {}, [el("col", { class: "ln" }), el("col"), el("col", { class: "ln" }), el("col")]),
        el("thead", {}, [el("tr", {}, [el("th", { text: "in" }), el("th", { text: "Input, rebuilt from the log (" + fmt(doc.lin) + " lines)" }),
          el("th", { text: "out" }), el("th", { text: "Clean output (" + fmt(doc.lout) + " lines)" })])])]);
      const body = el("tbody");
      for (const row of doc.rows) {
        if (row[0] === "g") {
          body.append(el("tr", { class: "gap" }, [el("td", { colspan: "4", text: "⋯ " + fmt(row[1]) + " unchanged line" + (row[1] === 1 ? "" : "s") + " not shown ⋯" })]));
        } else if (row[0] === "f") {
          const change = doc.ch[row[2]];
          const hit = state.rule >= 0 ? (change[0] === state.rule ? " hit" : " dim") : "";
          body.append(el("tr", { class: "rm fold" }, [el("td", { class: "ln" }), el("td", { class: "in" }, [el("span", { class: "folded" + hit, title: ruleTitle(change[0]),
            text: "⋯ " + fmt(row[1]) + " more line" + (row[1] === 1 ? "" : "s") + " removed by " + RULES[change[0]][0] + " ⋯" })]), el("td", { class: "ln" }), el("td", { class: "out" })]));
        } else if (row[0] === "r") {
          const change = doc.ch[row[3]];
          const hit = state.rule >= 0 ? (change[0] === state.rule ? " hit" : " dim") : "";
          const struck = el("s", { class: hit.trim(), title: changeTitle(doc, change) });
          if (row[2] === "") struck.append(el("span", { class: "blank", text: "(blank line)" }));
          else addText(struck, row[2]);
          const cell = el("td", { class: "in" }, [struck]);
          if (row[4]) cell.append(el("span", { class: "cut", text: " … " + fmt(row[4]) + " more characters not shown" }));
          body.append(el("tr", { class: "rm" }, [el("td", { class: "ln", text: String(row[1]) }), cell, el("td", { class: "ln" }), el("td", { class: "out" })]));
        } else {
          const left = el("td", { class: "in" });
          const right = el("td", { class: "out" });
          for (const segment of row[3]) { segmentLeft(doc, left, segment); segmentRight(doc, right, segment); }
          body.append(el("tr", {}, [el("td", { class: "ln", text: String(row[1]) }), left, el("td", { class: "ln", text: String(row[2]) }), right]));
        }
      }
      table.append(body);
      parts.push(table);
      if (doc.cutRows) parts.push(el("p", { class: "note", text: fmt(doc.cutRows) + " more rows are not shown, to keep the report small." }));
    }
    const list = el("table", { class: "grid" }, [el("thead", {}, [el("tr", {}, ["Line", "Rule", "Action", "Before", "After"].map((t) => el("th", { text: t })))]),
      el("tbody", {}, doc.ch.map((c) => {
        const before = el("td", { class: "t" }); addText(before, visible(c[3]));
        const after = el("td", { class: "t" }); addText(after, visible(c[4]));
        return el("tr", { class: state.rule >= 0 && c[0] === state.rule ? "sel" : "", title: c[5] || "" }, [el("td", { class: "n", text: c[2] === null ? "–" : String(c[2]) }),
          el("td", { title: ruleTitle(c[0]), text: RULES[c[0]][0] }), el("td", { text: c[1] }), before, after]);
      }))]);
    parts.push(el("details", { class: "changes", open: doc.missing ? "" : null }, [el("summary", { text: "All " + fmt(doc.n) + " changes of this document" + (doc.chOmitted ? " (" + fmt(doc.chOmitted) + " not listed)" : "") }), list]));
    viewer.replaceChildren(...parts);
  }

  function renderErrors() {
    const q = state.text.toLowerCase();
    const rows = D.errors.filter((e) => !q || (e[0] + "\n" + e[2]).toLowerCase().includes(q));
    const head = el("tr", {}, [el("th", { text: "Document" }), el("th", { text: "Kind" }), el("th", { text: "Message" })]);
    const body = rows.map((e) => {
      const id = el("td", { class: "id" }); addText(id, e[0]);
      const msg = el("td", { class: "msg" }); addText(msg, e[2]);
      return el("tr", {}, [id, el("td", { text: e[1] }), msg]);
    });
    $("errors").replaceChildren(el("thead", {}, [head]), el("tbody", {}, body.length ? body : [el("tr", {}, [el("td", { colspan: "3", class: "empty", text: D.totals.errors ? "No error matches the search." : "No errors." })])]));
    $("errors-note").textContent = D.totals.errors > D.errors.length ? "The first " + fmt(D.errors.length) + " of " + fmt(D.totals.errors) + " errors, in manifest order." : "";
  }

  function renderSummary(list) {
    const active = [];
    if (state.rule >= 0) active.push("rule " + RULES[state.rule][0]);
    if (state.lang) active.push("language " + state.lang);
    if (state.site) active.push("site " + state.site);
    if (state.text) active.push("“" + state.text + "”");
    $("f-summary").textContent = active.length ? fmt(list.length) + " documents in context match " + active.join(", ") : "";
  }

  function update() {
    const list = listedDocs();
    if (!list.includes(state.doc)) state.doc = list.length ? list[0] : -1;
    renderFilters();
    renderCards();
    renderChart();
    renderTables();
    renderTop();
    renderDocList(list);
    renderViewer();
    renderErrors();
    renderSummary(list);
  }

  $("f-rule").addEventListener("change", (e) => setFilter("rule", Number(e.target.value)));
  $("f-lang").addEventListener("change", (e) => setFilter("lang", e.target.value));
  $("f-site").addEventListener("change", (e) => setFilter("site", e.target.value));
  let typing = 0;
  $("f-text").addEventListener("input", (e) => {
    clearTimeout(typing);
    typing = setTimeout(() => setFilter("text", e.target.value.trim()), 200);
  });
  $("f-clear").addEventListener("click", () => {
    Object.assign(state, { rule: -1, lang: "", site: "", text: "" });
    update();
  });
  $("chart").addEventListener("click", (e) => {
    const bar = e.target.closest("[data-rule]");
    if (bar) setFilter("rule", Number(bar.dataset.rule) === state.rule ? -1 : Number(bar.dataset.rule));
  });
  $("chart-more").addEventListener("click", () => { state.chartAll = !state.chartAll; renderChart(); });
  renderHeader();
  renderSilent();
  update();
})();
