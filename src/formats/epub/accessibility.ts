/** What the book really has, from which its accessibility metadata is written. */
export interface BookFacts {
  /** Images in the book (shown, with their file inside it). */
  images: number;
  /** Of those, images with a text alternative. */
  imagesWithAlt: number;
  /** The narration's Media Overlays are in the book. */
  overlays: boolean;
  /** Every sentence of the text has a clip in the overlays. */
  everySentenceNarrated: boolean;
  /** Parts the narration does not speak (code examples). */
  unspokenParts: number;
  /** Pages of the print edition marked in the book (0: none). */
  printPages: number;
  /** The PDF the page numbers come from. */
  printSource?: string;
  tables: number;
  footnotes: number;
  headings: number;
  /** Reading the article raised warnings (a missing alt text, a skipped heading level, …). */
  readWarnings: number;
}

export const CONFORMANCE = 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA';

export interface AccessibilityMetadata {
  accessMode: string[];
  accessModeSufficient: string[];
  accessibilityFeature: string[];
  accessibilityHazard: string[];
  accessibilitySummary: string;
  /** Present only when the book meets it (see conforms). */
  conformsTo?: string;
}

/**
 * Whether the book can claim EPUB Accessibility 1.1 at WCAG 2.2 AA: the
 * structure, language, contrast, navigation and page list are Broadside's
 * and are checked by EPUBCheck and Ace in its tests; what depends on the
 * article is whether every image has a text alternative and whether reading
 * it raised any warning. Without both, no claim is made.
 */
export function conforms(facts: BookFacts): boolean {
  return facts.imagesWithAlt === facts.images && facts.readWarnings === 0;
}

function allAlt(facts: BookFacts): boolean {
  return facts.imagesWithAlt === facts.images;
}

/** schema.org accessibility metadata (EPUB Accessibility 1.1, §2), each claim from a fact about this book. */
export function accessibilityMetadata(facts: BookFacts): AccessibilityMetadata {
  const visual = facts.images > 0;
  const accessMode = ['textual', ...(facts.overlays ? ['auditory'] : []), ...(visual ? ['visual'] : [])];
  const accessModeSufficient: string[] = [];
  if (allAlt(facts)) accessModeSufficient.push('textual');
  if (visual) accessModeSufficient.push('textual,visual');
  if (facts.overlays && facts.everySentenceNarrated && facts.unspokenParts === 0 && allAlt(facts)) accessModeSufficient.push('auditory');
  const accessibilityFeature = ['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability'];
  if (facts.overlays) accessibilityFeature.push('synchronizedAudioText');
  if (facts.printPages) accessibilityFeature.push('pageNavigation', 'printPageNumbers');
  if (visual && allAlt(facts)) accessibilityFeature.push('alternativeText');
  const meta: AccessibilityMetadata = {
    accessMode,
    accessModeSufficient,
    accessibilityFeature,
    accessibilityHazard: ['none'],
    accessibilitySummary: summary(facts),
  };
  if (conforms(facts)) meta.conformsTo = CONFORMANCE;
  return meta;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The summary reading apps show, in plain words, saying only what this book has. */
export function summary(facts: BookFacts): string {
  const parts: string[] = [
    'This EPUB 3 book is reflowable text that readers can resize and restyle, with a table of contents and headings in a logical reading order, and no hazards (no flashing, sound or motion effects).',
  ];
  if (facts.overlays) {
    parts.push(
      facts.unspokenParts
        ? `It includes synthetic-voice narration synchronised with the text sentence by sentence (Media Overlays); the narration does not read ${plural(facts.unspokenParts, 'code example')}.`
        : 'It includes synthetic-voice narration synchronised with the text sentence by sentence (Media Overlays).',
    );
  } else {
    parts.push('It has no narration.');
  }
  if (facts.printPages) parts.push(`Page-break markers and a page list give the ${plural(facts.printPages, 'page')} of the print edition${facts.printSource ? ` (${facts.printSource})` : ''}.`);
  if (facts.images) {
    parts.push(
      allAlt(facts)
        ? `Every image (${facts.images}) has a text alternative.`
        : `${facts.images - facts.imagesWithAlt} of its ${plural(facts.images, 'image')} ${facts.images - facts.imagesWithAlt === 1 ? 'has' : 'have'} no text alternative.`,
    );
  }
  if (facts.tables) parts.push(`${facts.tables === 1 ? 'Its table has' : 'Its tables have'} header cells.`);
  if (facts.footnotes) parts.push(`${plural(facts.footnotes, 'footnote')} ${facts.footnotes === 1 ? 'is' : 'are'} linked both ways.`);
  parts.push(conforms(facts) ? `It meets ${CONFORMANCE}.` : 'No conformance to WCAG is claimed for it.');
  return parts.join(' ');
}
