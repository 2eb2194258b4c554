import Gazette

/// Adds the live-reload script to an HTML page as it is served, and, while the last build has
/// failed, an overlay listing its errors. The built file on disk never changes, so what the
/// preview writes is exactly what `gazette build` writes.
enum PageDecorator {
    static let scriptPath = "/__gazette/livereload.js"
    static let eventsPath = "/__gazette/events"
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
    /// failed one shows its errors, and a page that is older than the build the server has when
    /// the stream (re)connects reloads at once.
    static let script = """
    (function () {
      "use strict";
      var me = document.currentScript;
      var build = me ? me.getAttribute("data-gazette-build") : "";
      function showErrors(html) {
        var old = document.getElementById("\(overlayID)");
        if (old) old.remove();
        document.body.insertAdjacentHTML("beforeend", html);
      }
      var events = new EventSource("\(eventsPath)");
      events.addEventListener("hello", function (e) {
        if (build && e.data !== build) location.reload();
      });
      events.addEventListener("reload", function (e) {
        build = e.data;
        location.reload();
      });
      events.addEventListener("notice", function (e) {
        showErrors(e.data);
      });
      events.addEventListener("failure", function (e) {
        var message = JSON.parse(e.data);
        build = message.build;
        showErrors(message.overlay);
      });
    })();

    """
}
