/*
 * Rolewise additions to rasa-webchat 1.0.1. web/serve.py appends this file to the widget bundle,
 * so the one <script> a page includes defines both WebChat and RolewiseChat.
 *
 * Why: rasa-webchat renders bot text as Markdown with link URLs left unchecked
 * (transformLinkUri: null, so [x](javascript:...) becomes a live link) and images loaded from any
 * host, and it lets a bot message's `metadata` restyle or script the host page (customCss,
 * domHighlight, pageEventCallbacks). RolewiseChat.plainText, given as
 * `onSocketEvent: {bot_uttered: RolewiseChat.plainText}`, runs before the widget's own
 * bot_uttered handler on the same message object and reduces it in place to plain text and
 * postback buttons: every ASCII punctuation character of the text becomes a numeric character
 * reference, which the Markdown parser decodes back to the same character as text, so no
 * Markdown or HTML syntax is left to interpret. Newlines are kept (shown by webchat.css).
 */
(function (global) {
  "use strict";

  var PUNCTUATION = /[!-\/:-@\[-`{-~]/g;

  function literal(text) {
    return String(text).replace(PUNCTUATION, function (c) {
      return "&#" + c.charCodeAt(0) + ";";
    });
  }

  function postbacks(buttons) {
    if (!Array.isArray(buttons)) return [];
    return buttons
      .filter(function (b) {
        return b && b.title != null && typeof b.payload === "string" && b.payload !== "";
      })
      .map(function (b) {
        // Titles are rendered by React as text already; only the fields a postback needs are kept.
        return { content_type: "text", title: String(b.title), payload: b.payload };
      });
  }

  function plainText(message) {
    if (!message || typeof message !== "object") return;
    var text = message.text;
    var quickReplies = postbacks(message.quick_replies);
    var buttons = postbacks(message.buttons);
    Object.keys(message).forEach(function (key) {
      delete message[key];
    });
    if (text == null || text === "") {
      text = quickReplies.length || buttons.length ? "" : "(This chat shows text only.)";
    }
    message.text = literal(text);
    if (quickReplies.length) message.quick_replies = quickReplies;
    if (buttons.length) message.buttons = buttons;
  }

  // A short pause before each bot message, by its visible length (the references count as one).
  function messageDelay(text) {
    var length = String(text).replace(/&#\d+;/g, "x").length;
    return Math.max(300, Math.min(1200, 8 * length));
  }

  global.RolewiseChat = { plainText: plainText, messageDelay: messageDelay, literal: literal };
})(window);
