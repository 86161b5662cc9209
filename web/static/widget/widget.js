/*
 * The firm's chat widget. No framework; embed with one tag:
 *
 *   <script src="https://firm.example/static/widget/widget.js" defer
 *     data-server-url="https://bot.firm.example"   (the Rasa server; required)
 *     data-firm-name="Rivera & Cole Immigration Law"
 *     data-assistant-name="Sol"
 *     data-primary-color="#1d4e89" data-primary-text-color="#ffffff"
 *     data-initial-message="/greet"                (sent, not shown, when a conversation begins)
 *     data-phone="(312) 555-0148"></script>        (shown when the chat cannot connect)
 *
 * Optional: data-socket-path (default /socket.io/), data-socketio-src and
 * data-stylesheet (default: socket.io-client and widget.css from the site that
 * serves this file). Any element with a data-intake-open attribute opens the chat.
 *
 * Talks to the socket.io channel of connectors/channels.py. The server issues
 * the session id and a signed token for it (the "session_token" event, before
 * "session_confirm"); only the token rejoins the conversation after a reload.
 * The conversation (session id and token, transcript, unsent messages) is kept
 * in sessionStorage, never localStorage, so it survives reloads and navigation
 * in this tab but not closing it: the next person on a shared computer does
 * not see it. Everything anyone typed or the bot sent is shown with
 * textContent, never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.IntakeWidget) {
    return;
  }

  // --- configuration ----------------------------------------------------------
  function attr(name, fallback) {
    var value = script.getAttribute("data-" + name);
    return value === null || value === "" ? fallback : value;
  }

  var scriptUrl = new URL(script.src, document.baseURI);
  var config = {
    serverUrl: attr("server-url", ""),
    socketPath: attr("socket-path", "/socket.io/"),
    firmName: attr("firm-name", "Chat"),
    assistantName: attr("assistant-name", "Assistant"),
    primary: attr("primary-color", "#1d4e89"),
    primaryText: attr("primary-text-color", "#ffffff"),
    initialMessage: attr("initial-message", "/greet"),
    phone: attr("phone", ""),
    socketIoSrc: attr("socketio-src", scriptUrl.origin + "/vendor/socket.io-client/socket.io.min.js"),
    stylesheet: attr("stylesheet", new URL("widget.css", scriptUrl).href),
    storageKey: attr("storage-key", "intake-widget"),
    // The first language of the widget's own words ("es"); the page's lang by default.
    language: attr("language", document.documentElement.getAttribute("lang") || "en"),
    setPageLanguage: attr("set-page-language", "true") !== "false"
  };
  var MAX_ITEMS = 300;
  // The server reads at most 4,000 characters (bot/text_input.py) and answers a
  // longer message itself. A message is sent whole up to twice that in UTF-16
  // units (a character is one or two), well inside the server's 64 KB packet
  // limit; anything longer is over the limit whatever it contains, so only its
  // start is sent, to get the server's answer, and the whole text is put back.
  var SEND_LIMIT = 2 * 4000 + 2;
  var TURN_TIMEOUT = 60000;
  var COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

  // --- the widget's own words, in the conversation's language --------------------
  // The language follows the conversation: the visitor's switch in the header, or
  // the assistant's replies (its Spanish ones carry accents or ¿/¡; the English
  // ones none). The bot's own replies come in the language it chose.
  var STRINGS = {
    en: {
      chat: "Chat with us", hide: "Hide chat", subtitle: "virtual assistant \u00B7 not legal advice",
      restart: "Start over", close: "Close chat", confirm: "Clear this conversation and start again?",
      confirmYes: "Yes, start over", cancel: "Cancel", log: "Conversation", typing: " is typing",
      input: "Type your message", send: "Send", suggested: "Suggested answers", updates: "Posted updates",
      published: "Published ", booked: "Consultation booked", when: "When", attorney: "Attorney", how: "How",
      reference: "Reference", ics: "Add to my calendar (.ics)", botSaid: " said: ", youSaid: "You said: ",
      pending: "Not sent yet", newOne: " new message", newMany: " new messages",
      offline: "You're offline. Messages you type will be sent when the connection is back.",
      lost: "Connection lost. Reconnecting\u2026 Messages you type will be sent when it's back.",
      refused: "Sorry, the chat isn't available right now.", callUs: " Please call us at ",
      switchTo: "Español", switchLabel: "Continuar en español", switchCode: "es"
    },
    es: {
      chat: "Escríbanos", hide: "Ocultar chat", subtitle: "asistente virtual \u00B7 no es consejo legal",
      restart: "Empezar de nuevo", close: "Cerrar chat", confirm: "¿Borrar esta conversación y empezar de nuevo?",
      confirmYes: "Sí, empezar de nuevo", cancel: "Cancelar", log: "Conversación", typing: " está escribiendo",
      input: "Escriba su mensaje", send: "Enviar", suggested: "Respuestas sugeridas", updates: "Publicaciones",
      published: "Publicado ", booked: "Consulta reservada", when: "Cuándo", attorney: "Abogado", how: "Cómo",
      reference: "Referencia", ics: "Agregar a mi calendario (.ics)", botSaid: " dijo: ", youSaid: "Usted dijo: ",
      pending: "Sin enviar", newOne: " mensaje nuevo", newMany: " mensajes nuevos",
      offline: "Está sin conexión. Lo que escriba se enviará cuando vuelva la conexión.",
      lost: "Se perdió la conexión. Reconectando\u2026 Lo que escriba se enviará cuando vuelva.",
      refused: "Lo siento, el chat no está disponible ahora.", callUs: " Por favor llámenos al ",
      switchTo: "English", switchLabel: "Continue in English", switchCode: "en"
    }
  };
  var SPANISH_MARKS = /[¿¡ñáéíóúÑÁÉÍÓÚ]/;

  function t(key) {
    return (STRINGS[state.language] || STRINGS.en)[key];
  }

  // --- state (kept in sessionStorage) -----------------------------------------
  // items: what the transcript shows; outbox: messages not yet acknowledged by
  // the server ({message, item, sent}); started: the opening message was queued;
  // interrupted: a turn was cut off, so ask the bot to repeat its question.
  function freshState() {
    return { v: 1, sessionId: null, sessionToken: null, open: false, started: false, items: [], outbox: [], nextId: 1, interrupted: false,
             language: /^es\b/i.test(config.language || "") ? "es" : "en" };
  }

  var memoryOnly = false;
  function load() {
    try {
      var raw = window.sessionStorage.getItem(config.storageKey);
      var saved = raw ? JSON.parse(raw) : null;
      if (saved && saved.v === 1 && Array.isArray(saved.items) && Array.isArray(saved.outbox)) {
        return saved;
      }
    } catch (e) {
      memoryOnly = true;
    }
    return freshState();
  }

  function save() {
    if (memoryOnly) {
      return;
    }
    try {
      if (state.items.length > MAX_ITEMS) {
        state.items = state.items.slice(-MAX_ITEMS);
      }
      window.sessionStorage.setItem(config.storageKey, JSON.stringify(state));
    } catch (e) {
      memoryOnly = true; // storage full or disabled: the chat still works in this page
    }
  }

  var state = load();
  if (!STRINGS[state.language]) {
    state.language = /^es\b/i.test(config.language) ? "es" : "en"; // saved before the language was kept
  }
  // A message sent just before the page was left may have been answered while
  // no page was listening: ask the bot to repeat its question rather than send
  // the message twice. Messages never sent (typed offline) are kept and sent.
  (function settleAfterReload() {
    var before = state.outbox.length;
    state.outbox = state.outbox.filter(function (entry) { return !entry.sent; });
    if (state.outbox.length < before) {
      state.interrupted = true;
    }
  })();

  // --- DOM helpers ----------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function safeUrl(value) {
    if (typeof value !== "string" || !value) {
      return null;
    }
    try {
      var url = new URL(value, document.baseURI);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  var idCounter = 0;
  function uid(prefix) {
    idCounter += 1;
    return "iw-" + prefix + "-" + idCounter;
  }

  function link(href, text) {
    var a = el("a", "iw-link", text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.appendChild(el("span", "iw-visually-hidden", " (opens in a new tab)"));
    return a;
  }

  // Text with its web addresses as links; everything else as plain text nodes.
  var URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;
  function appendText(parent, text) {
    var last = 0;
    var match;
    text = String(text);
    URL_PATTERN.lastIndex = 0;
    while ((match = URL_PATTERN.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var href = safeUrl(match[0]);
      parent.appendChild(href ? link(href, match[0]) : document.createTextNode(match[0]));
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function speechBubbleIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "iw-launcher-icon");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "22");
    svg.setAttribute("height", "22");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z");
    svg.appendChild(path);
    return svg;
  }

  // --- the widget's DOM ----------------------------------------------------------
  var root = el("div", "iw-root");
  root.id = "intake-widget";
  if (COLOUR.test(config.primary) && COLOUR.test(config.primaryText)) {
    root.style.setProperty("--iw-primary", config.primary);
    root.style.setProperty("--iw-primary-text", config.primaryText);
  }

  var panelId = uid("panel");
  var titleId = uid("title");
  var inputId = uid("input");

  var launcher = el("button", "iw-launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-controls", panelId);
  launcher.setAttribute("aria-expanded", "false");
  var launcherText = el("span", "iw-launcher-text", t("chat"));
  var launcherBadge = el("span", "iw-visually-hidden iw-badge");
  launcher.appendChild(speechBubbleIcon());
  launcher.appendChild(launcherText);
  launcher.appendChild(launcherBadge);

  var panel = el("section", "iw-panel");
  panel.id = panelId;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-modal", "false");
  panel.setAttribute("aria-labelledby", titleId);
  panel.hidden = true;

  var header = el("div", "iw-header");
  var heading = el("div", "iw-heading");
  var title = el("h2", "iw-title", config.firmName);
  title.id = titleId;
  var subtitle = el("p", "iw-subtitle", config.assistantName + ", " + t("subtitle"));
  heading.appendChild(title);
  heading.appendChild(subtitle);
  var restartButton = el("button", "iw-header-button iw-restart", t("restart"));
  restartButton.type = "button";
  var languageButton = el("button", "iw-header-button iw-language", t("switchTo"));
  languageButton.type = "button";
  var closeButton = el("button", "iw-header-button iw-close");
  closeButton.type = "button";
  closeButton.setAttribute("aria-label", t("close"));
  var closeIcon = el("span", null, "\u00D7");
  closeIcon.setAttribute("aria-hidden", "true");
  closeButton.appendChild(closeIcon);
  header.appendChild(heading);
  header.appendChild(languageButton);
  header.appendChild(restartButton);
  header.appendChild(closeButton);

  var confirmBox = el("div", "iw-confirm");
  confirmBox.setAttribute("role", "group");
  var confirmTextId = uid("confirm");
  confirmBox.setAttribute("aria-labelledby", confirmTextId);
  var confirmText = el("p", "iw-confirm-text", t("confirm"));
  confirmText.id = confirmTextId;
  var confirmYes = el("button", "iw-button iw-confirm-yes", t("confirmYes"));
  confirmYes.type = "button";
  var confirmNo = el("button", "iw-button iw-button-secondary iw-confirm-no", t("cancel"));
  confirmNo.type = "button";
  confirmBox.appendChild(confirmText);
  confirmBox.appendChild(confirmYes);
  confirmBox.appendChild(confirmNo);
  confirmBox.hidden = true;

  var statusBar = el("div", "iw-status");
  statusBar.setAttribute("role", "status");
  statusBar.setAttribute("aria-live", "polite");

  var log = el("div", "iw-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-relevant", "additions");
  log.setAttribute("aria-label", t("log"));
  log.tabIndex = 0;

  var typing = el("div", "iw-typing");
  var typingText = el("span", "iw-typing-text", config.assistantName + t("typing"));
  typing.appendChild(typingText);
  var dots = el("span", "iw-dots");
  dots.setAttribute("aria-hidden", "true");
  dots.appendChild(el("span"));
  dots.appendChild(el("span"));
  dots.appendChild(el("span"));
  typing.appendChild(dots);
  typing.hidden = true;

  var form = el("form", "iw-form");
  form.setAttribute("novalidate", "");
  var label = el("label", "iw-visually-hidden", t("input"));
  label.htmlFor = inputId;
  var input = el("input", "iw-input");
  input.id = inputId;
  input.type = "text";
  input.autocomplete = "off";
  input.placeholder = t("input");
  var sendButton = el("button", "iw-send", t("send"));
  sendButton.type = "submit";
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(sendButton);

  panel.appendChild(header);
  panel.appendChild(confirmBox);
  panel.appendChild(statusBar);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(form);
  root.appendChild(panel);
  root.appendChild(launcher);

  // --- rendering ---------------------------------------------------------------
  var MODES = { phone: "Phone call", video: "Video call", in_person: "In person" };

  function renderReplies(item, wrapper) {
    var group = el("div", "iw-replies");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", t("suggested"));
    item.replies.forEach(function (reply, index) {
      var button = el("button", "iw-reply", reply.title);
      button.type = "button";
      button.disabled = !!item.used;
      if (item.chosen === index) {
        button.classList.add("iw-chosen");
        button.setAttribute("aria-pressed", "true");
      }
      button.addEventListener("click", function () {
        if (item.used) {
          return;
        }
        item.chosen = index;
        send(reply.payload, reply.title);
        input.focus();
      });
      group.appendChild(button);
    });
    wrapper.appendChild(group);
  }

  function renderUpdates(item, bubble) {
    var list = el("ul", "iw-cards");
    list.setAttribute("aria-label", t("updates"));
    (item.data.items || []).forEach(function (card) {
      if (!card || typeof card !== "object") {
        return;
      }
      var li = el("li", "iw-card");
      var href = safeUrl(card.url);
      var cardTitle = el("p", "iw-card-title");
      if (href) {
        cardTitle.appendChild(link(href, card.title || card.url));
      } else {
        cardTitle.textContent = card.title || "";
      }
      li.appendChild(cardTitle);
      if (card.date || card.published) {
        li.appendChild(el("p", "iw-card-date", t("published") + (card.date || card.published)));
      }
      if (card.summary) {
        li.appendChild(el("p", "iw-card-summary", card.summary));
      }
      list.appendChild(li);
    });
    bubble.appendChild(list);
  }

  function renderBooking(item, bubble) {
    var b = item.data;
    bubble.appendChild(el("p", "iw-booking-title", t("booked")));
    var dl = el("dl", "iw-booking-details");
    [[t("when"), b.when], [t("attorney"), b.attorney], [t("how"), MODES[b.mode] || b.mode], [t("reference"), b.reference]].forEach(function (row) {
      if (row[1] === undefined || row[1] === null || row[1] === "") {
        return;
      }
      dl.appendChild(el("dt", null, row[0]));
      dl.appendChild(el("dd", null, row[1]));
    });
    bubble.appendChild(dl);
    var ics = safeUrl(b.ics_url);
    if (ics) {
      var a = el("a", "iw-link iw-ics", t("ics"));
      a.href = ics;
      a.setAttribute("download", "");
      bubble.appendChild(a);
    }
  }

  function renderItem(item) {
    var wrapper = el("div", "iw-item iw-from-" + item.from);
    wrapper.setAttribute("data-item", String(item.id));
    var bubble = el("div", "iw-bubble iw-" + item.type);
    bubble.appendChild(el("span", "iw-visually-hidden", item.from === "bot" ? config.assistantName + t("botSaid") : t("youSaid")));
    if (item.type === "updates") {
      renderUpdates(item, bubble);
    } else if (item.type === "booking") {
      renderBooking(item, bubble);
    } else {
      var text = el("p", "iw-text");
      if (item.from === "bot") {
        appendText(text, item.text);
      } else {
        text.textContent = item.text;
      }
      bubble.appendChild(text);
    }
    if (item.pending) {
      bubble.appendChild(el("span", "iw-pending", t("pending")));
    }
    wrapper.appendChild(bubble);
    if (item.replies && item.replies.length) {
      renderReplies(item, wrapper);
    }
    return wrapper;
  }

  function renderAll() {
    log.textContent = "";
    state.items.forEach(function (item) {
      log.appendChild(renderItem(item));
    });
    scrollToEnd();
  }

  function itemNode(item) {
    return log.querySelector('[data-item="' + item.id + '"]');
  }

  // Changes to shown messages are made in place (attributes, a removed label),
  // so that screen readers do not announce the message again.
  function markUsed(item) {
    var node = itemNode(item);
    if (!node) {
      return;
    }
    var hadFocus = node.contains(document.activeElement);
    Array.prototype.forEach.call(node.querySelectorAll(".iw-reply"), function (button, index) {
      button.disabled = true;
      if (item.chosen === index) {
        button.classList.add("iw-chosen");
        button.setAttribute("aria-pressed", "true");
      }
    });
    if (hadFocus) {
      input.focus();
    }
  }

  function markSent(item) {
    var node = itemNode(item);
    var pending = node && node.querySelector(".iw-pending");
    if (pending) {
      pending.parentNode.removeChild(pending);
    }
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function addItem(item) {
    item.id = state.nextId++;
    state.items.push(item);
    save();
    log.appendChild(renderItem(item));
    scrollToEnd();
    return item;
  }

  function findItem(id) {
    for (var i = state.items.length - 1; i >= 0; i--) {
      if (state.items[i].id === id) {
        return state.items[i];
      }
    }
    return null;
  }

  // --- status, typing, unread -------------------------------------------------
  var unread = 0;
  function setStatus(text, kind) {
    statusBar.textContent = text || "";
    statusBar.className = "iw-status" + (kind ? " iw-status-" + kind : "");
  }

  // "connecting", "online", "offline" or "refused", on the widget's root element
  // (for the site's own styling, and for tests).
  function setConnection(name) {
    root.setAttribute("data-connection", name);
  }

  function offlineText() {
    return navigator.onLine === false ? t("offline") : t("lost");
  }

  function refusedText() {
    return t("refused") + (config.phone ? t("callUs") + config.phone + "." : "");
  }

  function updateLauncher() {
    launcher.setAttribute("aria-expanded", state.open ? "true" : "false");
    launcherText.textContent = state.open ? t("hide") : t("chat");
    var showUnread = !state.open && unread > 0;
    launcher.classList.toggle("iw-has-unread", showUnread);
    launcherBadge.textContent = showUnread ? ", " + unread + (unread === 1 ? t("newOne") : t("newMany")) : "";
  }

  // The widget's words, its lang attribute and the page's follow the conversation's language.
  function applyLanguage() {
    root.setAttribute("lang", state.language);
    if (config.setPageLanguage !== false) {
      document.documentElement.setAttribute("lang", state.language);
    }
    subtitle.textContent = config.assistantName + ", " + t("subtitle");
    restartButton.textContent = t("restart");
    languageButton.textContent = t("switchTo");
    languageButton.setAttribute("aria-label", t("switchLabel"));
    languageButton.setAttribute("lang", t("switchCode"));
    closeButton.setAttribute("aria-label", t("close"));
    confirmText.textContent = t("confirm");
    confirmYes.textContent = t("confirmYes");
    confirmNo.textContent = t("cancel");
    log.setAttribute("aria-label", t("log"));
    typingText.textContent = config.assistantName + t("typing");
    label.textContent = t("input");
    input.placeholder = t("input");
    sendButton.textContent = t("send");
    updateLauncher();
  }

  function setLanguage(code, rerender) {
    if (code === state.language || !STRINGS[code]) {
      return;
    }
    state.language = code;
    save();
    applyLanguage();
    if (rerender) {
      renderAll(); // cards and labels in the new language
    }
  }

  // The language of one of the assistant's replies: Spanish ones carry accents or ¿/¡.
  function languageOfReply(text) {
    if (SPANISH_MARKS.test(text)) {
      return "es";
    }
    return text.split(/\s+/).length >= 6 ? "en" : null;
  }

  function updateTyping() {
    typing.hidden = !(connected && inflight);
    if (!typing.hidden) {
      scrollToEnd();
    }
  }

  // --- the connection -------------------------------------------------------------
  var socket = null;
  var connected = false; // a session confirmed on a live connection
  var inflight = null; // the outbox entry sent and not yet acknowledged
  var refused = false;
  var turnTimer = null;
  var offeredToken = null; // the "session_token" that came just before "session_confirm"

  function loadSocketIo(callback) {
    if (window.io) {
      callback();
      return;
    }
    var tag = document.createElement("script");
    tag.src = config.socketIoSrc;
    tag.async = true;
    tag.onload = callback;
    tag.onerror = function () {
      socket = null;
      setStatus("The chat could not load. Please reload the page" + (config.phone ? " or call " + config.phone : "") + ".", "error");
    };
    document.head.appendChild(tag);
  }

  function connect() {
    if (socket) {
      return;
    }
    if (!config.serverUrl) {
      setStatus("The chat is not configured on this page.", "error");
      return;
    }
    socket = {}; // loading socket.io-client
    setConnection("connecting");
    // Whatever the network does, a visitor never waits on a silent widget.
    setTimeout(function () {
      if (!connected && !refused) {
        setConnection("offline");
        setStatus(offlineText(), "offline");
      }
    }, 8000);
    loadSocketIo(function () {
      socket = window.io(config.serverUrl, {
        path: config.socketPath,
        reconnection: true,
        reconnectionDelay: 500,
        reconnectionDelayMax: 4000,
        timeout: 10000
      });
      socket.on("connect", function () {
        var request = { session_id: state.sessionId };
        if (state.sessionToken) {
          request.session_token = state.sessionToken;
        }
        offeredToken = null;
        socket.emit("session_request", request);
      });
      socket.on("session_token", function (token) {
        offeredToken = typeof token === "string" ? token : null;
      });
      // The server asks whether this tab still holds the session (another tab claims it).
      socket.on("session_check", function () {
        var ack = arguments[arguments.length - 1];
        if (typeof ack === "function") {
          ack(true);
        }
      });
      socket.on("session_confirm", onSessionConfirm);
      socket.on("bot_uttered", onBotMessage);
      socket.on("disconnect", onDisconnect);
      socket.on("connect_error", onConnectError);
    });
  }

  function onSessionConfirm(data) {
    var id = data && typeof data === "object" ? data.session_id : data;
    if (!id) {
      return;
    }
    if (state.sessionId && String(id) !== state.sessionId) {
      // The server started another conversation (no valid token, or the old one is
      // open in another tab): a fresh transcript, opened with the greeting.
      state.items = [];
      state.started = false;
      state.interrupted = false;
      renderAll();
    }
    state.sessionId = String(id);
    state.sessionToken = offeredToken && offeredToken.split(".")[0] === state.sessionId ? offeredToken : null;
    offeredToken = null;
    connected = true;
    refused = false;
    setConnection("online");
    setStatus("");
    if (!state.started) {
      state.started = true;
      state.outbox.unshift({ message: config.initialMessage, item: null });
    } else if (state.interrupted && state.outbox.length === 0) {
      state.outbox.push({ message: config.initialMessage, item: null });
    }
    state.interrupted = false;
    save();
    flush();
  }

  function onDisconnect(reason) {
    connected = false;
    if (inflight) {
      // Sent, not acknowledged: the answer may have gone out while we were away.
      var lost = inflight;
      state.outbox = state.outbox.filter(function (entry) { return entry !== lost; });
      inflight = null;
      state.interrupted = true;
      save();
    }
    clearTimeout(turnTimer);
    updateTyping();
    setConnection("offline");
    setStatus(offlineText(), "offline");
    if (reason === "io server disconnect" && socket && socket.connect) {
      setTimeout(function () { socket.connect(); }, 1000);
    }
  }

  function onConnectError() {
    connected = false;
    if (socket && socket.active === false) {
      // The server refused this page (for example, an origin it does not accept).
      refused = true;
      setConnection("refused");
      setStatus(refusedText(), "error");
      return;
    }
    setConnection("offline");
    setStatus(offlineText(), "offline");
  }

  // Send the first queued message once the session is confirmed; the next one
  // after the server acknowledges it (the acknowledgement ends the bot's turn).
  function flush() {
    if (!connected || inflight || !state.outbox.length || !socket || !socket.emit) {
      updateTyping();
      return;
    }
    var entry = state.outbox[0];
    entry.sent = true;
    inflight = entry;
    if (entry.item !== null) {
      var item = findItem(entry.item);
      if (item && item.pending) {
        item.pending = false;
        markSent(item);
      }
    }
    save();
    updateTyping();
    function done(result) {
      if (inflight !== entry) {
        return;
      }
      if (result && result.error === "too_long") {
        restoreToInput(entry); // the server said why; the visitor keeps what they wrote
      }
      clearTimeout(turnTimer);
      inflight = null;
      state.outbox = state.outbox.filter(function (e) { return e !== entry; });
      save();
      flush();
    }
    clearTimeout(turnTimer);
    turnTimer = setTimeout(done, TURN_TIMEOUT); // no acknowledgement: stop waiting, go on
    socket.emit("user_uttered", { message: entry.message.slice(0, SEND_LIMIT), session_id: state.sessionId }, done);
  }

  function restoreToInput(entry) {
    var item = entry.item !== null ? findItem(entry.item) : null;
    if (item && item.type === "text" && input.value === "") {
      input.value = item.text;
    }
  }

  // --- messages ----------------------------------------------------------------
  function repliesOf(message) {
    var list = message.quick_replies || message.buttons || [];
    if (!Array.isArray(list)) {
      return [];
    }
    return list
      .filter(function (b) { return b && (typeof b.payload === "string" || typeof b.title === "string"); })
      .map(function (b) { return { title: String(b.title || b.payload), payload: String(b.payload || b.title) }; });
  }

  function onBotMessage(message) {
    if (!message || typeof message !== "object") {
      return;
    }
    var added = false;
    if (typeof message.text === "string" && message.text !== "") {
      var replyLanguage = languageOfReply(message.text);
      if (replyLanguage) {
        setLanguage(replyLanguage, false);
      }
      addItem({ from: "bot", type: "text", text: message.text, replies: repliesOf(message) });
      added = true;
    }
    var custom = message.custom && typeof message.custom === "object" ? message.custom : (message.type ? message : null);
    if (custom && custom.type === "updates" && Array.isArray(custom.items)) {
      addItem({ from: "bot", type: "updates", data: { items: custom.items } });
      added = true;
    } else if (custom && custom.type === "booking") {
      addItem({
        from: "bot",
        type: "booking",
        data: { reference: custom.reference, when: custom.when, attorney: custom.attorney, mode: custom.mode, ics_url: custom.ics_url }
      });
      added = true;
    }
    if (added && !state.open) {
      unread += 1;
      updateLauncher();
    }
    updateTyping();
  }

  // Send what the visitor typed, or a button's payload (shown as its title).
  function send(message, shown) {
    message = String(message).trim();
    if (!message) {
      return;
    }
    state.items.forEach(function (item) {
      if (item.replies && item.replies.length && !item.used) {
        item.used = true; // answered: old buttons no longer apply
        markUsed(item);
      }
    });
    var item = addItem({ from: "user", type: "text", text: shown === undefined ? message : shown, pending: true });
    state.outbox.push({ message: message, item: item.id });
    save();
    if (!connected) {
      setStatus(refused ? refusedText() : offlineText(), refused ? "error" : "offline");
    }
    flush();
  }

  // --- open, close, start over ---------------------------------------------------
  function open(focusInput) {
    state.open = true;
    save();
    panel.hidden = false;
    root.classList.add("iw-open");
    unread = 0;
    updateLauncher();
    scrollToEnd();
    connect();
    if (focusInput !== false) {
      input.focus();
    }
  }

  function close() {
    state.open = false;
    save();
    confirmBox.hidden = true;
    panel.hidden = true;
    root.classList.remove("iw-open");
    updateLauncher();
    launcher.focus();
  }

  function startOver() {
    confirmBox.hidden = true;
    state.items = [];
    state.outbox = [{ message: "/start_over", item: null }];
    state.interrupted = false;
    state.started = true;
    inflight = null;
    save();
    renderAll();
    if (!connected) {
      setStatus(refused ? refusedText() : offlineText(), refused ? "error" : "offline");
    }
    flush();
    input.focus();
  }

  launcher.addEventListener("click", function () {
    if (state.open) {
      close();
    } else {
      open();
    }
  });
  closeButton.addEventListener("click", close);
  // The switch: the widget's words change at once, and the assistant is told, so that it
  // goes on in that language (the intent choose_language, with the language as entities).
  languageButton.addEventListener("click", function () {
    var code = t("switchCode");
    var shown = t("switchTo");
    setLanguage(code, true);
    send('/choose_language{"message_language":"' + code + '","reply_language":"' + code + '"}', shown);
    input.focus();
  });
  restartButton.addEventListener("click", function () {
    confirmBox.hidden = false;
    confirmYes.focus();
  });
  confirmYes.addEventListener("click", startOver);
  confirmNo.addEventListener("click", function () {
    confirmBox.hidden = true;
    restartButton.focus();
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    event.preventDefault();
    if (!confirmBox.hidden) {
      confirmBox.hidden = true;
      restartButton.focus();
    } else {
      close();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    send(text);
    input.focus();
  });
  document.addEventListener("click", function (event) {
    var opener = event.target && event.target.closest ? event.target.closest("[data-intake-open]") : null;
    if (opener) {
      event.preventDefault();
      open();
    }
  });
  window.addEventListener("online", function () {
    if (socket && socket.connect && !socket.connected) {
      socket.connect();
    }
  });
  window.addEventListener("offline", function () {
    if (!connected) {
      return;
    }
    setStatus(offlineText(), "offline");
  });

  // --- start --------------------------------------------------------------------
  function mount() {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = config.stylesheet;
    document.head.appendChild(css);
    document.body.appendChild(root);
    applyLanguage();
    renderAll();
    if (state.open) {
      open(false); // after a reload or on another page: reopen, but leave focus where the page put it
    }
  }

  window.IntakeWidget = {
    open: function () { open(); },
    close: close,
    // for tests and diagnostics; no message content
    status: function () {
      return { connected: connected, sessionId: state.sessionId, queued: state.outbox.length, storage: memoryOnly ? "memory" : "sessionStorage",
               language: state.language };
    }
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
