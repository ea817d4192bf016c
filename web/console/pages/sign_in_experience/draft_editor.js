// Editing the sign-in experience through a draft and the sticky save bar, as the Sign-in
// experience and Multi-factor auth pages both do: every edit shows or hides the bar and marks the
// page dirty; Discard returns to the saved configuration; Save sends what changed with
// PATCH /api/sign-in-exp and shows an API error under the field it names, else on the bar.
import { t } from '../../lib/i18n.js';
import { patch } from '../../lib/api.js';
import { fieldFor } from '../../lib/field_errors.js';
import { errorText, toast } from '../../lib/ui.js';
import { createDraft } from './draft.js';
import { saveBar } from './save_bar.js';

// `saved`: GET /api/sign-in-exp's configuration; `redraw(focus)` draws the form again;
// `edited`: the parts the page edits (draft.js's default if absent); `savedKey`: the toast's
// string; `onChange()` runs after every edit (e.g. to refresh a preview).
// Returns { draft, bar } (bar.el goes below the form).
export function draftEditor(saved, ctx, { redraw, edited, savedKey, onChange = () => {} }) {
  const draft = createDraft(saved, { changed, redraw, edited });
  const bar = saveBar({ onSave: save, onDiscard: discard });

  function clearErrors() {
    bar.clear();
    for (const f of draft.fields.values()) f.setError?.('');
  }

  function changed() {
    const dirty = draft.dirty();
    bar.show(dirty);
    ctx.setDirty(dirty);
    if (!dirty) clearErrors();
    onChange();
  }

  function discard() {
    draft.reset();
    redraw();
    changed();
  }

  async function save() {
    clearErrors();
    const changes = draft.changes();
    if (!Object.keys(changes).length) return;
    bar.button.disabled = true;
    try {
      const { data } = await patch('/sign-in-exp', changes);
      draft.reset(data);
      toast(t(savedKey));
      redraw();
      changed();
    } catch (error) {
      const target = fieldFor(error, Object.fromEntries(draft.fields));
      if (target?.setError) {
        target.setError(errorText(error));
        target.input?.focus();
      } else bar.fail(errorText(error));
    } finally {
      bar.button.disabled = false;
    }
  }

  return { draft, bar };
}
