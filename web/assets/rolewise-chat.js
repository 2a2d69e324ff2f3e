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
 * Markdown or HTML syntax is left to interpret. Newlines are kept (shown by webchat.css). The one
 * exception is a bold verdict opening the text (**...**, its Markdown characters backslash-escaped,
 * as channels/socketio.py sends it): the two ** pairs stay, the verdict inside is made literal too.
 *
 * The one picture let through is a profile chart from the bot the page talks to
 * (RolewiseChat.useBot(url), before WebChat.default): an image attachment whose src, resolved
 * against that URL, has the bot's origin and a path under /webhooks/charts/. Its alt text (the
 * leader on each dimension) is kept in localStorage by src, so it survives a reload, and set on
 * the <img> the widget renders without one.
 *
 * Helpful / Not helpful buttons (payload /feedback...) are told apart from the answer's other
 * buttons: their titles are remembered (localStorage, so it survives a reload) and the buttons the
 * widget renders with those titles get the class rolewise-feedback, which webchat.css draws smaller,
 * outlined, on a row of their own below a thin rule.
 *
 * The widget scrolls to the bottom after every message, which hides the opening of a long answer's
 * text (its verdict) above the panel, and a chart that loads after the text pushes the text down.
 * After each change to the conversation, and when a chart loads, the newest bot answer (the bot's
 * messages after the user's last one) is placed: when its last message (the text with its buttons)
 * fits in the panel the panel is scrolled to its end, so the text and every button show together,
 * with the chart's lower part above them; a last message taller than the panel starts at the
 * panel's top, its verdict first.
 *
 * RolewiseChat.connectionEvents() are socket handlers that show a visible notice on the page
 * while the bot cannot be reached (the widget itself then shows nothing at all).
 */
(function (global) {
  "use strict";

  var PUNCTUATION = /[!-\/:-@\[-`{-~]/g;

  function literal(text) {
    return String(text).replace(PUNCTUATION, function (c) {
      return "&#" + c.charCodeAt(0) + ";";
    });
  }

  // The one Markdown span let through: a bold verdict at the start of the text, as the bot's
  // socket.io channel sends it (**...** with the verdict's Markdown characters backslash-escaped).
  var BOLD_OPENING = /^\*\*((?:\\[!-\/:-@\[-`{-~]|[^*\\\n])+)\*\*/;
  var ESCAPED = /\\([!-\/:-@\[-`{-~])/g;

  function shown(text) {
    var bold = BOLD_OPENING.exec(text);
    if (!bold) return literal(text);
    var verdict = bold[1].replace(ESCAPED, "$1");
    return "**" + literal(verdict) + "**" + literal(text.slice(bold[0].length));
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

  var CHART_PATH = "/webhooks/charts/";
  var ALT_KEY = "rolewise-chart-alt";
  var FEEDBACK_KEY = "rolewise-feedback-titles";
  var FEEDBACK_PAYLOAD = "/feedback";
  var FEEDBACK_CLASS = "rolewise-feedback";
  var OFFLINE_ID = "rolewise-offline";
  var OFFLINE_AFTER_MS = 8000;
  var bot = null; // the bot's origin, set by useBot

  function useBot(url) {
    try {
      bot = new URL(url, global.location.href).origin;
    } catch (e) {
      bot = null;
    }
    return bot;
  }

  // The chart's absolute URL when `src` is one of the bot's own charts, else null.
  function chartSource(src) {
    if (!bot || typeof src !== "string") return null;
    try {
      var url = new URL(src, bot);
      if (url.origin !== bot || url.pathname.indexOf(CHART_PATH) !== 0 || url.username || url.password) return null;
      return url.href;
    } catch (e) {
      return null;
    }
  }

  function altTexts() {
    try {
      return JSON.parse(global.localStorage.getItem(ALT_KEY) || "{}") || {};
    } catch (e) {
      return {};
    }
  }

  function rememberAlt(src, alt) {
    var texts = altTexts();
    texts[src] = String(alt);
    try {
      global.localStorage.setItem(ALT_KEY, JSON.stringify(texts));
    } catch (e) { /* storage full or off: the alt text is set for this page view only */ }
    labelImages();
  }

  function labelImages() {
    var texts = altTexts();
    var images = global.document.querySelectorAll("img.rw-image-frame");
    for (var i = 0; i < images.length; i++) {
      var alt = texts[images[i].getAttribute("src")];
      if (alt != null && images[i].getAttribute("alt") !== alt) images[i].setAttribute("alt", alt);
    }
  }

  function feedbackTitles() {
    try {
      var titles = JSON.parse(global.localStorage.getItem(FEEDBACK_KEY) || "[]");
      return Array.isArray(titles) ? titles : [];
    } catch (e) {
      return [];
    }
  }

  var seenFeedback = feedbackTitles();

  function rememberFeedback(buttons) {
    var added = false;
    buttons.forEach(function (b) {
      if (b.payload.indexOf(FEEDBACK_PAYLOAD) === 0 && seenFeedback.indexOf(b.title) < 0) {
        seenFeedback.push(b.title);
        added = true;
      }
    });
    if (!added) return;
    try {
      global.localStorage.setItem(FEEDBACK_KEY, JSON.stringify(seenFeedback));
    } catch (e) { /* storage full or off: marked for this page view only */ }
  }

  function markFeedback() {
    var replies = global.document.querySelectorAll(".rw-replies .rw-reply");
    for (var i = 0; i < replies.length; i++) {
      var isFeedback = seenFeedback.indexOf(replies[i].textContent.trim()) >= 0;
      if (isFeedback !== replies[i].classList.contains(FEEDBACK_CLASS)) replies[i].classList.toggle(FEEDBACK_CLASS);
    }
  }

  // The bot's messages after the user's last one, when the conversation ends with them.
  function newestAnswer(container) {
    var groups = container.querySelectorAll(".rw-group-message");
    var last = groups[groups.length - 1];
    return last && last.classList.contains("rw-from-response") ? last : null;
  }

  // The offset of `element` in the panel's scrolled content.
  function offsetIn(container, element) {
    return element.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop;
  }

  function showAnswer() {
    var container = global.document.querySelector(".rw-messages-container");
    var answer = container && newestAnswer(container);
    if (!answer) return;
    var messages = answer.querySelectorAll(".rw-message");
    var last = messages[messages.length - 1]; // the answer's text and its buttons
    var bottom = container.scrollHeight - container.clientHeight;
    if (!last || container.scrollHeight - offsetIn(container, last) <= container.clientHeight) {
      container.scrollTop = bottom; // all of it, or its text and buttons with the chart's end above them
    } else {
      container.scrollTop = offsetIn(container, last); // too tall: its text from the verdict on
    }
  }

  // After the widget's own scroll to the bottom, which runs when it has rendered the change.
  function scrollSoon() {
    (global.requestAnimationFrame || global.setTimeout)(showAnswer);
  }

  function decorate(mutations) {
    labelImages();
    markFeedback();
    var inConversation = (mutations || []).some(function (m) {
      return m.target.closest && m.target.closest(".rw-messages-container");
    });
    if (inConversation) scrollSoon();
  }

  function chart(message) {
    var attachment = message.attachment;
    if (!attachment || attachment.type !== "image" || !attachment.payload) return null;
    var src = chartSource(attachment.payload.src);
    if (!src) return null;
    rememberAlt(src, attachment.payload.alt || "");
    return { type: "image", payload: { src: src, title: "" } };
  }

  function plainText(message) {
    if (!message || typeof message !== "object") return;
    var text = message.text;
    var quickReplies = postbacks(message.quick_replies);
    var buttons = postbacks(message.buttons);
    var picture = chart(message);
    rememberFeedback(quickReplies.concat(buttons));
    Object.keys(message).forEach(function (key) {
      delete message[key];
    });
    if (picture) {
      message.attachment = picture;
      return;
    }
    if (text == null || text === "") {
      text = quickReplies.length || buttons.length ? "" : "(This chat shows text only.)";
    }
    message.text = shown(text);
    if (quickReplies.length) message.quick_replies = quickReplies;
    if (buttons.length) message.buttons = buttons;
  }

  // A short pause before each bot message, by its visible length (the references count as one).
  function messageDelay(text) {
    var length = String(text).replace(/&#\d+;/g, "x").length;
    return Math.max(300, Math.min(1200, 8 * length));
  }

  function notice(show) {
    var element = global.document.getElementById(OFFLINE_ID);
    if (!show) {
      if (element) element.hidden = true;
      return;
    }
    if (!element) {
      element = global.document.createElement("p");
      element.id = OFFLINE_ID;
      element.className = "rolewise-offline";
      element.setAttribute("role", "alert");
      global.document.body.appendChild(element);
    }
    element.textContent =
      "The chat cannot reach the Rolewise bot at " + (bot || "its address") + ". " +
      "Is it running (make run starts it), and does it allow this page (ROLEWISE_CORS_ORIGINS)? " +
      "The chat appears as soon as the bot answers.";
    element.hidden = false;
  }

  // Socket handlers for onSocketEvent: a notice while the bot cannot be reached, none once it is.
  function connectionEvents() {
    // The widget's launcher appears once its socket is connected, in case "connect" came first.
    var timer = global.setTimeout(function () {
      if (!global.document.querySelector(".rw-launcher")) notice(true);
    }, OFFLINE_AFTER_MS);
    return {
      connect: function () {
        global.clearTimeout(timer);
        notice(false);
      },
      connect_error: function () { notice(true); },
      disconnect: function () { notice(true); }
    };
  }

  if (global.MutationObserver && global.document) {
    new global.MutationObserver(decorate).observe(global.document.documentElement, { childList: true, subtree: true });
    global.document.addEventListener("load", function (event) {  // a chart grows the answer once loaded
      if (event.target.closest && event.target.closest(".rw-messages-container")) scrollSoon();
    }, true);
  }

  global.RolewiseChat = {
    plainText: plainText,
    messageDelay: messageDelay,
    literal: literal,
    useBot: useBot,
    connectionEvents: connectionEvents
  };
})(window);
