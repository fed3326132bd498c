/* SmartCity Insights chat widget. One tag embeds it:
 *   <script src="https://SERVER/widget.js" data-lang="fr" data-color="#0b5fff" async></script>
 * Options (data-): server (default: where this script comes from), lang (fr or en; default: the
 * page's), color, examples (three questions separated by "|"). No framework, no build step; it lives
 * in a shadow root so the page's CSS cannot reach it. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var data = script.dataset || {};
  var server = (data.server || new URL(script.src, location.href).origin).replace(/\/$/, "");
  var pageLang = (document.documentElement.lang || navigator.language || "en").slice(0, 2).toLowerCase();
  var lang = (data.lang || pageLang) === "fr" ? "fr" : "en";
  var color = /^#[0-9a-fA-F]{3,8}$/.test(data.color || "") ? data.color : "#0b5fff";

  var TEXT = {
    en: {
      open: "Ask about the air and the weather",
      title: "Air & weather questions",
      close: "Close",
      placeholder: "Your question…",
      label: "Your question",
      send: "Ask",
      examples: ["How is the air today?", "Which day was the most polluted?", "Is fine particle pollution linked to the wind?"],
      intro: "Every number in an answer links to the data it comes from.",
      sources: "Sources",
      thinking: "Looking at the data…",
      unreachable: "The service cannot be reached right now. Please try again in a moment.",
      failed: "Sorry, the answer could not be completed.",
      you: "You",
      bot: "Answer",
      nodata: "No data for this question.",
      fresh: "New question",
      freshLabel: "Start a new conversation: the next question does not follow up the last ones",
      chart: "Chart: the daily values behind this answer"
    },
    fr: {
      open: "Poser une question sur l'air et la météo",
      title: "Questions air & météo",
      close: "Fermer",
      placeholder: "Votre question…",
      label: "Votre question",
      send: "Demander",
      examples: ["Quelle est la qualité de l'air aujourd'hui ?", "Quel a été le jour le plus pollué ?", "La pollution aux particules fines est-elle liée au vent ?"],
      intro: "Chaque chiffre d'une réponse renvoie aux données dont il vient.",
      sources: "Sources",
      thinking: "Je regarde les données…",
      unreachable: "Le service est injoignable pour le moment. Réessayez dans un instant.",
      failed: "Désolé, la réponse n'a pas pu aboutir.",
      you: "Vous",
      bot: "Réponse",
      nodata: "Pas de données pour cette question.",
      fresh: "Nouvelle question",
      freshLabel: "Commencer une nouvelle conversation : la prochaine question ne fait pas suite aux précédentes",
      chart: "Graphique : les valeurs journalières derrière cette réponse"
    }
  }[lang];
  if (data.examples) TEXT.examples = data.examples.split("|").slice(0, 3);

  var host = document.createElement("div");
  host.setAttribute("data-smartcity-widget", "");
  var root = host.attachShadow({ mode: "open" });
  root.innerHTML =
    "<style>" +
    ":host{all:initial}" +
    "*{box-sizing:border-box;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}" +
    ".launcher{position:fixed;right:16px;bottom:16px;z-index:2147483000;border:0;border-radius:28px;padding:14px 18px;" +
    "background:" + color + ";color:#fff;font-size:15px;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}" +
    ".launcher:focus-visible,button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}" +
    ".panel{position:fixed;right:16px;bottom:80px;z-index:2147483001;width:min(400px,calc(100vw - 32px));height:min(580px,calc(100vh - 110px));" +
    "display:flex;flex-direction:column;background:#fff;color:#1b1f24;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden}" +
    ".panel[hidden]{display:none}" +
    "header{display:flex;align-items:center;justify-content:space-between;padding:10px 14px;background:" + color + ";color:#fff}" +
    "header h2{margin:0;font-size:16px}" +
    "header button{background:transparent;border:0;color:#fff;font-size:22px;line-height:1;cursor:pointer;padding:4px 8px}" +
    ".log{flex:1;overflow-y:auto;padding:12px 14px;font-size:15px;line-height:1.45}" +
    ".intro{color:#57606a;font-size:13px;margin:0 0 10px}" +
    ".msg{margin:0 0 12px}.msg .who{display:block;font-size:12px;font-weight:700;color:#57606a}" +
    ".msg.user p{background:#eef2ff;border-radius:8px;padding:8px 10px;margin:2px 0 0}" +
    ".msg.bot p{margin:2px 0 0}.msg.error p{color:#a40e26}" +
    ".msg ol{margin:6px 0 0;padding-left:20px;font-size:13px}" +
    ".msg img.chart{display:block;width:100%;height:auto;margin-top:6px;border:1px solid #d0d7de;border-radius:6px}" +
    ".fresh{align-self:flex-start;margin:0 14px 6px;border:1px solid #d0d7de;background:#fff;color:#1b1f24;border-radius:14px;padding:4px 10px;font-size:13px;cursor:pointer}" +
    ".fresh[hidden]{display:none}" +
    "a{color:" + color + "}" +
    ".examples{display:flex;flex-wrap:wrap;gap:6px;padding:0 14px 8px}" +
    ".examples button{border:1px solid #d0d7de;background:#f6f8fa;color:#1b1f24;border-radius:14px;padding:6px 10px;font-size:13px;cursor:pointer;text-align:left}" +
    "form{display:flex;gap:8px;padding:10px 14px;border-top:1px solid #d0d7de}" +
    "label.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}" +
    "input{flex:1;min-width:0;font-size:16px;padding:9px 10px;border:1px solid #8c959f;border-radius:8px}" +
    "form button{border:0;border-radius:8px;padding:9px 14px;background:" + color + ";color:#fff;font-size:15px;font-weight:600;cursor:pointer}" +
    "form button[disabled]{opacity:.6;cursor:wait}" +
    "@media (max-width:480px){.panel{right:0;bottom:0;width:100vw;height:100vh;border-radius:0}}" +
    "</style>" +
    '<button class="launcher" type="button" aria-haspopup="dialog" aria-expanded="false" aria-controls="sc-panel"></button>' +
    '<section class="panel" id="sc-panel" role="dialog" aria-modal="false" aria-labelledby="sc-title" hidden>' +
    '<header><h2 id="sc-title"></h2><button type="button" class="close"></button></header>' +
    '<div class="log" role="log" aria-live="polite" aria-relevant="additions text"><p class="intro"></p></div>' +
    '<div class="examples"></div>' +
    '<button type="button" class="fresh" hidden></button>' +
    '<form><label class="sr" for="sc-q"></label><input id="sc-q" name="q" autocomplete="off" maxlength="1000" required>' +
    '<button type="submit"></button></form></section>';

  var $ = function (selector) { return root.querySelector(selector); };
  var launcher = $(".launcher"), panel = $(".panel"), log = $(".log"), input = $("input"), form = $("form");
  var submit = $("form button"), close = $(".close"), fresh = $(".fresh");
  // The conversation so far, as the last answer gave it: a follow-up ("and in February?") sends it back.
  var context = null;
  // Exchanges shown; older ones leave the log.
  var KEEP = 10;
  launcher.textContent = TEXT.open;
  $("#sc-title").textContent = TEXT.title;
  close.textContent = "×";
  close.setAttribute("aria-label", TEXT.close);
  $(".intro").textContent = TEXT.intro;
  $("label.sr").textContent = TEXT.label;
  input.placeholder = TEXT.placeholder;
  submit.textContent = TEXT.send;
  fresh.textContent = TEXT.fresh;
  fresh.setAttribute("aria-label", TEXT.freshLabel);
  fresh.addEventListener("click", function () {
    context = null;
    Array.prototype.slice.call(log.querySelectorAll(".msg")).forEach(function (m) { log.removeChild(m); });
    fresh.hidden = true;
    input.focus();
  });
  TEXT.examples.forEach(function (question) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = question;
    button.addEventListener("click", function () { ask(question); });
    $(".examples").appendChild(button);
  });

  function setOpen(open) {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    if (open) input.focus(); else launcher.focus();
  }
  launcher.addEventListener("click", function () { setOpen(panel.hidden); });
  close.addEventListener("click", function () { setOpen(false); });
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { event.preventDefault(); setOpen(false); }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (question) ask(question);
  });

  function message(kind, who) {
    var item = document.createElement("div");
    item.className = "msg " + kind;
    var label = document.createElement("span");
    label.className = "who";
    label.textContent = who;
    var text = document.createElement("p");
    item.appendChild(label);
    item.appendChild(text);
    log.appendChild(item);
    var messages = log.querySelectorAll(".msg");
    for (var i = 0; i < messages.length - 2 * KEEP; i++) log.removeChild(messages[i]);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  // The answer's text with its [n] markers as links to the rows behind them.
  function render(item, answer) {
    var text = item.querySelector("p");
    text.textContent = "";
    var byNumber = {};
    (answer.citations || []).forEach(function (c) { byNumber[c.number] = c; });
    answer.answer.split(/(\[\d+\])/).forEach(function (part) {
      var match = /^\[(\d+)\]$/.exec(part);
      var citation = match && byNumber[match[1]];
      if (citation) {
        var link = document.createElement("a");
        link.href = server + citation.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = part;
        link.className = "citation";
        link.setAttribute("aria-label", TEXT.sources + " " + citation.number + ": " + citation.title);
        text.appendChild(link);
      } else {
        text.appendChild(document.createTextNode(part));
      }
    });
    if (answer.chart_url) {
      var chart = document.createElement("img");
      chart.className = "chart";
      chart.src = server + answer.chart_url;
      chart.alt = TEXT.chart;
      item.appendChild(chart);
    }
    if (answer.citations && answer.citations.length) {
      var list = document.createElement("ol");
      list.setAttribute("aria-label", TEXT.sources);
      answer.citations.forEach(function (c) {
        var entry = document.createElement("li");
        var link = document.createElement("a");
        link.href = server + c.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = c.title;
        entry.appendChild(link);
        list.appendChild(entry);
      });
      item.appendChild(list);
    }
    log.scrollTop = log.scrollHeight;
  }

  function fail(item, detail) {
    item.className = "msg error";
    item.querySelector("p").textContent = detail;
  }

  function ask(question) {
    if (panel.hidden) setOpen(true);
    input.value = "";
    submit.disabled = true;
    message("user", TEXT.you).querySelector("p").textContent = question;
    var item = message("bot", TEXT.bot);
    var text = item.querySelector("p");
    text.textContent = TEXT.thinking;
    var streamed = "";
    var finished = false;
    fetch(server + "/api/v1/chat", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ question: question, lang: lang, context: context })
    }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (problem) { fail(item, problem.detail || TEXT.failed); },
          function () { fail(item, TEXT.failed); });
      }
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      function handle(block) {
        var name = "message", payload = "";
        block.split("\n").forEach(function (line) {
          if (line.indexOf("event:") === 0) name = line.slice(6).trim();
          else if (line.indexOf("data:") === 0) payload += line.slice(5).replace(/^ /, "");
        });
        if (!payload) return;
        var event = JSON.parse(payload);
        if (name === "reset") {
          streamed = "";
          text.textContent = "";
        } else if (name === "delta") {
          streamed += (streamed ? " " : "") + event.text.trim();
          text.textContent = streamed;
          log.scrollTop = log.scrollHeight;
        } else if (name === "done") {
          finished = true;
          context = event.context || null;
          fresh.hidden = !context;
          render(item, event);
        } else if (name === "error") {
          finished = true;
          fail(item, event.detail || TEXT.failed);
        }
      }
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) {
            if (!finished) fail(item, TEXT.failed);
            return;
          }
          buffer += decoder.decode(chunk.value, { stream: true });
          var blocks = buffer.split("\n\n");
          buffer = blocks.pop();
          blocks.forEach(handle);
          return pump();
        });
      }
      return pump();
    }).catch(function () {
      fail(item, TEXT.unreachable);
    }).then(function () {
      submit.disabled = false;
      input.focus();
    });
  }

  function mount() { document.body.appendChild(host); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
