// Entry for the vendored CodeMirror bundle (window.LlmprepCodeMirror); rebuild with:
//   npx esbuild entry.js --bundle --minify --format=iife --legal-comments=eof --outfile=codemirror.min.js
import { EditorState } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  highlightSpecialChars,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import {
  indentOnInput, bracketMatching, syntaxHighlighting, defaultHighlightStyle, indentUnit,
} from "@codemirror/language";
import { python } from "@codemirror/lang-python";

// A Python editor in `parent` holding `doc`; `onChange(text)` after every edit. Tab indents; Escape then
// Tab moves the focus out of the editor (CodeMirror's built-in tab-focus escape).
function createPythonEditor(parent, doc, onChange, label) {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), drawSelection(),
        indentOnInput(), bracketMatching(), highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        indentUnit.of("    "), EditorState.tabSize.of(4), python(),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": label || "Code editor" }),
        EditorView.updateListener.of((u) => { if (u.docChanged && onChange) onChange(u.state.doc.toString()); }),
      ],
    }),
  });
}

window.LlmprepCodeMirror = { createPythonEditor, EditorView, EditorState };
