// Small DOM helpers: elements are built with properties and text nodes only (never innerHTML from data).

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === "class") element.className = value;
    else if (name === "dataset") Object.assign(element.dataset, value);
    else if (name in element && typeof value !== "string") element[name] = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export const STATUS = ["ok", "warning", "critical", "unknown"];

export function statusName(status) {
  return STATUS[Math.min(status ?? 3, 3)];
}

export function statusBadge(status) {
  const name = statusName(status);
  return h("span", { class: `badge status-${name}` }, name.toUpperCase());
}

export function ago(seconds) {
  if (!seconds) return "never";
  const delta = Math.round(Date.now() / 1000 - seconds);
  if (delta < 5) return "just now";
  if (delta < 60) return `${delta} s ago`;
  if (delta < 3600) return `${Math.round(delta / 60)} min ago`;
  if (delta < 86400) return `${Math.round(delta / 3600)} h ago`;
  return new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ");
}

export function when(seconds) {
  return seconds ? new Date(seconds * 1000).toLocaleString() : "—";
}
