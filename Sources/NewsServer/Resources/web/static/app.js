// Tickerwire's dashboard: live lists over SSE, and forms that call the API with the sign-in cookie and the CSRF
// token. Plain script, no libraries; every page works without it except the live parts and the editors.
"use strict";

const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: Object.assign({ "X-CSRF-Token": csrf }, body === undefined ? {} : { "Content-Type": "application/json" }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (_) { data = null; }
  if (!response.ok) throw new Error((data && (data.detail || data.title)) || `${response.status} ${response.statusText}`);
  return data;
}

function fragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return template.content;
}

function say(id, text, tone) {
  const el = document.getElementById(id);
  if (!el) return;
  el.textContent = text;
  el.classList.remove("ok", "bad");
  if (tone) el.classList.add(tone);
}

// A live list: on each server event, fetch the rendered items after the newest shown, and place them.
function live(listId, statusId, streamPath, eventName, itemsPath, place) {
  const list = document.getElementById(listId);
  if (!list) return;
  let busy = false, again = false;
  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const response = await fetch(`${itemsPath}?after=${encodeURIComponent(list.dataset.newest || "0")}`, { credentials: "same-origin" });
      if (response.ok) {
        const items = fragment(await response.text());
        for (const item of Array.from(items.children)) place(list, item);
        document.getElementById(listId + "-empty")?.remove();
      }
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  }
  const source = new EventSource(streamPath);
  source.addEventListener("open", () => say(statusId, "Live: new items appear here as they arrive."));
  source.addEventListener("error", () => say(statusId, "Connection lost; reconnecting…", "bad"));
  source.addEventListener(eventName, refresh);
}

// The feed: a new article joins its story's repeats when the story is on the page, or goes on top.
live("feed", "feed-status", "/v1/stream", "article", "/feed/items", (list, li) => {
  const item = li.querySelector(".item");
  if (!item) return;
  list.dataset.newest = item.dataset.seq;
  const story = li.dataset.story;
  const existing = story ? Array.from(list.querySelectorAll("li.story")).find((s) => s.dataset.story === story) : null;
  if (existing) {
    const details = existing.querySelector(".repeats");
    const row = document.createElement("li");
    row.appendChild(item);
    details.querySelector("ul").appendChild(row);
    const count = details.querySelectorAll("ul > li").length;
    details.querySelector(".count").textContent = String(count);
    details.hidden = false;
  } else {
    list.insertBefore(li, list.firstChild);
  }
});

// The alert inbox: newest on top.
live("alerts", "alerts-status", "/v1/stream?alerts=1", "alert", "/alerts/items", (list, li) => {
  list.dataset.newest = li.dataset.seq;
  list.insertBefore(li, list.firstChild);
});

// The rule editor: checked as one types; the caret line points at the error.
const query = document.getElementById("rule-query");
if (query) {
  let timer = null, asked = 0;
  query.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = query.value;
      const mine = ++asked;
      const caret = document.getElementById("rule-caret");
      if (!text.trim()) { say("rule-status", "Type a query: it is checked as you type."); caret.hidden = true; return; }
      try {
        const result = await api("POST", "/v1/rules/check", { query: text });
        if (mine !== asked) return;
        if (result.valid) {
          say("rule-status", `Valid. Reads as: ${result.parsed}`, "ok");
          query.setAttribute("aria-invalid", "false");
          caret.hidden = true;
        } else {
          say("rule-status", `Error at character ${result.position + 1}: ${result.error}`, "bad");
          query.setAttribute("aria-invalid", "true");
          const line = text.slice(0, result.position).split("\n");
          const column = line[line.length - 1].length;
          caret.textContent = text.split("\n")[line.length - 1] + "\n" + " ".repeat(column) + "^";
          caret.hidden = false;
        }
      } catch (error) {
        say("rule-status", String(error.message), "bad");
      }
    }, 150);
  });
  document.getElementById("rule-test")?.addEventListener("click", async () => {
    const out = document.getElementById("rule-test-results");
    out.textContent = "Testing…";
    try {
      const result = await api("POST", "/v1/rules/test", { query: query.value, limit: 20 });
      out.textContent = "";
      const head = document.createElement("p");
      head.textContent = `Would have caught ${result.matches.length} of the newest ${result.scanned} articles.`;
      out.appendChild(head);
      const list = document.createElement("ul");
      list.className = "plain";
      for (const match of result.matches) {
        const li = document.createElement("li");
        const link = document.createElement("a");
        link.href = `/articles/${match.article.id}`;
        link.textContent = match.article.title || "(no title)";
        const why = document.createElement("p");
        why.className = "meta";
        why.textContent = match.reasons.join("; ");
        li.append(link, why);
        list.appendChild(li);
      }
      out.appendChild(list);
    } catch (error) {
      out.textContent = String(error.message);
    }
  });
}

// Forms and buttons that call the API, then show the result or reload the page.
function form(id, build, done) {
  const el = document.getElementById(id);
  if (!el) return;
  el.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const [method, path, body] = build(new FormData(el));
      done(await api(method, path, body));
    } catch (error) {
      say("form-status", String(error.message), "bad");
      say("new-key", String(error.message), "bad");
    }
  });
}
const list = (text) => text.split(/[\s,]+/).filter(Boolean);
const reload = () => location.reload();

form("rule-form", (data) => ["POST", "/v1/rules", { name: data.get("name"), query: data.get("query"), webhooks: data.getAll("webhooks") }], reload);
form("watchlist-form", (data) => ["POST", "/v1/watchlists", { name: data.get("name"), tickers: list(data.get("tickers")) }], reload);
form("webhook-form", (data) => ["POST", "/v1/webhooks", { url: data.get("url") }], (hook) =>
  say("webhook-secret", `Made. Its signing secret, shown this once: ${hook.secret}`, "ok"));
form("key-form", (data) => ["POST", "/v1/keys", { name: data.get("name"), scope: data.get("scope") }], (made) =>
  say("new-key", `Made. The key, shown this once: ${made.key}`, "ok"));

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-delete], button[data-post]");
  if (!button) return;
  try {
    await api(button.dataset.delete ? "DELETE" : "POST", button.dataset.delete || button.dataset.post);
    reload();
  } catch (error) {
    say("form-status", String(error.message), "bad");
  }
});
