import type { Root } from 'mdast';
import { imagePlace, tablePlace, wordsPlace } from '../../document/places.js';
import type { EditionWarning } from '../warning.js';
import type { LayoutLoss } from './completeness.js';
import { ARTICLE_BASE } from './lockdown.js';

/** What the layout of one print edition found wrong, as the browser saw it. */
export interface LayoutFindings {
  lost: LayoutLoss;
  /** Addresses (as written) of the images that did not load. */
  missingImages: string[];
  /** The first cells of each table that runs into the margin. */
  wide: string[];
  /** Requests the lockdown refused. */
  blocked: string[];
}

/**
 * The layout's problems as warnings, each placed at the node of the article's
 * source it came from where the tree still has it (./../../document/places.ts).
 */
export function layoutWarnings(tree: Root, found: LayoutFindings): EditionWarning[] {
  const warnings: EditionWarning[] = [];
  const { hidden, dropped } = found.lost;
  if (hidden.length) {
    const reason = `THE PDF IS MISSING ${hidden.length} of the article's words (from "${hidden.slice(0, 8).join(' ')}"): the layout put them outside every page; please report this with the article`;
    warnings.push({ reason, ruleId: 'pdf-words-outside-pages', place: wordsPlace(tree, hidden) });
  }
  if (dropped) {
    const reason = `THE PDF IS MISSING ${dropped} of the article's letters: the layout left them off every page; please report this with the article`;
    warnings.push({ reason, ruleId: 'pdf-letters-dropped' });
  }
  for (const src of found.missingImages) {
    const reason = `the image ${src || '(no address)'} could not be loaded; it is left out of the PDF, and its alt text printed in its place`;
    warnings.push({ reason, ruleId: 'pdf-image-missing', place: imagePlace(tree, src) });
  }
  for (const start of found.wide) {
    const reason = `a table runs past the text width into the margin (first cells: ${start}); the stylesheet's type sizes or margins are not the ones print tables are fitted to (src/formats/pdf/wide-tables.ts)`;
    warnings.push({ reason, ruleId: 'pdf-table-too-wide', place: tablePlace(tree, start) });
  }
  // An image of the article's folder that was refused is told once, as the image that could not be loaded.
  const missing = new Set(found.missingImages.map((src) => resolved(src)));
  for (const url of new Set(found.blocked)) {
    if (!missing.has(url)) warnings.push({ reason: `blocked a request for ${url}`, ruleId: 'pdf-blocked-request', place: blockedPlace(tree, url) });
  }
  return warnings;
}

function resolved(src: string): string {
  try {
    return new URL(src, ARTICLE_BASE).href;
  } catch {
    return src;
  }
}

/** A refused image the article names: its place (a web font or a tracker the stylesheet asks for has none). */
function blockedPlace(tree: Root, url: string): ReturnType<typeof imagePlace> {
  if (!url.startsWith(ARTICLE_BASE)) return imagePlace(tree, url);
  try {
    return imagePlace(tree, decodeURI(url.slice(ARTICLE_BASE.length)));
  } catch {
    return undefined;
  }
}
