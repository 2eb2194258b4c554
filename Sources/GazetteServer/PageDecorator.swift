import Gazette

/// Adds the live-reload script to an HTML page as it is served, and, while the last build has
/// failed, an overlay listing its errors. The built file on disk never changes, so what the
/// preview writes is exactly what `gazette build` writes.
enum PageDecorator {
    static let scriptPath = "/__gazette/livereload.js"
    static let eventsPath = "/__gazette/events"
    static let workerPath = "/__gazette/livereload-worker.js"
    static let overlayID = "gazette-overlay"

    /// `notice`: a message for `notice(_:)` to show instead of the errors.
    static func decorate(_ page: [UInt8], with status: BuildStatus, notice message: String? = nil) -> [UInt8] {
        var snippet = ""
        if let message {
            snippet += notice(message)
        } else if let diagnostics = status.diagnostics {
            snippet += overlay(diagnostics)
        }
        snippet += "<script src=\"\(scriptPath)\" data-gazette-build=\"\(HTML.escape(status.id))\" defer></script>\n"
        var out = page
        out.insert(contentsOf: Array(snippet.utf8), at: insertionPoint(in: page))
        return out
    }

    /// Before the last `</body>`, any case; at the end for a page without one.
    static func insertionPoint(in page: [UInt8]) -> Int {
        let tag = Array("</body".utf8)
        var i = page.count - tag.count
        while i >= 0 {
            if page[i] == UInt8(ascii: "<") {
                var matches = true
                for j in 1..<tag.count where page[i + j] | 0x20 != tag[j] && page[i + j] != tag[j] {
                    matches = false
                    break
                }
                if matches { return i }
            }
            i -= 1
        }
        return page.count
    }

    /// A message over the page, in the same place as the errors, for a state of the preview
    /// itself rather than of the site. One line of HTML, so that it travels as one `data:` line.
    static func notice(_ message: String) -> String {
        "<div id=\"\(overlayID)\" role=\"status\" style=\"position:fixed;inset:0 0 auto 0;z-index:2147483647;"
            + "margin:0;padding:1rem 2rem;background:rgba(24,24,27,.95);color:#f4f4f5;"
            + "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">"
            + "<p style=\"margin:0;font-weight:bold;color:#fcd34d\">\(HTML.escape(message))</p></div>\n"
    }

    /// The errors as compilers print them (`path:line:col: error: message`), HTML-escaped, over
    /// the last good page. Styled inline so that no theme can hide it.
    static func overlay(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let lines = diagnostics.map { HTML.escape($0.formatted()) }.joined(separator: "\n")
        return """
            <div id="\(overlayID)" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;\
            margin:0;padding:2rem;background:rgba(24,24,27,.95);color:#f4f4f5;\
            font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left">\
            <p style="margin:0 0 1rem;font-weight:bold;color:#fca5a5">Build failed with \(errors) error\(errors == 1 ? "" : "s"). \
            This is the last good build; save a fix and the page reloads.</p>\
            <pre style="margin:0;white-space:pre-wrap;color:inherit;background:none;font:inherit">\(lines)</pre></div>

            """
    }

    /// The script the pages load. It follows the event stream: a new build reloads the page, a
    /// failed one shows its errors, a notice about the preview itself shows over the page, and a
    /// page that is older than the build the server has when the stream (re)connects reloads at
    /// once.
    ///
    /// Browsers open at most six HTTP/1.1 connections to one host, and an event stream holds one
    /// for as long as its page is open: with a stream for each page, the seventh page of the
    /// preview would wait for ever for a connection. So the pages of one preview in one browser
    /// share a single stream, which a shared worker (`workerScript`) holds and relays. Where
    /// there are no shared workers, or the worker cannot start, each page holds its own stream
    /// only while it is visible, and a page that comes back into view reconnects, which reloads
    /// it if a build came in the meantime.
    static let script = """
        (function () {
          "use strict";
          var me = document.currentScript;
          var build = me ? me.getAttribute("data-gazette-build") : "";
          var names = ["hello", "reload", "failure", "notice"];
          function showOverlay(html) {
            var old = document.getElementById("\(overlayID)");
            if (old) old.remove();
            document.body.insertAdjacentHTML("beforeend", html);
          }
          function handle(name, data) {
            if (name === "hello") {
              if (build && data !== build) location.reload();
            } else if (name === "reload") {
              build = data;
              location.reload();
            } else if (name === "failure") {
              var message = JSON.parse(data);
              build = message.build;
              showOverlay(message.overlay);
            } else if (name === "notice") {
              showOverlay(data);
            }
          }

          var port = null, direct = false, source = null;
          function connectWorker() {
            var worker;
            try {
              worker = new SharedWorker("\(workerPath)", { name: "gazette-livereload" });
            } catch (e) {
              return false;
            }
            var mine = worker.port;
            port = mine;
            mine.onmessage = function (e) { handle(e.data.name, e.data.data); };
            worker.onerror = function () {
              if (port !== mine) return;
              port = null;
              useOwnStream();
            };
            mine.start();
            return true;
          }
          addEventListener("pagehide", function () {
            if (!port) return;
            port.postMessage("bye");
            port.close();
            port = null;
          });
          addEventListener("pageshow", function (e) {
            if (e.persisted && !direct && !port) connectWorker();
          });

          function openStream() {
            if (source || document.hidden) return;
            var mine = new EventSource("\(eventsPath)");
            source = mine;
            names.forEach(function (name) {
              mine.addEventListener(name, function (e) { handle(name, e.data); });
            });
            mine.onerror = function () {
              // The browser reopens a stream that broke, not one that was refused.
              if (mine.readyState !== EventSource.CLOSED || source !== mine) return;
              source = null;
              setTimeout(openStream, 5000);
            };
          }
          function closeStream() {
            if (source) source.close();
            source = null;
          }
          function useOwnStream() {
            if (direct) return;
            direct = true;
            document.addEventListener("visibilitychange", function () {
              if (document.hidden) closeStream(); else openStream();
            });
            openStream();
          }

          if (typeof SharedWorker !== "function" || !connectWorker()) useOwnStream();
        })();

        """

    /// The shared worker that holds the one event stream of a preview's pages in a browser, and
    /// relays its events to each of them. A page that connects while the stream is open is sent
    /// the current build at once, as a `hello`, so that it reloads if it is out of date.
    static let workerScript = """
        "use strict";
        var ports = [];
        var latest = null;
        var source = null;
        function send(message) {
          ports.forEach(function (port) { port.postMessage(message); });
        }
        function open() {
          var mine = new EventSource("\(eventsPath)");
          source = mine;
          ["hello", "reload", "failure", "notice"].forEach(function (name) {
            mine.addEventListener(name, function (e) {
              if (name === "hello" || name === "reload") latest = e.data;
              if (name === "failure") latest = JSON.parse(e.data).build;
              send({ name: name, data: e.data });
            });
          });
          mine.onerror = function () {
            // The browser reopens a stream that broke, not one that was refused.
            if (mine.readyState !== EventSource.CLOSED) return;
            source = null;
            latest = null;
            setTimeout(open, 5000);
          };
        }
        onconnect = function (e) {
          var port = e.ports[0];
          ports.push(port);
          port.onmessage = function (m) {
            if (m.data === "bye") ports = ports.filter(function (p) { return p !== port; });
          };
          port.start();
          if (latest !== null) port.postMessage({ name: "hello", data: latest });
          if (!source) open();
        };

        """
}
