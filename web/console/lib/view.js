// The view library: Preact 11 with hooks, and htm for JSX-like templates without a build step
// (vendor/README.md). html`<p>${text}</p>` puts `text` in a text node, as h() does.
import { h, render } from '../vendor/preact-11.2.0/preact.mjs';
import htm from '../vendor/htm-3.1.1/htm.mjs';

export const html = htm.bind(h);
export { render };
export { useEffect, useRef, useState } from '../vendor/preact-11.2.0/hooks.mjs';
