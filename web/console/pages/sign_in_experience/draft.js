// The draft the sign-in experience page edits: a copy of the saved configuration, the parts
// that differ from it (what Save sends, what the preview shows) and the fields that can show an
// API error, by request body path ('color.primaryColor').

// The parts of the configuration this page edits; anything else is left alone.
const EDITED = [
  'color',
  'branding',
  'languageInfo',
  'termsOfUseUrl',
  'privacyPolicyUrl',
  'agreeToTermsPolicy',
  'signUp',
  'signIn',
  'socialSignInConnectorTargets',
  'signInMode',
  'customCss',
];

const clone = (x) => JSON.parse(JSON.stringify(x));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// `changed()` runs after every edit; `redraw(focus)` draws the form again (for edits that change
// its shape) and focuses the element `focus` selects; `edited`: the parts changes() compares (an
// organization's settings use the same draft with their own).
export function createDraft(saved, { changed, redraw, edited = EDITED }) {
  const draft = {
    saved,
    value: clone(saved),
    fields: new Map(),
    // Sets the part `key` of the configuration.
    set(key, value, { redraw: again = false, focus } = {}) {
      draft.value[key] = value;
      changed();
      if (again) redraw(focus);
    },
    // Sets some members of the object part `key`.
    merge(key, members, options) {
      draft.set(key, { ...draft.value[key], ...members }, options);
    },
    // Registers the field that shows errors about `path`; returns it.
    field(path, wrapper) {
      draft.fields.set(path, wrapper);
      return wrapper;
    },
    changes() {
      const out = {};
      for (const key of edited) {
        if (key in draft.value && !same(draft.value[key], saved[key])) out[key] = draft.value[key];
      }
      return out;
    },
    dirty: () => Object.keys(draft.changes()).length > 0,
    // Starts again from `next` (the saved configuration, or the last one to discard edits).
    reset(next = saved) {
      saved = next;
      draft.saved = next;
      draft.value = clone(next);
    },
  };
  return draft;
}
