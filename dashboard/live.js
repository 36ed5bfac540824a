// Live changes: reads /dashboard/v1/changes (Server-Sent Events) with fetch, so the request carries the same
// Authorization header as every API call (EventSource cannot send one). Reconnects with a growing delay; after
// every (re)connect the page resynchronises, because changes made while disconnected were not seen.

import { authorization, SessionError } from "./api.js";

export function connect({ onChange, onResync, onState, onSessionLost }) {
  let stopped = false;
  let controller = null;
  let delay = 500;

  async function run() {
    while (!stopped) {
      try {
        controller = new AbortController();
        const response = await fetch("/dashboard/v1/changes", {
          headers: { Authorization: await authorization(), Accept: "text/event-stream" },
          signal: controller.signal,
        });
        if (response.status === 401) throw new SessionError("Your session has expired. Please sign in again.");
        if (!response.ok || !response.body) throw new Error(`live updates: ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = "message";
            let data = "";
            for (const line of block.split("\n")) {
              if (line.startsWith("event:")) event = line.slice(6).trim();
              else if (line.startsWith("data:")) data += line.slice(5).trim();
            }
            if (event === "hello") {
              delay = 500;
              onState("live");
              onResync();
            } else if (event === "change") {
              const change = JSON.parse(data);
              if (change.kind === "resync") onResync();
              else onChange(change);
            }
          }
        }
      } catch (error) {
        if (stopped) return;
        if (error instanceof SessionError) {
          onSessionLost(error.message);
          return;
        }
      }
      if (stopped) return;
      onState("reconnecting");
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10000);
    }
  }
  run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
