/* The rasa-webchat test page: the standard third-party Rasa client (npm rasa-webchat 1.0.1),
   served by this site, against the same Rasa server as the firm's widget. */
(function () {
  "use strict";
  var script = document.currentScript;
  var server = script.getAttribute("data-server-url");
  window.addEventListener("DOMContentLoaded", function () {
    if (!window.WebChat) {
      document.getElementById("webchat").textContent = "rasa-webchat is not installed (run npm ci).";
      return;
    }
    window.WebChat.default({
      selector: "#webchat",
      socketUrl: server,
      socketPath: "/socket.io/",
      initPayload: script.getAttribute("data-initial-message") || "/greet",
      title: script.getAttribute("data-title") || "Chat",
      inputTextFieldHint: "Type a message...",
      customData: { language: "en" },
      params: { storage: "session" }
    }, null);
  });
})();
