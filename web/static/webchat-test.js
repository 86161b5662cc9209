/* The rasa-webchat test page (development only): the standard third-party Rasa client
   (npm rasa-webchat 1.0.1), served by this site, against the same Rasa server as the firm's widget. */
(function () {
  "use strict";
  var script = document.currentScript;
  var server = script.getAttribute("data-server-url");

  // rasa-webchat renders Markdown in every message, the visitor's own included, so
  // "[x](javascript:...)" would become a live link. Only http(s), mailto and tel links
  // keep their target; the protocol is read as the browser parsed it.
  var SAFE_PROTOCOLS = { "http:": true, "https:": true, "mailto:": true, "tel:": true };

  function disarm(node) {
    if (!node || node.nodeType !== 1) return;
    var links = node.matches("a[href]") ? [node] : node.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      if (!SAFE_PROTOCOLS[links[i].protocol]) links[i].removeAttribute("href");
    }
  }

  function guard(root) {
    disarm(root);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        if (change.type === "attributes") disarm(change.target);
        for (var i = 0; i < change.addedNodes.length; i++) disarm(change.addedNodes[i]);
      });
    }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ["href"] });
  }

  window.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("webchat");
    if (!window.WebChat) {
      root.textContent = "rasa-webchat is not installed (run npm ci).";
      return;
    }
    guard(document.body);
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
