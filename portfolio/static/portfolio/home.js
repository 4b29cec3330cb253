// The page at `/`: the assistant over /ws/chat (token frames, then `done` with the
// sources) and "ask my CV" over POST /api/v1/cv/query. Text only: nothing from
// the server is inserted as HTML. Its own words come translated from the page
// (the `home-ui` JSON, portfolio/home.py), `%(name)s` filled in here.
"use strict";

const language = document.body.dataset.language || "en";
const ui = JSON.parse(document.getElementById("home-ui").textContent);

function say(template, values = {}) {
  return template.replace(/%\((\w+)\)s/g, (_, name) => String(values[name])).replace(/%%/g, "%");
}

function parts(id) {
  const get = (suffix) => document.getElementById(`${id}-${suffix}`);
  return { form: get("form"), answer: get("answer"), meta: get("meta"), sources: get("sources") };
}

function showSources(list, sources, label) {
  list.replaceChildren(
    ...sources.map((source) => {
      const item = document.createElement("li");
      item.textContent = label(source);
      return item;
    }),
  );
}

function reset(view, placeholder = "") {
  view.answer.textContent = placeholder;
  view.answer.classList.remove("error");
  view.meta.textContent = "";
  view.sources.replaceChildren();
}

function showError(view, message) {
  view.answer.textContent = message;
  view.answer.classList.add("error");
}

function sourceLabel(source) {
  if (source.type === "cv") return say(ui.cv_source, source);
  // An answer the owner wrote once (the FAQ) names the question it answers.
  if (source.type === "faq") return `FAQ: ${source.question}`;
  const type = ui.source_types[source.type] || source.type;
  return `${type}: ${source.title || source.id}`;
}

// --- The assistant, streamed over the WebSocket --------------------------------
const chat = parts("chat");
let socket = null;
let sessionId = sessionStorage.getItem("chat-session") || null;

function openSocket() {
  if (socket && socket.readyState <= WebSocket.OPEN) return Promise.resolve(socket);
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${location.host}/ws/chat?lang=${language}`);
  socket.addEventListener("message", (event) => onFrame(JSON.parse(event.data)));
  socket.addEventListener("close", () => {
    chat.form.querySelector("button").disabled = false;
  });
  return new Promise((resolve, reject) => {
    socket.addEventListener("open", () => resolve(socket), { once: true });
    socket.addEventListener("error", () => reject(new Error(ui.unreachable)), { once: true });
  });
}

function onFrame(frame) {
  if (frame.type === "token") {
    chat.answer.append(frame.content);
  } else if (frame.type === "done") {
    chat.answer.textContent = frame.answer;
    sessionId = frame.session_id;
    sessionStorage.setItem("chat-session", sessionId);
    chat.meta.textContent = say(ui.answered_at, { time: frame.timestamp });
    showSources(chat.sources, frame.sources || [], sourceLabel);
    chat.form.querySelector("button").disabled = false;
  } else if (frame.type === "error") {
    showError(chat, frame.error);
    chat.form.querySelector("button").disabled = false;
  }
}

chat.form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const content = chat.form.question.value.trim();
  if (!content) return;
  reset(chat);
  chat.form.querySelector("button").disabled = true;
  try {
    const open = await openSocket();
    const frame = { type: "message", content };
    if (sessionId) frame.session_id = sessionId;
    open.send(JSON.stringify(frame));
  } catch (error) {
    showError(chat, error.message);
    chat.form.querySelector("button").disabled = false;
  }
});

// --- Ask my CV, over HTTP --------------------------------------------------------
const cv = parts("cv");

cv.form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const question = cv.form.question.value.trim();
  if (!question) return;
  reset(cv, ui.working);
  try {
    const response = await fetch("/api/v1/cv/query", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept-Language": language },
      body: JSON.stringify({ question }),
    });
    const body = await response.json();
    if (!body.success) return showError(cv, body.error);
    const { answer, confidence, sources } = body.data;
    cv.answer.textContent = answer;
    cv.meta.textContent = say(ui.confidence, { percent: Math.round(confidence * 100) });
    showSources(cv.sources, sources, (s) =>
      s.type === "faq" ? sourceLabel(s) : say(ui.cv_passage, { ...s, score: s.score.toFixed(2) }),
    );
  } catch (error) {
    showError(cv, ui.cv_failed);
  }
});
