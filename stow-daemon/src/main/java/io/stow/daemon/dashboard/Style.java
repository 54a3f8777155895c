package io.stow.daemon.dashboard;

/**
 * The dashboard's only style sheet, inline (the page loads nothing else): system fonts, light or
 * dark with the device, tables that scroll inside their box, and on a narrow screen the facts
 * stacked and secondary columns hidden, so the page never scrolls sideways on a phone.
 */
final class Style {

  static final String CSS =
      ":root{color-scheme:light dark;--ok:#2e7d32;--bad:#c62828;--warn:#e65100;--muted:#777;"
          + "--line:#8884}"
          + "*{box-sizing:border-box}"
          + "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
          + "margin:0 auto;padding:12px 14px 40px;max-width:1100px;overflow-wrap:anywhere}"
          + "header{display:flex;flex-wrap:wrap;align-items:center;gap:.3em .8em}"
          + "h1{font-size:1.35em;margin:.2em 0;overflow-wrap:anywhere}"
          + "h2{font-size:1.1em;margin:1.3em 0 .4em;padding-bottom:.2em;"
          + "border-bottom:1px solid var(--line)}"
          + "h3{font-size:1em;margin:.8em 0 .3em}"
          + ".muted{color:var(--muted)}"
          + ".ok{color:var(--ok)}.bad{color:var(--bad)}.warn{color:var(--warn)}"
          + "dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);"
          + "gap:.2em 1.2em;margin:0}"
          + "dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;min-width:0;overflow-wrap:anywhere}"
          + ".scroll{overflow-x:auto;max-width:100%}"
          + "table{border-collapse:collapse;width:100%}"
          + "th,td{text-align:left;padding:.25em .5em;border-bottom:1px solid var(--line);"
          + "vertical-align:top;overflow-wrap:break-word}"
          + "th{font-weight:600;color:var(--muted)}"
          + "code,.hash{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
          + "font-size:.92em;overflow-wrap:anywhere;word-break:break-all}"
          + "details{border:1px solid var(--line);border-radius:6px;margin:.5em 0;"
          + "padding:.35em .7em}"
          + "summary{cursor:pointer;overflow-wrap:anywhere}"
          + "pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.3em 0;font-size:.92em}"
          + "ul{margin:.2em 0;padding-left:1.3em}"
          + "footer{margin-top:2em;font-size:.9em}"
          + "@media (max-width:640px){body{font-size:14px;padding:8px 10px 30px}"
          + "dl.facts{grid-template-columns:minmax(0,1fr)}dl.facts dt{margin-top:.45em}"
          + "th,td{padding:.2em .3em}.wide{display:none}}";

  private Style() {}
}
