// The Pharos dashboard: hash routes (#/view?ns=…&filter=…) so every view and filter can be bookmarked, views
// rendered from the REST API of the same origin, refreshed live from /dashboard/v1/changes.

import { APIError, SessionError, core, forget, get, request, session, signIn, signOut } from "./api.js";
import { connect } from "./live.js";
import { ago, h, statusBadge, statusName, when } from "./dom.js";

const main = document.getElementById("main");
const nav = document.getElementById("nav");
const namespaceSelect = document.getElementById("namespace");
const liveState = document.getElementById("live-state");
const userName = document.getElementById("user");
const signOutButton = document.getElementById("sign-out");

/** Resource collections shown as list + YAML, with their core/v2 type names. */
const KINDS = {
  checks: { type: "CheckConfig", title: "Checks" },
  handlers: { type: "Handler", title: "Handlers" },
  filters: { type: "EventFilter", title: "Filters" },
  mutators: { type: "Mutator", title: "Mutators" },
  assets: { type: "Asset", title: "Assets" },
  pipelines: { type: "Pipeline", title: "Pipelines" },
};

let stopLive = null;
let current = null; // { refresh(change) } of the view on screen
let refreshTimer = null;
const departed = []; // entities seen de-registering while the page was open: { namespace, name, at }

// MARK: Routing

function route() {
  const hash = location.hash.replace(/^#\/?/, "") || "overview";
  const [path, query = ""] = hash.split("?");
  const parts = path.split("/").map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query) };
}

export function link(parts, params = {}) {
  const query = new URLSearchParams({ ns: namespace(), ...params });
  for (const [key, value] of [...query.entries()]) if (value === "" || value === undefined) query.delete(key);
  return "#/" + parts.map(encodeURIComponent).join("/") + "?" + query.toString();
}

function namespace() {
  return route().params.get("ns") || namespaceSelect.value || "default";
}

function setParams(params) {
  const { parts, params: currentParams } = route();
  for (const [key, value] of Object.entries(params)) {
    if (value === "" || value === null || value === undefined) currentParams.delete(key);
    else currentParams.set(key, value);
  }
  const next = "#/" + parts.map(encodeURIComponent).join("/") + "?" + currentParams.toString();
  if (next !== location.hash) history.replaceState(null, "", next);
}

// MARK: Shell

function message(text, kind = "error") {
  return h("p", { class: `message ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
}

function describe(error) {
  if (error instanceof APIError && error.status === 403)
    return `Not allowed: your user may not do this (${error.message}).`;
  if (error instanceof APIError) return `${error.message} (HTTP ${error.status})`;
  return error?.message || String(error);
}

function showSignIn(text) {
  stopLive?.();
  stopLive = null;
  current = null;
  document.body.classList.add("signed-out");
  userName.textContent = "";
  const status = h("div", { id: "sign-in-message", "aria-live": "polite" }, text ? message(text) : null);
  const form = h(
    "form",
    { class: "sign-in", "aria-labelledby": "sign-in-title" },
    h("h1", { id: "sign-in-title" }, "Sign in to Pharos"),
    status,
    h("label", { for: "username" }, "Username"),
    h("input", { id: "username", name: "username", autocomplete: "username", required: true }),
    h("label", { for: "password" }, "Password"),
    h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true }),
    h("button", { type: "submit", class: "primary" }, "Sign in"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.replaceChildren(message("Signing in…", "info"));
    try {
      await signIn(form.username.value, form.password.value);
      start();
    } catch (error) {
      status.replaceChildren(message(describe(error)));
      form.password.focus();
    }
  });
  main.replaceChildren(form);
  form.username.focus();
}

async function start() {
  const currentSession = session();
  if (!currentSession) return showSignIn();
  document.body.classList.remove("signed-out");
  userName.textContent = currentSession.username;
  try {
    const namespaces = await get("/api/core/v2/namespaces");
    const names = namespaces.map((item) => item.name).sort();
    const wanted = route().params.get("ns") || (names.includes("default") ? "default" : names[0] || "default");
    namespaceSelect.replaceChildren(...names.map((name) => h("option", { value: name }, name)));
    namespaceSelect.value = wanted;
  } catch (error) {
    if (error instanceof SessionError) return showSignIn(error.message);
    main.replaceChildren(message(describe(error)));
    return;
  }
  stopLive?.();
  stopLive = connect({
    onChange: (change) => scheduleRefresh(change),
    onResync: () => scheduleRefresh(null),
    onState: (state) => {
      liveState.textContent = state === "live" ? "Live" : "Reconnecting…";
      liveState.className = `live ${state}`;
    },
    onSessionLost: (text) => showSignIn(text),
  });
  render();
}

function scheduleRefresh(change) {
  if (change && change.kind === "entity" && change.deleted) {
    departed.unshift({ namespace: change.namespace, name: change.name, at: Date.now() / 1000 });
    departed.splice(20);
  }
  if (change && change.namespace && change.namespace !== namespace() && route().parts[0] !== "overview") return;
  if (refreshTimer) return;
  refreshTimer = setTimeout(async () => {
    refreshTimer = null;
    try {
      await current?.refresh?.(change);
    } catch (error) {
      if (error instanceof SessionError) showSignIn(error.message);
    }
  }, 50);
}

async function render() {
  if (!session()) return showSignIn();
  const { parts, params } = route();
  if (params.get("ns") && namespaceSelect.value !== params.get("ns")) namespaceSelect.value = params.get("ns");
  for (const anchor of nav.querySelectorAll("a")) {
    const kind = anchor.dataset.kind;
    const shown = parts[0] === "resource" ? parts[1] : parts[0] === "resources" ? parts[1] || "checks" : null;
    const active = kind
      ? shown === kind
      : anchor.dataset.view === parts[0] ||
        (anchor.dataset.view === "events" && parts[0] === "event") ||
        (anchor.dataset.view === "checks" && shown === "checks");
    anchor.setAttribute("aria-current", active ? "page" : "false");
    anchor.href = link(kind ? ["resources", kind] : [anchor.dataset.view]);
  }
  const view = VIEWS[parts[0]] || VIEWS.overview;
  current = null;
  const container = h("section", { class: "view", "aria-busy": "true" });
  main.replaceChildren(container);
  try {
    current = await view(container, parts.slice(1), params);
  } catch (error) {
    if (error instanceof SessionError) return showSignIn(error.message);
    container.replaceChildren(message(describe(error)));
  } finally {
    container.removeAttribute("aria-busy");
  }
}

// MARK: Overview

async function overviewView(container) {
  async function refresh() {
    const data = await get("/dashboard/v1/overview");
    const failures = data.flatMap((ns) => ns.keepalive_failures.map((row) => ({ ...row, namespace: ns.namespace })));
    container.replaceChildren(
      h("h1", {}, "Overview"),
      h(
        "section",
        { "aria-labelledby": "keepalive-title", class: failures.length ? "card alert" : "card" },
        h("h2", { id: "keepalive-title" }, `Keepalive failures (${failures.length})`),
        failures.length
          ? h(
              "ul",
              { class: "plain" },
              failures.map((row) =>
                h(
                  "li",
                  {},
                  statusBadge(row.status),
                  " ",
                  h("a", { href: link(["event", row.entity, row.check], { ns: row.namespace }) }, row.entity),
                  ` in ${row.namespace}: ${row.output}`,
                ),
              ),
            )
          : h("p", {}, "Every agent is sending keepalives."),
      ),
      h(
        "div",
        { class: "grid" },
        data.map((ns) =>
          h(
            "section",
            { class: "card", "aria-label": `Namespace ${ns.namespace}`, dataset: { namespace: ns.namespace } },
            h("h2", {}, h("a", { href: link(["events"], { ns: ns.namespace }) }, ns.namespace)),
            h(
              "div",
              { class: "counts" },
              ["critical", "warning", "unknown", "ok"].map((name) =>
                h(
                  "a",
                  {
                    class: `count status-${name}`,
                    href: link(["events"], {
                      ns: ns.namespace,
                      filter: `event.check.status == ${{ ok: 0, warning: 1, critical: 2, unknown: 3 }[name]}`,
                    }),
                    dataset: { status: name },
                  },
                  h("strong", {}, ns.events[name]),
                  h("span", {}, name),
                ),
              ),
            ),
            h(
              "p",
              { class: "entities-line" },
              "Entities: ",
              Object.keys(ns.entities).length
                ? Object.entries(ns.entities)
                    .map(([kind, count]) => `${count} ${kind}`)
                    .join(", ")
                : "none",
            ),
          ),
        ),
      ),
    );
  }
  await refresh();
  return { refresh };
}

// MARK: Events

const PAGE = 50;

async function eventsView(container, _, params) {
  const selected = new Set();
  const filterInput = h("input", {
    id: "filter",
    type: "search",
    value: params.get("filter") || "",
    placeholder: 'event.check.state != passing, "nginx" in event.entity.subscriptions',
    "aria-describedby": "filter-help",
    spellcheck: false,
  });
  const sortSelect = h(
    "select",
    { id: "sort" },
    [
      ["severity", "Severity"],
      ["newest", "Newest"],
      ["last_ok", "Last OK (oldest first)"],
      ["name", "Entity and check"],
    ].map(([value, label]) => h("option", { value, selected: (params.get("sort") || "severity") === value }, label)),
  );
  const status = h("div", { id: "events-status", "aria-live": "polite" });
  const summary = h("p", { class: "summary", id: "events-summary" });
  const body = h("tbody");
  const pager = h("nav", { class: "pager", "aria-label": "Pages" });
  let page = Number(params.get("page") || 0);
  let rows = [];

  const selectAll = h("input", {
    type: "checkbox",
    "aria-label": "Select every event on this page",
    onchange: () => {
      for (const row of rows) selectAll.checked ? selected.add(key(row)) : selected.delete(key(row));
      drawRows();
    },
  });
  const key = (row) => `${row.entity}/${row.check}`;
  const bulk = h(
    "div",
    { class: "toolbar", role: "group", "aria-label": "Selected events" },
    h("button", { type: "button", onclick: () => act("resolve") }, "Resolve"),
    h("button", { type: "button", onclick: () => act("rerun") }, "Re-run"),
    h("button", { type: "button", onclick: () => act("silence") }, "Silence"),
    h("button", { type: "button", class: "danger", onclick: () => act("delete") }, "Delete"),
  );

  async function act(action) {
    const chosen = rows.filter((row) => selected.has(key(row)));
    if (!chosen.length) return status.replaceChildren(message("Select one or more events first.", "info"));
    if (action === "delete" && !confirm(`Delete ${chosen.length} event(s)?`)) return;
    const failures = [];
    for (const row of chosen) {
      try {
        await eventAction(action, namespace(), row.entity, row.check);
      } catch (error) {
        if (error instanceof SessionError) throw error;
        failures.push(`${key(row)}: ${describe(error)}`);
      }
    }
    selected.clear();
    status.replaceChildren(
      failures.length
        ? message(failures.join("; "))
        : message(`${action === "rerun" ? "Re-run requested for" : action + "d"} ${chosen.length} event(s).`, "info"),
    );
    await refresh();
  }

  function drawRows() {
    body.replaceChildren(
      ...rows.map((row) =>
        h(
          "tr",
          { dataset: { key: key(row), status: statusName(row.status) }, class: row.silenced ? "silenced" : "" },
          h(
            "td",
            {},
            h("input", {
              type: "checkbox",
              checked: selected.has(key(row)),
              "aria-label": `Select ${key(row)}`,
              onchange: (event) => (event.target.checked ? selected.add(key(row)) : selected.delete(key(row))),
            }),
          ),
          h("td", {}, statusBadge(row.status)),
          h("td", {}, h("a", { href: link(["entities"], { focus: row.entity }) }, row.entity)),
          h("td", {}, h("a", { href: link(["event", row.entity, row.check]) }, row.check)),
          h("td", { class: "output" }, row.output),
          h("td", { title: when(row.last_ok) }, ago(row.last_ok)),
          h("td", { class: "number" }, row.occurrences),
          h("td", {}, row.silenced ? h("span", { class: "badge silenced" }, "silenced") : ""),
          h("td", { title: when(row.timestamp) }, ago(row.timestamp)),
        ),
      ),
    );
  }

  async function refresh() {
    const filter = filterInput.value.trim();
    const query = new URLSearchParams({ filter, sort: sortSelect.value, offset: page * PAGE, limit: PAGE });
    let data;
    try {
      data = await get(`/dashboard/v1/namespaces/${encodeURIComponent(namespace())}/events?${query}`);
    } catch (error) {
      if (error instanceof APIError && error.status === 400) {
        filterInput.setAttribute("aria-invalid", "true");
        status.replaceChildren(message(`The filter was not applied: ${error.message}`));
        return;
      }
      throw error;
    }
    filterInput.removeAttribute("aria-invalid");
    if (status.querySelector(".error")) status.replaceChildren();
    rows = data.items;
    const c = data.counts;
    summary.textContent =
      `${data.total} event(s): ${c.critical} critical, ${c.warning} warning, ${c.unknown} unknown, ${c.ok} OK` +
      (data.total > PAGE ? ` — page ${page + 1} of ${Math.ceil(data.total / PAGE)}` : "");
    drawRows();
    pager.replaceChildren(
      h("button", { type: "button", disabled: page === 0, onclick: () => go(page - 1) }, "Previous"),
      h("button", { type: "button", disabled: (page + 1) * PAGE >= data.total, onclick: () => go(page + 1) }, "Next"),
    );
    container.dataset.loaded = String(Date.now());
  }

  function go(next) {
    page = Math.max(0, next);
    setParams({ page: page || "" });
    refresh();
  }

  const form = h(
    "form",
    {
      class: "filters",
      role: "search",
      onsubmit: (event) => {
        event.preventDefault();
        page = 0;
        setParams({ filter: filterInput.value.trim(), sort: sortSelect.value, page: "" });
        refresh();
      },
    },
    h("label", { for: "filter" }, "Filter"),
    filterInput,
    h("label", { for: "sort" }, "Sort by"),
    sortSelect,
    h("button", { type: "submit", class: "primary" }, "Apply"),
    h(
      "p",
      { id: "filter-help", class: "help" },
      "Sensu search syntax: field == value, !=, in, notin, matches; join with &&. Fields: event.check.status, " +
        "event.check.state, event.entity.name, event.check.name, event.entity.subscriptions, labels.NAME …",
    ),
  );
  sortSelect.addEventListener("change", () => form.requestSubmit());
  container.replaceChildren(
    h("h1", {}, "Events"),
    form,
    status,
    summary,
    bulk,
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        { class: "dense", "aria-describedby": "events-summary" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, selectAll),
            ["Status", "Entity", "Check", "Output", "Last OK", "Occurrences", "Silenced", "Updated"].map((title) =>
              h("th", { scope: "col" }, title),
            ),
          ),
        ),
        body,
      ),
    ),
    pager,
  );
  await refresh();
  return { refresh };
}

/** Resolve, re-run, silence or delete one event through the REST API. */
async function eventAction(action, ns, entity, check) {
  const path = core(ns, "events", entity) + "/" + encodeURIComponent(check);
  if (action === "delete") return request("DELETE", path);
  if (action === "silence") {
    return request("POST", core(ns, "silenced"), {
      body: {
        metadata: { namespace: ns },
        subscription: `entity:${entity}`,
        check,
        expire_on_resolve: true,
        reason: "silenced from the dashboard",
      },
    });
  }
  if (action === "rerun") {
    return request("POST", core(ns, "checks", check) + "/execute", {
      body: { check, subscriptions: [`entity:${entity}`] },
    });
  }
  const event = await get(path);
  const now = Math.floor(Date.now() / 1000);
  event.check.status = 0;
  event.check.output = `Resolved manually by ${session()?.username || "dashboard"}`;
  event.check.executed = now;
  event.timestamp = now;
  return request("PUT", path, { body: event });
}

async function eventView(container, [entity, check]) {
  const ns = namespace();
  const status = h("div", { "aria-live": "polite" });
  async function refresh(change) {
    if (change && change.kind === "event" && change.name !== `${entity}/${check}`) return;
    let event;
    try {
      event = await get(core(ns, "events", entity) + "/" + encodeURIComponent(check));
    } catch (error) {
      if (error instanceof APIError && error.status === 404) {
        container.replaceChildren(h("h1", {}, `${entity} / ${check}`), message("This event no longer exists.", "info"));
        return;
      }
      throw error;
    }
    const c = event.check;
    const history = (c.history || []).slice(-21);
    const labels = { ...(event.metadata?.labels || {}), ...(c.metadata?.labels || {}) };
    const points = event.metrics?.points || [];
    const actions = h(
      "div",
      { class: "toolbar" },
      ["resolve", "rerun", "silence", "delete"].map((action) =>
        h(
          "button",
          {
            type: "button",
            class: action === "delete" ? "danger" : "",
            onclick: async () => {
              try {
                await eventAction(action, ns, entity, check);
                status.replaceChildren(message(`Done: ${action}.`, "info"));
                if (action === "delete") location.hash = link(["events"]);
              } catch (error) {
                status.replaceChildren(message(describe(error)));
              }
            },
          },
          { resolve: "Resolve", rerun: "Re-run", silence: "Silence", delete: "Delete" }[action],
        ),
      ),
    );
    container.replaceChildren(
      h("p", { class: "crumbs" }, h("a", { href: link(["events"]) }, "Events"), " / ", entity, " / ", check),
      h("h1", {}, statusBadge(c.status), " ", `${entity} / ${check}`),
      actions,
      status,
      h(
        "section",
        { class: "card", "aria-labelledby": "timeline-title" },
        h("h2", { id: "timeline-title" }, `Status timeline (last ${history.length} of 21 results)`),
        h(
          "ol",
          { class: "timeline", "aria-label": "Status of the last results, oldest first" },
          history.map((item) =>
            h("li", {
              class: `status-${statusName(item.status)}`,
              title: `${when(item.executed)}: ${statusName(item.status)}`,
              "aria-label": `${when(item.executed)}: ${statusName(item.status)}`,
              dataset: { status: statusName(item.status) },
            }),
          ),
        ),
      ),
      h(
        "dl",
        { class: "facts" },
        [
          ["State", c.state],
          ["Occurrences", `${c.occurrences} (watermark ${c.occurrences_watermark})`],
          ["Last OK", `${ago(c.last_ok)} (${when(c.last_ok)})`],
          ["Executed", when(c.executed)],
          ["Silenced", c.is_silenced ? `yes (${(c.silenced || []).join(", ")})` : "no"],
          ["Command", c.command || "—"],
          ["Interval", c.cron ? `cron ${c.cron}` : `${c.interval} s`],
          ["Subscriptions", (c.subscriptions || []).join(", ") || "—"],
          ["Handlers", (c.handlers || []).join(", ") || "—"],
          ["Entity", `${event.entity?.metadata?.name} (${event.entity?.entity_class})`],
          ["Entity subscriptions", (event.entity?.subscriptions || []).join(", ") || "—"],
          ["Labels", Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(", ") || "—"],
        ].map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]),
      ),
      h("h2", {}, "Output"),
      h("pre", { class: "output", tabindex: "0", "aria-label": "Check output" }, c.output || "(empty)"),
      h("h2", {}, `Metric points (${points.length})`),
      points.length
        ? h(
            "table",
            { class: "dense" },
            h("thead", {}, h("tr", {}, ["Name", "Value", "Timestamp", "Tags"].map((t) => h("th", { scope: "col" }, t)))),
            h(
              "tbody",
              {},
              points.map((p) =>
                h(
                  "tr",
                  {},
                  h("td", {}, p.name),
                  h("td", { class: "number" }, p.value),
                  h("td", {}, when(p.timestamp > 1e11 ? Math.floor(p.timestamp / 1e9) : p.timestamp)),
                  h("td", {}, (p.tags || []).map((t) => `${t.name}=${t.value}`).join(", ")),
                ),
              ),
            ),
          )
        : h("p", {}, "None."),
    );
  }
  await refresh();
  return { refresh };
}

// MARK: Entities

async function entitiesView(container, _, params) {
  async function refresh(change) {
    if (change && change.kind !== "entity" && change.kind !== "event") return;
    const rows = await get(`/dashboard/v1/namespaces/${encodeURIComponent(namespace())}/entities`);
    rows.sort((a, b) => a.name.localeCompare(b.name));
    const recent = departed.filter((item) => item.namespace === namespace() && !rows.some((r) => r.name === item.name));
    container.replaceChildren(
      h("h1", {}, `Entities (${rows.length})`),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "dense", id: "entities" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ["Name", "Class", "Condition", "Worst status", "Subscriptions", "Agent version", "Last seen"].map((t) =>
                h("th", { scope: "col" }, t),
              ),
            ),
          ),
          h(
            "tbody",
            {},
            rows.map((row) => {
              const down = row.keepalive_status !== undefined && row.keepalive_status !== null && row.keepalive_status !== 0;
              return h(
                "tr",
                {
                  dataset: { entity: row.name, condition: down ? "down" : "up" },
                  class: params.get("focus") === row.name ? "focused" : "",
                },
                h(
                  "td",
                  {},
                  h("a", { href: link(["events"], { filter: `event.entity.name == ${row.name}` }) }, row.name),
                ),
                h("td", {}, row.entity_class),
                h(
                  "td",
                  {},
                  down
                    ? h("span", { class: `badge status-${statusName(row.keepalive_status)}` }, "down (keepalive failing)")
                    : row.entity_class === "agent"
                      ? h("span", { class: "badge status-ok" }, "up")
                      : "—",
                ),
                h("td", {}, row.events ? statusBadge(row.worst_status) : "—"),
                h("td", {}, row.subscriptions.join(", ")),
                h("td", {}, row.agent_version || "—"),
                h("td", { title: when(row.last_seen) }, ago(row.last_seen)),
              );
            }),
          ),
        ),
      ),
      h(
        "section",
        { "aria-labelledby": "departed-title", class: "card" },
        h("h2", { id: "departed-title" }, "De-registered while this page was open"),
        recent.length
          ? h(
              "ul",
              { id: "departed", class: "plain" },
              recent.map((item) =>
                h("li", { dataset: { entity: item.name } }, `${item.name} — de-registered ${ago(item.at)}`),
              ),
            )
          : h("p", {}, "None. (An agent stopped gracefully is de-registered at once; one that vanishes is shown down.)"),
      ),
    );
  }
  await refresh();
  return { refresh };
}

// MARK: Resources (checks, handlers, filters, mutators, assets, pipelines)

async function resourcesView(container, [kind = "checks"]) {
  const info = KINDS[kind] || KINDS.checks;
  const status = h("div", { "aria-live": "polite" });
  async function refresh(change) {
    if (change && change.kind !== "resource") return;
    const items = await get(core(namespace(), kind));
    const columns = {
      checks: [
        ["Command", (c) => c.command],
        ["Schedule", (c) => (c.cron ? `cron ${c.cron}` : `every ${c.interval} s`)],
        ["Subscriptions", (c) => (c.subscriptions || []).join(", ")],
        ["Handlers", (c) => (c.handlers || []).join(", ")],
        ["Published", (c) => (c.publish ? "yes" : "no")],
      ],
      handlers: [
        ["Type", (x) => x.type],
        ["Command / target", (x) => x.command || (x.handlers || []).join(", ") || `${x.socket?.host || ""}:${x.socket?.port || ""}`],
        ["Filters", (x) => (x.filters || []).join(", ")],
        ["Mutator", (x) => x.mutator || ""],
      ],
      filters: [
        ["Action", (x) => x.action],
        ["Expressions", (x) => (x.expressions || []).join(" && ")],
      ],
      mutators: [
        ["Type", (x) => x.type || "pipe"],
        ["Command", (x) => x.command || x.eval || ""],
      ],
      assets: [
        ["URL", (x) => x.url || (x.builds || []).map((b) => b.url).join(", ")],
        ["Filters", (x) => (x.filters || []).join(", ")],
      ],
      pipelines: [["Workflows", (x) => (x.workflows || []).map((w) => w.name).join(", ")]],
    }[kind] || [];
    const executeTarget = h("input", { id: "execute-target", placeholder: "entity:NAME (optional)", size: 22 });
    container.replaceChildren(
      h("h1", {}, `${info.title} (${items.length})`),
      kind === "checks"
        ? h(
            "p",
            { class: "toolbar" },
            h("label", { for: "execute-target" }, "Run on"),
            executeTarget,
            h("span", { class: "help" }, "Execute now runs on the check's subscriptions, or only on this target."),
          )
        : null,
      status,
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "dense", id: "resources" },
          h(
            "thead",
            {},
            h("tr", {}, h("th", { scope: "col" }, "Name"), columns.map(([t]) => h("th", { scope: "col" }, t)), kind === "checks" ? h("th", { scope: "col" }, "Actions") : null),
          ),
          h(
            "tbody",
            {},
            items.map((item) =>
              h(
                "tr",
                { dataset: { name: item.metadata.name } },
                h("td", {}, h("a", { href: link(["resource", kind, item.metadata.name]) }, item.metadata.name)),
                columns.map(([, value]) => h("td", {}, value(item) ?? "")),
                kind === "checks"
                  ? h(
                      "td",
                      { class: "actions" },
                      h(
                        "button",
                        {
                          type: "button",
                          "aria-label": `Execute ${item.metadata.name} now`,
                          onclick: async () => {
                            const target = executeTarget.value.trim();
                            try {
                              await request("POST", core(namespace(), "checks", item.metadata.name) + "/execute", {
                                body: { check: item.metadata.name, ...(target ? { subscriptions: [target] } : {}) },
                              });
                              status.replaceChildren(message(`${item.metadata.name}: execution requested.`, "info"));
                            } catch (error) {
                              status.replaceChildren(message(describe(error)));
                            }
                          },
                        },
                        "Execute now",
                      ),
                      h(
                        "button",
                        {
                          type: "button",
                          "aria-label": `Silence ${item.metadata.name}`,
                          onclick: async () => {
                            try {
                              await request("POST", core(namespace(), "silenced"), {
                                body: { metadata: { namespace: namespace() }, check: item.metadata.name, reason: "silenced from the dashboard" },
                              });
                              status.replaceChildren(message(`${item.metadata.name}: silenced on every entity.`, "info"));
                            } catch (error) {
                              status.replaceChildren(message(describe(error)));
                            }
                          },
                        },
                        "Silence",
                      ),
                    )
                  : null,
              ),
            ),
          ),
        ),
      ),
    );
  }
  await refresh();
  return { refresh };
}

/** One resource as YAML, editable: the YAML is converted on the server, then PUT to the REST API. */
async function resourceView(container, [kind, name]) {
  const info = KINDS[kind];
  if (!info) throw new Error(`Unknown kind "${kind}".`);
  const ns = namespace();
  const path = core(ns, kind, name);
  const original = await get(path);
  const yaml = await request("POST", `/dashboard/v1/yaml/encode?type=${info.type}`, { body: original, raw: true });
  const editor = h("textarea", {
    id: "yaml",
    class: "yaml",
    rows: Math.min(40, yaml.split("\n").length + 3),
    spellcheck: false,
    "aria-describedby": "yaml-status",
  });
  editor.value = yaml;
  const status = h("div", { id: "yaml-status", "aria-live": "polite" });
  const save = h("button", { type: "submit", class: "primary" }, "Save");
  const form = h(
    "form",
    {
      onsubmit: async (event) => {
        event.preventDefault();
        status.replaceChildren(message("Saving…", "info"));
        editor.removeAttribute("aria-invalid");
        try {
          const resource = await request("POST", `/dashboard/v1/yaml/decode?type=${info.type}`, {
            body: editor.value,
            contentType: "application/yaml",
          });
          const target = core(resource.metadata?.namespace || ns, kind, resource.metadata?.name || name);
          await request("PUT", target, { body: resource });
          status.replaceChildren(message(`Saved ${resource.metadata?.name || name}.`, "success"));
        } catch (error) {
          if (error instanceof SessionError) throw error;
          editor.setAttribute("aria-invalid", "true");
          status.replaceChildren(message(`Not saved: ${describe(error)}`));
        }
      },
    },
    h("label", { for: "yaml" }, `${info.type} ${name} (YAML)`),
    editor,
    h("div", { class: "toolbar" }, save, h("a", { href: link([kind === "checks" ? "checks" : "resources", ...(kind === "checks" ? [] : [kind])]) }, "Back to the list")),
    status,
  );
  container.replaceChildren(
    h("p", { class: "crumbs" }, h("a", { href: link(kind === "checks" ? ["checks"] : ["resources", kind]) }, info.title), " / ", name),
    h("h1", {}, name),
    form,
  );
  return {
    refresh(change) {
      if (change && change.kind === "resource" && change.name === name && change.type === info.type) {
        if (!status.querySelector(".success"))
          status.replaceChildren(message("This resource changed on the server; reload to see the new version.", "info"));
      }
    },
  };
}

// MARK: Silences

async function silencesView(container) {
  const status = h("div", { "aria-live": "polite" });
  const field = (id, label, attributes = {}) => [h("label", { for: id }, label), h("input", { id, name: id, ...attributes })];
  const form = h(
    "form",
    { class: "stack", "aria-labelledby": "new-silence" },
    h("h2", { id: "new-silence" }, "New silence"),
    field("silence-subscription", "Subscription", { placeholder: "linux (empty: every subscription)" }),
    field("silence-check", "Check", { placeholder: "check-nginx (empty: every check)" }),
    field("silence-entity", "Entity", { placeholder: "web-1 (sets the subscription entity:web-1)" }),
    field("silence-expire", "Expires after (seconds)", { type: "number", min: "1", placeholder: "no expiry" }),
    h("label", { class: "inline" }, h("input", { type: "checkbox", id: "silence-eor", name: "silence-eor" }), " Expire when resolved"),
    field("silence-reason", "Reason"),
    h("button", { type: "submit", class: "primary" }, "Create silence"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const entity = form["silence-entity"].value.trim();
    const body = {
      metadata: { namespace: namespace() },
      subscription: entity ? `entity:${entity}` : form["silence-subscription"].value.trim(),
      check: form["silence-check"].value.trim(),
      expire_on_resolve: form["silence-eor"].checked,
      reason: form["silence-reason"].value.trim(),
    };
    const expire = form["silence-expire"].value.trim();
    if (expire) body.expire = Number(expire);
    if (!body.subscription && !body.check) return status.replaceChildren(message("Give a subscription, an entity or a check."));
    try {
      await request("POST", core(namespace(), "silenced"), { body });
      status.replaceChildren(message("Silence created.", "success"));
      form.reset();
      await refresh();
    } catch (error) {
      status.replaceChildren(message(`Not created: ${describe(error)}`));
    }
  });
  const list = h("div", { class: "table-wrap" });
  async function refresh(change) {
    if (change && !(change.kind === "resource" && change.type === "Silenced")) return;
    const items = await get(core(namespace(), "silenced"));
    list.replaceChildren(
      h(
        "table",
        { class: "dense", id: "silences" },
        h("thead", {}, h("tr", {}, ["Name", "Subscription", "Check", "Creator", "Expires", "On resolve", "Reason", ""].map((t) => h("th", { scope: "col" }, t)))),
        h(
          "tbody",
          {},
          items.map((s) =>
            h(
              "tr",
              { dataset: { name: s.metadata.name } },
              h("td", {}, s.metadata.name),
              h("td", {}, s.subscription || "*"),
              h("td", {}, s.check || "*"),
              h("td", {}, s.creator || ""),
              h("td", {}, s.expire_at ? when(s.expire_at) : "never"),
              h("td", {}, s.expire_on_resolve ? "yes" : "no"),
              h("td", {}, s.reason || ""),
              h(
                "td",
                {},
                h(
                  "button",
                  {
                    type: "button",
                    class: "danger",
                    "aria-label": `Delete silence ${s.metadata.name}`,
                    onclick: async () => {
                      try {
                        await request("DELETE", core(namespace(), "silenced", s.metadata.name));
                        await refresh();
                      } catch (error) {
                        status.replaceChildren(message(describe(error)));
                      }
                    },
                  },
                  "Delete",
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }
  container.replaceChildren(h("h1", {}, "Silences"), status, list, form);
  await refresh();
  return { refresh };
}

const VIEWS = {
  overview: overviewView,
  events: eventsView,
  event: eventView,
  entities: entitiesView,
  checks: (container) => resourcesView(container, ["checks"]),
  resources: resourcesView,
  resource: resourceView,
  silences: silencesView,
};

// MARK: Start

namespaceSelect.addEventListener("change", () => {
  const { parts } = route();
  const list = { event: "events", resource: parts[1] === "checks" ? "checks" : "resources" }[parts[0]];
  location.hash = list ? link(list === "resources" ? ["resources", parts[1]] : [list], { ns: namespaceSelect.value }) : link([parts[0] || "overview"], { ns: namespaceSelect.value });
});
signOutButton.addEventListener("click", async () => {
  await signOut();
  showSignIn("You are signed out.");
});
window.addEventListener("hashchange", render);
window.addEventListener("unhandledrejection", (event) => {
  if (event.reason instanceof SessionError) {
    forget();
    showSignIn(event.reason.message);
  }
});
start();
