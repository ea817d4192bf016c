// One token type's custom JWT script: the script, its environment variables, and a test run on
// a sample token and context. Save PUTs /api/configs/jwt-customizer/:type (samples included, so
// they are there next time); Delete removes it; Run test POSTs .../test and shows the claims the
// script returned, or the script's own error.
import { h, replace } from '../../lib/dom.js';
import { t } from '../../lib/i18n.js';
import { del, post, put } from '../../lib/api.js';
import { busy, button, card, confirmDialog, errorText, field, toast } from '../../lib/ui.js';
import { jsonArea } from './json_area.js';
import { SCRIPT_TEMPLATE, samplesFor } from './samples.js';

function scriptField(stored, onInput) {
  const input = h('textarea', {
    class: 'input mono',
    name: 'script',
    rows: '14',
    oninput: onInput,
  });
  input.setAttribute('spellcheck', 'false');
  input.value = stored?.script ?? SCRIPT_TEMPLATE;
  return field(t('jwt.script'), input, { hint: t('jwt.script_hint') });
}

// The test run's answer: the claims, or why the script failed (the API's data.message).
function testResult(area, outcome) {
  if (outcome.claims) {
    replace(
      area,
      h('p', {}, t('jwt.test_ok')),
      h('pre', { class: 'mono', 'data-testid': 'jwt-test-result' }, outcome.claims),
    );
  } else {
    replace(
      area,
      h(
        'p',
        { class: 'form-error', role: 'alert', 'data-testid': 'jwt-test-error' },
        outcome.error,
      ),
    );
  }
}

// The fields of the card; `stored` is the saved configuration or undefined.
function fieldsOf(type, stored, ctx) {
  const samples = samplesFor(type);
  const dirty = () => ctx.setDirty(true);
  return {
    script: scriptField(stored, dirty),
    env: jsonArea(t('jwt.env'), stored?.environmentVariables ?? {}, {
      name: 'environmentVariables',
      hint: t('jwt.env_hint'),
      rows: '4',
      strings: true,
      onInput: dirty,
    }),
    token: jsonArea(t('jwt.token_sample'), stored?.tokenSample ?? samples.token, {
      name: 'tokenSample',
      onInput: dirty,
    }),
    context: jsonArea(t('jwt.context_sample'), stored?.contextSample ?? samples.context, {
      name: 'contextSample',
      rows: '12',
      onInput: dirty,
    }),
  };
}

// The members to send, or null after marking the field that is wrong.
function readFields(f) {
  for (const area of [f.env, f.token, f.context]) area.setError('');
  f.script.setError('');
  if (!f.script.input.value.trim()) {
    f.script.setError(t('ui.required'));
    return null;
  }
  for (const area of [f.env, f.token, f.context]) {
    const problem = area.check();
    if (problem) {
      area.setError(problem);
      area.input.focus();
      return null;
    }
  }
  return {
    script: f.script.input.value,
    environmentVariables: f.env.value(),
    tokenSample: f.token.value(),
    contextSample: f.context.value(),
  };
}

export function scriptCard(type, stored, ctx, onChanged) {
  const f = fieldsOf(type, stored, ctx);
  const path = `/configs/jwt-customizer/${type}`;
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const result = h('div', { 'aria-live': 'polite' });
  const save = button(t(`jwt.save.${type}`), null, { kind: 'primary', type: 'submit' });
  const test = button(t(`jwt.test.${type}`), runTest);
  const remove = stored ? button(t(`jwt.delete.${type}`), removeScript, { kind: 'danger' }) : null;

  async function submit(e) {
    e.preventDefault();
    formError.hidden = true;
    const body = readFields(f);
    if (!body) return;
    await busy(save, async () => {
      try {
        await put(path, body);
      } catch (error) {
        formError.textContent = errorText(error);
        formError.hidden = false;
        return;
      }
      ctx.setDirty(false);
      toast(t('jwt.saved'));
      onChanged();
    });
  }
  async function runTest() {
    const body = readFields(f);
    if (!body) return;
    await busy(test, async () => {
      const request = {
        tokenType: type,
        script: body.script,
        environmentVariables: body.environmentVariables,
        token: body.tokenSample,
        context: body.contextSample,
      };
      try {
        const { data } = await post('/configs/jwt-customizer/test', request);
        testResult(result, { claims: JSON.stringify(data, null, 2) });
      } catch (error) {
        testResult(result, { error: error.data?.message || errorText(error) });
      }
    });
  }
  async function removeScript() {
    const ok = await confirmDialog({ title: t(`jwt.delete.${type}`), message: t('jwt.delete_q') });
    if (!ok) return;
    try {
      await del(path);
      toast(t('jwt.deleted'));
      onChanged();
    } catch (error) {
      formError.textContent = errorText(error);
      formError.hidden = false;
    }
  }
  const form = h(
    'form',
    { class: 'stack', novalidate: true, onsubmit: submit },
    h('p', { class: 'muted small card-intro' }, t(`jwt.intro.${type}`)),
    f.script,
    f.env,
    f.token,
    f.context,
    formError,
    h('div', { class: 'row' }, test, h('span', { class: 'spacer' }), remove, save),
    result,
  );
  return card(t(`jwt.title.${type}`), form);
}
