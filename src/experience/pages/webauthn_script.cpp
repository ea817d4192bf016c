#include "experience/pages/mfa_page_kit.hpp"

namespace latch::experience {

// Served as /static/webauthn.js under the pages' CSP (script-src 'self'). A form with
// data-webauthn="create" or "get" carries the options JSON in data-options; on submit the script
// runs navigator.credentials.create/get, writes the browser's answer as simplewebauthn's
// RegistrationResponseJSON / AuthenticationResponseJSON into the hidden "credential" field and
// posts the form. It builds no markup: a failure only unhides the form's prepared message.
std::string_view webauthn_script() {
  return R"js('use strict';
(() => {
  const toBuffer = (text) => {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
  };
  const toText = (buffer) => {
    let binary = '';
    for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  const withIds = (list) => (list || []).map((c) => ({ ...c, id: toBuffer(c.id) }));
  const creation = (o) => ({
    ...o,
    challenge: toBuffer(o.challenge),
    user: { ...o.user, id: toBuffer(o.user.id) },
    excludeCredentials: withIds(o.excludeCredentials),
  });
  const request = (o) => ({
    ...o,
    challenge: toBuffer(o.challenge),
    allowCredentials: withIds(o.allowCredentials),
  });
  const common = (credential) => ({
    id: credential.id,
    rawId: toText(credential.rawId),
    type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment || undefined,
  });
  const registration = (credential) => ({
    ...common(credential),
    response: {
      clientDataJSON: toText(credential.response.clientDataJSON),
      attestationObject: toText(credential.response.attestationObject),
      transports: credential.response.getTransports ? credential.response.getTransports() : [],
    },
  });
  const authentication = (credential) => ({
    ...common(credential),
    response: {
      clientDataJSON: toText(credential.response.clientDataJSON),
      authenticatorData: toText(credential.response.authenticatorData),
      signature: toText(credential.response.signature),
      userHandle: credential.response.userHandle
        ? toText(credential.response.userHandle)
        : undefined,
    },
  });
  for (const form of document.querySelectorAll('form[data-webauthn]')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const failed = form.querySelector('[data-webauthn-status]');
      if (failed) failed.hidden = true;
      try {
        const options = JSON.parse(form.dataset.options);
        const answer =
          form.dataset.webauthn === 'create'
            ? registration(await navigator.credentials.create({ publicKey: creation(options) }))
            : authentication(await navigator.credentials.get({ publicKey: request(options) }));
        form.elements.credential.value = JSON.stringify(answer);
        form.submit();
      } catch (error) {
        if (failed) failed.hidden = false;
      }
    });
  }
})();
)js";
}

}  // namespace latch::experience
