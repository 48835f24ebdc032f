// How an exported file's light is served (issue 24; exports.served since V16): the model page's "Served" cell.
import { h } from './api.js';

/** The short words per kind; the lights standing in are added for a blend and a shared model. */
const WORDS = {
  trained: 'trained',
  spectral: 'spectral model',
  blend: 'blend',
  shared: 'shared model',
  input: 'light as a model input',
  mixed: 'weighted models',
};

/** "blend of D50 + D65", "nearest trained light D65", "spectral model", "trained", ... */
export function servedWords(s) {
  const lights = s.lights || [];
  if (s.kind === 'blend' && lights.length === 1) return `nearest trained light ${lights[0]}`;
  return lights.length ? `${WORDS[s.kind] || s.kind} of ${lights.join(' + ')}` : WORDS[s.kind] || s.kind;
}

/**
 * The cell for one export: the short words, and for a light the model was not trained on a mark that stands out and
 * the full sentence under it (why the spectral model was refused, when it was); the sentence is the tooltip too.
 * An export of no one light (the bundle) has none; a row written before the station recorded it says so.
 */
export function servedCell(x) {
  const s = x.served;
  if (!s) return h('td.served.muted', { dataset: { served: 'none' } }, x.illuminant ? 'not recorded' : '–');
  const sentence = s.refused ? `${s.text}. Not the spectral model: ${s.refused}` : s.text;
  if (s.kind === 'trained') return h('td.served', { title: sentence, dataset: { served: s.kind } }, 'trained');
  return h('td.served.untrained', { title: sentence, dataset: { served: s.kind } },
    h('strong', {}, '⚠ not trained: ', servedWords(s)), h('div.served-text.muted', {}, sentence));
}

/** Beside a download link on the set page: nothing for a trained light, else the short words marked (title: the sentence). */
export function servedMark(x) {
  const s = x.served;
  if (!s || s.kind === 'trained') return null;
  return h('span.served-mark', { title: s.text, dataset: { served: s.kind } }, ` ⚠ not trained: ${servedWords(s)}`);
}
