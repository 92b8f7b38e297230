import { audio } from './audio/edition.js';
import { braille } from './braille/edition.js';
import { epub } from './epub/edition.js';
import type { EditionDescriptor } from './edition.js';
import { html } from './html/edition.js';
import { pdf } from './pdf/edition.js';

/**
 * Every edition Broadside can build, one line each. The build reads only
 * this list; the order is the default order of the report and the usage text.
 */
export const EDITIONS: readonly EditionDescriptor[] = [
  pdf,
  audio,
  braille,
  epub,
  html,
];
